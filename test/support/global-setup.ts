import { randomBytes } from 'node:crypto';
import { createDataSource } from '../../ormconfig';
import { dbUrl, templateDbName, withAdmin } from './env';

/** Creates this run's template database, fully migrated; workers clone it. */
export default async function globalSetup(): Promise<void> {
  process.env.QINSHANG_TEST_RUN = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  process.env.TZ = 'Asia/Shanghai';
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${templateDbName()}"`));
  const ds = createDataSource(dbUrl(templateDbName()));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
}
