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

/** Empties every table but the migrations log, between tests. */
export async function truncateAll(ds: DataSource): Promise<void> {
  const tables = ds.entityMetadatas.map((m) => `"${m.tableName}"`).join(', ');
  await ds.query(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`);
}

/** Closes this worker's connection (afterAll of each file). */
export async function closeTestDataSource(): Promise<void> {
  if (!shared) return;
  const ds = await shared;
  shared = null;
  if (ds.isInitialized) await ds.destroy();
}
