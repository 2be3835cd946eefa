import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Firm lookup in the database: stored name keys, pinyin syllables and a pg_trgm-indexed search text, so a
 * lookup scores a few dozen candidates instead of every firm. The columns are filled by the import (and by
 * the lookup for rows stored any other way); `idx_enterprise_search_pending` finds the rows still to fill.
 */
export class EnterpriseSearch1765600000001 implements MigrationInterface {
  name = 'EnterpriseSearch1765600000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`ALTER TABLE "enterprise" ADD "name_key" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "enterprise" ADD "short_key" character varying(50)`);
    await queryRunner.query(`ALTER TABLE "enterprise" ADD "name_syllables" text`);
    await queryRunner.query(`ALTER TABLE "enterprise" ADD "short_syllables" text`);
    await queryRunner.query(`ALTER TABLE "enterprise" ADD "search_text" text`);
    await queryRunner.query(`CREATE INDEX "IDX_7d7d1e4ee369958956b151a00c" ON "enterprise" ("name_key")`);
    await queryRunner.query(`CREATE INDEX "IDX_54da2cd08ea673ef0ad18f8796" ON "enterprise" ("short_key")`);
    // fastupdate off: a lookup never scans a pending list of unmerged inserts (tens of ms after an import).
    await queryRunner.query(
      `CREATE INDEX "idx_enterprise_search_text_trgm" ON "enterprise" USING gin ("search_text" gin_trgm_ops) WITH (fastupdate = off)`,
    );
    // The planner estimates `<%` by running word_similarity over the column's statistics (≈ 10 ms a
    // lookup); without statistics it takes a fixed estimate, and the GIN index is the only sensible plan.
    await queryRunner.query(`ALTER TABLE "enterprise" ALTER COLUMN "search_text" SET STATISTICS 0`);
    // The fuzzy branch as a function so its settings (the candidate threshold; index scans only, since the
    // planner cannot estimate `<%` without statistics) hold for that query alone, in one round trip.
    await queryRunner.query(
      `CREATE FUNCTION "enterprise_fuzzy_ids"(query text, scan integer, keep integer) RETURNS SETOF uuid
       LANGUAGE sql STABLE
       SET pg_trgm.word_similarity_threshold = 0.45 SET enable_seqscan = off
       AS $$
         SELECT id FROM (SELECT id, search_text FROM enterprise WHERE active AND query <% search_text LIMIT scan) near
         ORDER BY word_similarity(query, search_text) DESC, id LIMIT keep
       $$`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_enterprise_search_pending" ON "enterprise" ("id") WHERE "search_text" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "enterprise_fuzzy_ids"(text, integer, integer)`);
    await queryRunner.query(`DROP INDEX "idx_enterprise_search_pending"`);
    await queryRunner.query(`DROP INDEX "idx_enterprise_search_text_trgm"`);
    await queryRunner.query(`DROP INDEX "IDX_54da2cd08ea673ef0ad18f8796"`);
    await queryRunner.query(`DROP INDEX "IDX_7d7d1e4ee369958956b151a00c"`);
    await queryRunner.query(`ALTER TABLE "enterprise" DROP COLUMN "search_text"`);
    await queryRunner.query(`ALTER TABLE "enterprise" DROP COLUMN "short_syllables"`);
    await queryRunner.query(`ALTER TABLE "enterprise" DROP COLUMN "name_syllables"`);
    await queryRunner.query(`ALTER TABLE "enterprise" DROP COLUMN "short_key"`);
    await queryRunner.query(`ALTER TABLE "enterprise" DROP COLUMN "name_key"`);
  }
}
