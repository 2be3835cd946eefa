import type { MigrationInterface, QueryRunner } from 'typeorm';

/** binding_audit (every 绑定, code, request, refusal, revocation) and binding_request (admin approval). */
export class BindingAudit1765300000001 implements MigrationInterface {
  name = 'BindingAudit1765300000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "binding_audit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "platform" character varying(16) NOT NULL, "external_user_id" character varying(128) NOT NULL, "person_id" uuid NOT NULL, "action" character varying(16) NOT NULL, "method" character varying(16), "actor_id" uuid, "note" text, CONSTRAINT "CHK_49e8b51974f1c17049aeba62b5" CHECK ("action" IN ('bound', 'code_sent', 'requested', 'refused', 'revoked')), CONSTRAINT "CHK_34228486433d8e8cc103b23f52" CHECK ("platform" IN ('wecom', 'dingtalk')), CONSTRAINT "PK_c3769193c4852413e4972403e93" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_54705a956ad548d35bfc5ae563" ON "binding_audit"  ("person_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "binding_request" ("no" SERIAL NOT NULL, "platform" character varying(16) NOT NULL, "external_user_id" character varying(128) NOT NULL, "person_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by" uuid, CONSTRAINT "CHK_4fc044a2eeb4ca70c13b6f8a46" CHECK ("status" IN ('pending', 'approved', 'refused')), CONSTRAINT "CHK_4b37b44d1870350ee31e119ef0" CHECK ("platform" IN ('wecom', 'dingtalk')), CONSTRAINT "PK_52fa9a24930af6d0e3a40010eea" PRIMARY KEY ("no"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_f97807fef8f056a22783977196" ON "binding_request"  ("platform", "external_user_id") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `ALTER TABLE "binding_request" ADD CONSTRAINT "FK_6a3b04984d005d5080d1beeb930" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "binding_request" DROP CONSTRAINT "FK_6a3b04984d005d5080d1beeb930"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f97807fef8f056a22783977196"`);
    await queryRunner.query(`DROP TABLE "binding_request"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_54705a956ad548d35bfc5ae563"`);
    await queryRunner.query(`DROP TABLE "binding_audit"`);
  }
}
