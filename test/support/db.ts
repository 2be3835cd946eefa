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
