import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../ormconfig';
import { ADMIN_URL, dbUrl, templateDbName, workerDbName } from './env';

let shared: Promise<DataSource> | null = null;

/** This jest worker's database: a clone of the migrated template, created on first use. */
export function testDataSource(): Promise<DataSource> {
  shared ??= (async () => {
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [workerDbName()]);
      if (exists.rowCount === 0) {
        await admin.query(`CREATE DATABASE "${workerDbName()}" TEMPLATE "${templateDbName()}"`);
      }
    } finally {
      await admin.end();
    }
    const ds = createDataSource(dbUrl(workerDbName()), { extra: { max: 5 } });
    await ds.initialize();
    return ds;
  })();
  return shared;
}

/** The URL of this worker's database (for code that builds its own DataSource). */
export const testDatabaseUrl = () => dbUrl(workerDbName());

/**
 * Empties every table but the migrations log, between tests, and restarts the sequences those tables
 * own (as `TRUNCATE … RESTART IDENTITY` would), in one round trip. DELETE, not TRUNCATE: a TRUNCATE
 * of all the tables makes new files for each and took 0.4–1 s per test on this machine; the DELETE
 * takes ≈ 10 ms. Foreign-key triggers are off for the transaction (session_replication_role
 * replica), so deleting a large roster is not one referencing-table scan per row (which is what made
 * an earlier DELETE version slow on the big kill-9 drill); every table is emptied, so nothing dangles.
 */
export async function truncateAll(ds: DataSource): Promise<void> {
  // Every table of the schema but TypeORM's migration log, so a table without an entity (policy_file) is
  // emptied too.
  const keep = `'${(ds.options.migrationsTableName ?? 'migrations').replace(/'/g, "''")}'`;
  await ds.query(`DO $$
    DECLARE t text; s regclass;
    BEGIN
      PERFORM set_config('session_replication_role', 'replica', true);
      FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> ${keep} LOOP
        EXECUTE format('DELETE FROM %I', t);
      END LOOP;
      FOR s IN
        SELECT DISTINCT q.oid::regclass FROM pg_class q
        JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = q.oid AND d.deptype IN ('a', 'i')
        JOIN pg_class c ON c.oid = d.refobjid
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
        WHERE q.relkind = 'S' AND c.relname <> ${keep}
      LOOP
        IF pg_sequence_last_value(s) IS NOT NULL THEN
          EXECUTE format('ALTER SEQUENCE %s RESTART', s);
        END IF;
      END LOOP;
    END $$`);
}

/** Closes this worker's connection (afterAll of each file). */
export async function closeTestDataSource(): Promise<void> {
  if (!shared) return;
  const ds = await shared;
  shared = null;
  if (ds.isInitialized) await ds.destroy();
}

/**
 * Loads a data set with `load` — the real importer — once per jest worker, and afterwards puts the very
 * rows it wrote back in one statement (≈ 10 ms instead of running the import again).
 *
 * Only on an empty database (as after truncateAll): the first load is kept in a schema of its own
 * (`snap_<key>`, which truncateAll never touches) with a restore function; later calls run that
 * function, which refuses (and the import runs for real) when any table holds a row. The restore writes
 * what the import would write: the same rows with foreign-key triggers off (they were checked on the
 * first load), the sequences the import advanced set where it left them, and every timestamp the
 * import took from the database's clock (its transaction's now(), e.g. created_at) moved to the
 * restoring transaction's now(). `load` must write nothing but PostgreSQL rows (no Redis, no
 * queued jobs): the first load checks that it queued no outbound message.
 */
export async function loadOnce(ds: DataSource, key: string, load: () => Promise<void>): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(key)) throw new Error(`snapshot key ${key}: lower-case letters, digits and _`);
  const schema = `snap_${key}`;
  const [{ ready }] = await ds.query(`SELECT to_regproc($1) IS NOT NULL AS ready`, [`${schema}.restore`]);
  if (ready) {
    const [{ restored }] = await ds.query(`SELECT "${schema}".restore() AS restored`);
    if (restored) return;
    await load();
    return;
  }
  const empty = await isEmpty(ds);
  const [{ t0 }] = await ds.query(`SELECT clock_timestamp()::text AS t0`);
  await load();
  const [{ t1 }] = await ds.query(`SELECT clock_timestamp()::text AS t1`);
  if (!empty) return; // the import ran on rows of the test's own: nothing to keep
  const [{ queued }] = await ds.query(`SELECT count(*)::int AS queued FROM outbound_message`);
  if (queued > 0) throw new Error(`loadOnce(${key}): the load queued ${queued} outbound messages`);
  await ds.query(snapshotSql(ds, schema, t0, t1));
}

