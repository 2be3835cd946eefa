import type { DataSource } from 'typeorm';
import { ENTITIES } from '../../src/entities';
import { createDataSource } from '../../ormconfig';
import { dbUrl, runId, templateDbName, withAdmin, workerDbName } from './env';

let shared: Promise<DataSource> | null = null;

/** This jest worker's database: a clone of the migrated template, created on first use. */
export function testDataSource(): Promise<DataSource> {
  shared ??= (async () => {
    await withAdmin(async (admin) => {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [workerDbName()]);
      if (exists.rowCount === 0) {
        await admin.query(`CREATE DATABASE "${workerDbName()}" TEMPLATE "${templateDbName()}"`);
      }
    });
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

/**
 * An empty database of this run (no migrations), made before the file's tests, for tests that migrate
 * one from scratch; no other file uses it. Returns its URL. The global teardown drops it with the run's
 * other databases, all at once: a DROP DATABASE waits for a checkpoint (1–3 s each on this machine),
 * which the file's own afterAll used to wait for.
 */
export function useScratchDatabase(suffix: string): string {
  const name = `qinshang_test_${runId()}_${suffix}`;
  beforeAll(async () => {
    await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  });
  return dbUrl(name);
}

/** Closes this worker's connection (afterAll of each file). */
export async function closeTestDataSource(): Promise<void> {
  if (!shared) return;
  const ds = await shared;
  shared = null;
  if (ds.isInitialized) await ds.destroy();
}

/**
 * Loads a data set with `load` — the real importer or fixture builder — once per jest worker, and
 * afterwards puts the very rows it wrote back in one statement (≈ 10 ms instead of loading again);
 * what `load` returned (entities, ids) comes back with them, decoded anew each time.
 *
 * Only on an empty database (as after truncateAll): the first load is kept in a schema of its own
 * (`snap_<key>`, which truncateAll never touches) with a restore function; later calls run that
 * function, which refuses (and `load` runs for real) when any table holds a row. The restore writes
 * what the load would write: the same rows with foreign-key triggers off (they were checked on the
 * first load), the sequences the load advanced set where it left them, and every timestamp the load
 * took from the database's clock (its transaction's now(), e.g. created_at) moved to the restoring
 * transaction's now(). Its only difference: uuids from gen_random_uuid() are those of the first load.
 * `load` must write nothing but PostgreSQL rows (no Redis, no queued jobs): the first load checks that
 * it queued no outbound message.
 */
export async function loadOnce<T>(ds: DataSource, key: string, load: () => Promise<T>): Promise<T> {
  if (!/^[a-z0-9_]+$/.test(key)) throw new Error(`snapshot key ${key}: lower-case letters, digits and _`);
  const schema = `snap_${key}`;
  try {
    const [{ value }] = await ds.query(`SELECT "${schema}".restore() AS value`);
    return value === null ? load() : (decode(JSON.parse(value)) as T);
  } catch (err) {
    // 3F000: no such schema yet, the first load of this worker.
    if ((err as { driverError?: { code?: string } }).driverError?.code !== '3F000') throw err;
  }
  const empty = await isEmpty(ds);
  const [{ t0 }] = await ds.query(`SELECT clock_timestamp()::text AS t0`);
  const value = await load();
  const [{ t1 }] = await ds.query(`SELECT clock_timestamp()::text AS t1`);
  if (!empty) return value; // it ran on rows of the test's own: nothing to keep
  const [{ queued }] = await ds.query(`SELECT count(*)::int AS queued FROM outbound_message`);
  if (queued > 0) throw new Error(`loadOnce(${key}): the load queued ${queued} outbound messages`);
  await ds.query(snapshotSql(ds, schema, t0, t1, JSON.stringify(encode(value))));
  return value;
}

/** The classes a loaded value may hold (by name), so that decode gives back instances of them. */
const CLASSES = new Map<string, { prototype: object }>(ENTITIES.map((c) => [c.name, c]));

type Encoded = null | boolean | number | string | Encoded[] | { [k: string]: Encoded };

/** A value as JSON that keeps what JSON drops: undefined, Dates, the class of an entity. */
function encode(v: unknown): Encoded {
  if (v === undefined) return { $u: 1 };
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  if (v instanceof Date) return { $d: v.toISOString() };
  if (Array.isArray(v)) return v.map(encode);
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v) as object | null;
    const name = proto === Object.prototype || proto === null ? null : (proto.constructor.name as string);
    if (name !== null && CLASSES.get(name)?.prototype !== proto)
      throw new Error(`loadOnce: cannot keep a ${name}`);
    const fields: Record<string, Encoded> = {};
    for (const [k, x] of Object.entries(v)) fields[k] = encode(x);
    return { $o: name, f: fields };
  }
  throw new Error(`loadOnce: cannot keep a ${typeof v}`);
}

function decode(e: Encoded): unknown {
  if (e === null || typeof e !== 'object') return e;
  if (Array.isArray(e)) return e.map(decode);
  if ('$u' in e) return undefined;
  if ('$d' in e) return new Date(e.$d as string);
  const name = e.$o as string | null;
  const out = (name === null ? {} : Object.create(CLASSES.get(name)!.prototype)) as Record<string, unknown>;
  for (const [k, x] of Object.entries(e.f as Record<string, Encoded>)) out[k] = decode(x);
  return out;
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
 * sequences and returns `value` (the load's result, encoded); otherwise it returns NULL and writes nothing.
 */
function snapshotSql(ds: DataSource, schema: string, t0: string, t1: string, value: string): string {
  const keep = migrationsTable(ds);
  return `DO $snap$
    DECLARE
      t text; cols text; exprs text; body text := ''; checks text := ''; tx timestamptz; s record; has boolean;
      lo timestamptz := ${literal(t0)}; hi timestamptz := ${literal(t1)}; v timestamptz; val text := ${literal(value)};
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
        $f$CREATE FUNCTION %I.restore() RETURNS text LANGUAGE plpgsql AS %L$f$,
        ${literal(schema)},
        format(E'BEGIN\\nIF false%s THEN RETURN NULL; END IF;\\nPERFORM set_config(''session_replication_role'', ''replica'', true);\\n%sRETURN %L;\\nEND',
               checks, body, val));
    END $snap$`;
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
