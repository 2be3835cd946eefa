import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Leaders' explanations of 慢作为/不作为 lines (kept in the record, left off the next month's list). */
export class Accountability1766400000001 implements MigrationInterface {
  name = 'Accountability1766400000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "accountability_explanation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subject_kind" character varying(8) NOT NULL, "subject_id" uuid NOT NULL, "rule" character varying(24) NOT NULL, "period" character varying(7) NOT NULL, "facts" jsonb NOT NULL, "note" text NOT NULL, "explained_by_id" uuid, "explained_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_ce0a08ec5f49f0563e36370ea7" CHECK ("rule" IN ('missed_contacts', 'overdue', 'unsatisfied')), CONSTRAINT "CHK_ffed553ddd406b7763b09358a3" CHECK ("subject_kind" IN ('cadre', 'unit')), CONSTRAINT "PK_c4a34c33ae3a8d4e736a780ad73" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ed76e3e2b102cdfd7f5b31118c" ON "accountability_explanation"  ("period") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_a854c9dab2ec5c9d86175ad60b" ON "accountability_explanation"  ("subject_kind", "subject_id", "rule", "period") `,
    );
    await queryRunner.query(
      `ALTER TABLE "accountability_explanation" ADD CONSTRAINT "FK_a9be27b40bf66b6efcff3c1cc6b" FOREIGN KEY ("explained_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "accountability_explanation" DROP CONSTRAINT "FK_a9be27b40bf66b6efcff3c1cc6b"`,
    );
    await queryRunner.query(`DROP TABLE "accountability_explanation"`);
  }
}
