import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 一类事: a trouble many firms reported, its unit and systemic answer, and the problems linked to it. */
export class RecurringIssues1766400000002 implements MigrationInterface {
  name = 'RecurringIssues1766400000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "recurring_issue" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" SERIAL NOT NULL, "title" character varying(200) NOT NULL, "category_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'open', "unit_id" uuid, "answer" text, "opened_by_id" uuid NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE, "settled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_af90b5456cfbdae7a58e777e01" CHECK ("status" IN ('open', 'assigned', 'settled')), CONSTRAINT "PK_f2466892c92bb095852046edd8d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_668493ce5d3c55501a082945a5" ON "recurring_issue"  ("number") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d027709b1324eefc5c00ceb1c2" ON "recurring_issue"  ("unit_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "recurring_issue_problem" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issue_id" uuid NOT NULL, "problem_id" uuid NOT NULL, CONSTRAINT "PK_b20e3b47d999ffd6b18fb3ed11e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4c335a72712ead7ef74a2c7ad5" ON "recurring_issue_problem"  ("issue_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_655ceaff405dd6aefcc28f3546" ON "recurring_issue_problem"  ("problem_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "recurring_issue" ADD CONSTRAINT "FK_b72d06e8da9810e60141a4ac425" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recurring_issue" ADD CONSTRAINT "FK_d027709b1324eefc5c00ceb1c26" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recurring_issue" ADD CONSTRAINT "FK_809268ad967389f7240877950d2" FOREIGN KEY ("opened_by_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recurring_issue_problem" ADD CONSTRAINT "FK_4c335a72712ead7ef74a2c7ad59" FOREIGN KEY ("issue_id") REFERENCES "recurring_issue"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recurring_issue_problem" ADD CONSTRAINT "FK_655ceaff405dd6aefcc28f3546e" FOREIGN KEY ("problem_id") REFERENCES "problem"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "recurring_issue_problem" DROP CONSTRAINT "FK_655ceaff405dd6aefcc28f3546e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "recurring_issue_problem" DROP CONSTRAINT "FK_4c335a72712ead7ef74a2c7ad59"`,
    );
    await queryRunner.query(`ALTER TABLE "recurring_issue" DROP CONSTRAINT "FK_809268ad967389f7240877950d2"`);
    await queryRunner.query(`ALTER TABLE "recurring_issue" DROP CONSTRAINT "FK_d027709b1324eefc5c00ceb1c26"`);
    await queryRunner.query(`ALTER TABLE "recurring_issue" DROP CONSTRAINT "FK_b72d06e8da9810e60141a4ac425"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_655ceaff405dd6aefcc28f3546"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4c335a72712ead7ef74a2c7ad5"`);
    await queryRunner.query(`DROP TABLE "recurring_issue_problem"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d027709b1324eefc5c00ceb1c2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_668493ce5d3c55501a082945a5"`);
    await queryRunner.query(`DROP TABLE "recurring_issue"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a854c9dab2ec5c9d86175ad60b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ed76e3e2b102cdfd7f5b31118c"`);
  }
}
