import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console's free-text search without joins: each problem and visit keeps its words in `search_text`
 * (lower case, fields separated by U+001F), kept by triggers, and an index of its characters and pairs
 * of adjacent characters (`console_grams`) finds the rows holding every pair of the typed words; the
 * `LIKE` on the same column then keeps exactly the rows that contain them. Pairs, not pg_trgm's
 * trigrams: a two-character Chinese word (融资, 用电) has no trigram, and a trigram index would scan
 * everything for it.
 *
 * - problem: code, description, the firm's name and short name, the lead unit's name, the cadre's name;
 * - visit: summary, the firm's name and short name, the cadre's name.
 *
 * A problem or visit gets its text when written (BEFORE trigger); renaming a firm, a person or a unit
 * rewrites the text of its rows (AFTER trigger, only when the name changed, so a roster import that
 * rewrites every firm unchanged costs nothing). The migration fills existing rows.
 */
export class ConsoleSearch1766820000001 implements MigrationInterface {
  name = 'ConsoleSearch1766820000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    // Every character and every pair of adjacent characters (repeats left in: GIN keeps each key once).
    await q(`CREATE FUNCTION console_grams(t text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
      DECLARE c text[] := string_to_array(t, NULL); g text[] := c;
      BEGIN
        FOR i IN 1 .. cardinality(c) - 1 LOOP g := g || (c[i] || c[i + 1]); END LOOP;
        RETURN g;
      END $$`);
    // What a row must hold to contain the typed text: its pairs (its one character when it has one).
    await q(`CREATE FUNCTION console_query_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT CASE WHEN length(t) < 2 THEN ARRAY[t] ELSE
        (SELECT array_agg(DISTINCT substr(t, i, 2)) FROM generate_series(1, length(t) - 1) i) END
    $$`);
    await q(`CREATE FUNCTION problem_search_text(code text, description text, enterprise_id uuid, lead_unit_id uuid,
        cadre_id uuid) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT lower(concat_ws(chr(31), $1, $2,
        (SELECT concat_ws(chr(31), e.name, e.short_name) FROM enterprise e WHERE e.id = $3),
        (SELECT u.name FROM org_unit u WHERE u.id = $4),
        (SELECT c.name FROM person c WHERE c.id = $5)))
    $$`);
    await q(`CREATE FUNCTION visit_search_text(summary text, enterprise_id uuid, cadre_id uuid) RETURNS text
        LANGUAGE sql STABLE AS $$
      SELECT lower(concat_ws(chr(31), $1,
        (SELECT concat_ws(chr(31), e.name, e.short_name) FROM enterprise e WHERE e.id = $2),
        (SELECT c.name FROM person c WHERE c.id = $3)))
    $$`);
    await q(`ALTER TABLE "problem" ADD "search_text" text`);
    await q(`ALTER TABLE "visit" ADD "search_text" text`);

    // Written rows.
    await q(`CREATE FUNCTION problem_search_text_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      NEW.search_text := problem_search_text(NEW.code, NEW.description, NEW.enterprise_id, NEW.lead_unit_id, NEW.cadre_id);
      RETURN NEW; END $$`);
    await q(`CREATE TRIGGER problem_search_text BEFORE INSERT OR UPDATE OF code, description, enterprise_id,
      lead_unit_id, cadre_id ON problem FOR EACH ROW EXECUTE FUNCTION problem_search_text_row()`);
    await q(`CREATE FUNCTION visit_search_text_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      NEW.search_text := visit_search_text(NEW.summary, NEW.enterprise_id, NEW.cadre_id);
      RETURN NEW; END $$`);
    await q(`CREATE TRIGGER visit_search_text BEFORE INSERT OR UPDATE OF summary, enterprise_id, cadre_id
      ON visit FOR EACH ROW EXECUTE FUNCTION visit_search_text_row()`);

    // Renamed firms, people and units.
    await q(`CREATE FUNCTION enterprise_search_rename() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      UPDATE problem p SET search_text = problem_search_text(p.code, p.description, p.enterprise_id, p.lead_unit_id, p.cadre_id)
        WHERE p.enterprise_id = NEW.id;
      UPDATE visit v SET search_text = visit_search_text(v.summary, v.enterprise_id, v.cadre_id) WHERE v.enterprise_id = NEW.id;
      RETURN NULL; END $$`);
    await q(`CREATE TRIGGER enterprise_search_rename AFTER UPDATE OF name, short_name ON enterprise FOR EACH ROW
      WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.short_name IS DISTINCT FROM NEW.short_name)
      EXECUTE FUNCTION enterprise_search_rename()`);
    await q(`CREATE FUNCTION person_search_rename() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      UPDATE problem p SET search_text = problem_search_text(p.code, p.description, p.enterprise_id, p.lead_unit_id, p.cadre_id)
        WHERE p.cadre_id = NEW.id;
      UPDATE visit v SET search_text = visit_search_text(v.summary, v.enterprise_id, v.cadre_id) WHERE v.cadre_id = NEW.id;
      RETURN NULL; END $$`);
    await q(`CREATE TRIGGER person_search_rename AFTER UPDATE OF name ON person FOR EACH ROW
      WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION person_search_rename()`);
    await q(`CREATE FUNCTION org_unit_search_rename() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      UPDATE problem p SET search_text = problem_search_text(p.code, p.description, p.enterprise_id, p.lead_unit_id, p.cadre_id)
        WHERE p.lead_unit_id = NEW.id;
      RETURN NULL; END $$`);
    await q(`CREATE TRIGGER org_unit_search_rename AFTER UPDATE OF name ON org_unit FOR EACH ROW
      WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION org_unit_search_rename()`);

    // Existing rows, then the indexes (built once over the filled columns).
    await q(
      `UPDATE problem p SET search_text = problem_search_text(p.code, p.description, p.enterprise_id, p.lead_unit_id, p.cadre_id)`,
    );
    await q(`UPDATE visit v SET search_text = visit_search_text(v.summary, v.enterprise_id, v.cadre_id)`);
    await q(`CREATE INDEX "ix_problem_search" ON "problem" USING gin (console_grams("search_text"))`);
    await q(`CREATE INDEX "ix_visit_search" ON "visit" USING gin (console_grams("search_text"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`DROP INDEX "ix_visit_search"`);
    await q(`DROP INDEX "ix_problem_search"`);
    await q(`DROP TRIGGER org_unit_search_rename ON org_unit`);
    await q(`DROP TRIGGER person_search_rename ON person`);
    await q(`DROP TRIGGER enterprise_search_rename ON enterprise`);
    await q(`DROP TRIGGER visit_search_text ON visit`);
    await q(`DROP TRIGGER problem_search_text ON problem`);
    await q(`DROP FUNCTION org_unit_search_rename()`);
    await q(`DROP FUNCTION person_search_rename()`);
    await q(`DROP FUNCTION enterprise_search_rename()`);
    await q(`DROP FUNCTION visit_search_text_row()`);
    await q(`DROP FUNCTION problem_search_text_row()`);
    await q(`ALTER TABLE "visit" DROP COLUMN "search_text"`);
    await q(`ALTER TABLE "problem" DROP COLUMN "search_text"`);
    await q(`DROP FUNCTION visit_search_text(text, uuid, uuid)`);
    await q(`DROP FUNCTION problem_search_text(text, text, uuid, uuid, uuid)`);
    await q(`DROP FUNCTION console_query_grams(text)`);
    await q(`DROP FUNCTION console_grams(text)`);
  }
}
