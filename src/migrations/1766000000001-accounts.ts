import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Platform accounts become rows (person × platform × account id) instead of a column per platform
 * on `person`, so a new platform needs no migration. The roster's 企业微信账号 / 钉钉账号 are copied
 * into person_account (and copied back by `down`). inbound_message.platform accepts any adapter's
 * name instead of a fixed list.
 */
export class Accounts1766000000001 implements MigrationInterface {
  name = 'Accounts1766000000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "person_account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "platform" character varying(16) NOT NULL, "account_id" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_ed1259eb03a794aff81f025985" CHECK ("platform" ~ '^[a-z][a-z0-9_]*$'), CONSTRAINT "PK_31a014bb67020155ba0aaa6f94a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_5add8e3feddc84fe6758e39153" ON "person_account"  ("person_id", "platform") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_6cf10df729cd6fadd6e141a986" ON "person_account"  ("platform", "account_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "person_account" ADD CONSTRAINT "FK_9524c73cb2b007afed3d92af208" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO "person_account" ("person_id", "platform", "account_id", "created_at")
       SELECT id, 'wecom', wecom_user_id, created_at FROM "person" WHERE wecom_user_id IS NOT NULL
       UNION ALL
       SELECT id, 'dingtalk', dingtalk_user_id, created_at FROM "person" WHERE dingtalk_user_id IS NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_0456f726ce9621124c912227de"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_965b23ac15a451db838721408b"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "wecom_user_id"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "dingtalk_user_id"`);
    await queryRunner.query(`ALTER TABLE "inbound_message" DROP CONSTRAINT "CHK_0506cea7a4874acd8a8ce4411c"`);
    await queryRunner.query(
      `ALTER TABLE "inbound_message" ADD CONSTRAINT "CHK_e29c55106b7d00692b91e1c1d5" CHECK ("platform" ~ '^[a-z][a-z0-9_]*$')`,
    );
  }

  /** Restores the two columns from the rows; accounts of other platforms have no column and are lost. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM "inbound_message" WHERE platform NOT IN ('wecom', 'wecom_bot', 'dingtalk')`,
    );
    await queryRunner.query(`ALTER TABLE "inbound_message" DROP CONSTRAINT "CHK_e29c55106b7d00692b91e1c1d5"`);
    await queryRunner.query(
      `ALTER TABLE "inbound_message" ADD CONSTRAINT "CHK_0506cea7a4874acd8a8ce4411c" CHECK ("platform" IN ('wecom', 'wecom_bot', 'dingtalk'))`,
    );
    await queryRunner.query(`ALTER TABLE "person" ADD "dingtalk_user_id" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "person" ADD "wecom_user_id" character varying(64)`);
    await queryRunner.query(
      `UPDATE "person" p SET wecom_user_id = a.account_id FROM "person_account" a
       WHERE a.person_id = p.id AND a.platform = 'wecom'`,
    );
    await queryRunner.query(
      `UPDATE "person" p SET dingtalk_user_id = a.account_id FROM "person_account" a
       WHERE a.person_id = p.id AND a.platform = 'dingtalk'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_965b23ac15a451db838721408b" ON "person"  ("dingtalk_user_id") WHERE "dingtalk_user_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_0456f726ce9621124c912227de" ON "person"  ("wecom_user_id") WHERE "wecom_user_id" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "person_account" DROP CONSTRAINT "FK_9524c73cb2b007afed3d92af208"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6cf10df729cd6fadd6e141a986"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5add8e3feddc84fe6758e39153"`);
    await queryRunner.query(`DROP TABLE "person_account"`);
  }
}