/** The migration log's name, as an SQL literal. */
const migrationsTable = (ds: DataSource) =>
  `'${(ds.options.migrationsTableName ?? 'migrations').replace(/'/g, "''")}'`;

/** True when no table of the schema but the migration log holds a row. */
async function isEmpty(ds: DataSource): Promise<boolean> {
  const tables: { name: string }[] = await ds.query(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> ${migrationsTable(ds)}`,
  );
  const any = tables.map((t) => `EXISTS (SELECT 1 FROM "${t.name.replace(/"/g, '""')}")`).join(' OR ');
  const [{ empty }] = await ds.query(`SELECT NOT (${any || 'false'}) AS empty`);
  return empty;
}

/**
 * Copies the non-empty tables into `schema` and writes `schema.restore()`: on an empty database it
 * inserts the copies (timestamps between t0 and t1, the load's span, shifted to now()), sets the
 * sequences and returns true; otherwise it returns false and writes nothing.
 */
function snapshotSql(ds: DataSource, schema: string, t0: string, t1: string): string {
  const keep = migrationsTable(ds);
  return `DO $snap$
    DECLARE
      t text; cols text; exprs text; body text := ''; checks text := ''; tx timestamptz; s record; has boolean;
      lo timestamptz := ${literal(t0)}; hi timestamptz := ${literal(t1)}; v timestamptz;
    BEGIN
      EXECUTE format('CREATE SCHEMA %I', ${literal(schema)});
      -- The load's own instant: the earliest database-clock timestamp it wrote.
      FOR t, cols IN
        SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attnum > 0
          AND NOT a.attisdropped AND a.atttypid = 'timestamptz'::regtype
      LOOP
        EXECUTE format('SELECT min(%I) FROM %I WHERE %I BETWEEN $1 AND $2', cols, t, cols) INTO v USING lo, hi;
        IF v IS NOT NULL AND (tx IS NULL OR v < tx) THEN tx := v; END IF;
      END LOOP;
      FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> ${keep} ORDER BY tablename LOOP
        checks := checks || format(' OR EXISTS (SELECT 1 FROM %I.%I)', current_schema(), t);
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I)', t) INTO has;
        CONTINUE WHEN NOT has;
        EXECUTE format('CREATE TABLE %I.%I AS SELECT * FROM %I', ${literal(schema)}, t, t);
        SELECT string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum),
               string_agg(CASE WHEN a.atttypid = 'timestamptz'::regtype AND tx IS NOT NULL
                            THEN format('CASE WHEN %1$I BETWEEN %2$L AND %3$L THEN %1$I - %4$L::timestamptz + now() ELSE %1$I END',
                                        a.attname, lo, hi, tx)
                            ELSE format('%I', a.attname) END, ', ' ORDER BY a.attnum)
          INTO cols, exprs
          FROM pg_attribute a
          WHERE a.attrelid = format('%I', t)::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '';
        body := body || format(E'INSERT INTO %I.%I (%s) SELECT %s FROM %I.%I;\\n',
                               current_schema(), t, cols, exprs, ${literal(schema)}, t);
      END LOOP;
      -- The sequences the load advanced (the rest were restarted by the reset before it).
      FOR s IN
        SELECT DISTINCT q.oid::regclass AS seq, pg_sequence_last_value(q.oid::regclass) AS last FROM pg_class q
        JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = q.oid AND d.deptype IN ('a', 'i')
        JOIN pg_class c ON c.oid = d.refobjid
        WHERE c.relnamespace = current_schema()::regnamespace AND q.relkind = 'S' AND c.relname <> ${keep}
      LOOP
        IF s.last IS NOT NULL THEN
          body := body || format(E'PERFORM setval(%L, %s);\\n', s.seq::text, s.last);
        END IF;
      END LOOP;
      EXECUTE format(
        $f$CREATE FUNCTION %I.restore() RETURNS boolean LANGUAGE plpgsql AS %L$f$,
        ${literal(schema)},
        format(E'BEGIN\\nIF false%s THEN RETURN false; END IF;\\nPERFORM set_config(''session_replication_role'', ''replica'', true);\\n%sRETURN true;\\nEND',
               checks, body));
    END $snap$`;
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
