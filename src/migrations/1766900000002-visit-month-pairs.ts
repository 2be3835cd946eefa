import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The month's contacts (`pairRowsQuery`: distinct visit days per firm, of visits by the firm's holders in
 * the month), which the contact-reminders scan, the digests and the compliance report read, take the
 * month's visits by `visited_on` and need only their firm and cadre. Through the plain `visited_on` index
 * each of the month's visits cost a heap page (the visits of a month lie all over the table): ≈ 42,000
 * buffers and half the scan's time at 100,000 visits a month. With the firm and cadre in the index the
 * read is index-only (≈ 700 buffers). ≈ 55 bytes a visit (66 MB at 1.2 M visits).
 */
export class VisitMonthPairs1766900000002 implements MigrationInterface {
  name = 'VisitMonthPairs1766900000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_visit_month_pairs" ON "visit" ("visited_on") INCLUDE ("enterprise_id", "cadre_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_visit_month_pairs"`);
  }
}
