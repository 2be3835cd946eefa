import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The firm lookup's fuzzy branch returns at most `keep` (40) ids, but a set-returning function is
 * estimated at 1,000 rows unless told: with that estimate the planner joined the candidates to
 * `enterprise` by hashing a sequential scan of every firm (≈ 120 ms at 50,000 firms, growing with the
 * roster) instead of 40 primary-key probes. Tell it the real bound.
 */
export class FuzzyIdsRows1766810000001 implements MigrationInterface {
  name = 'FuzzyIdsRows1766810000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER FUNCTION "enterprise_fuzzy_ids"(text, integer, integer) ROWS 40`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER FUNCTION "enterprise_fuzzy_ids"(text, integer, integer) ROWS 1000`);
  }
}
