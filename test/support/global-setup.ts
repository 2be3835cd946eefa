import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource } from '../../ormconfig';
import { ADMIN_URL, dbUrl, templateDbName } from './env';

/** Creates this run's template database, fully migrated; workers clone it. */
export default async function globalSetup(): Promise<void> {
  process.env.QINSHANG_TEST_RUN = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  process.env.TZ = 'Asia/Shanghai';
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${templateDbName()}"`);
  } finally {
    await admin.end();
  }
  const ds = createDataSource(dbUrl(templateDbName()));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
}
