import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * enterprise.contact_target: the roster's optional 每月走访次数, a key firm's own monthly contact target
 * (the contact rule's default applies while it is null, so existing firms keep 一月两见).
 */
export class ContactTarget1766100000001 implements MigrationInterface {
  name = 'ContactTarget1766100000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enterprise" ADD "contact_target" smallint`);
    await queryRunner.query(
      `ALTER TABLE "enterprise" ADD CONSTRAINT "CHK_3119e773c51afd24d3af6f2e1f" CHECK ("contact_target" IS NULL OR "contact_target" BETWEEN 2 AND 10)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enterprise" DROP CONSTRAINT "CHK_3119e773c51afd24d3af6f2e1f"`);
    await queryRunner.query(`ALTER TABLE "enterprise" DROP COLUMN "contact_target"`);
  }
}
