import '../lib/load-env';
import { createDataSource } from '../../ormconfig';
import { loadConfig } from '../config';

/** `npm run migrate` applies pending migrations; `npm run migrate -- --revert` undoes them all. */
async function main(): Promise<void> {
  const config = loadConfig();
  const ds = createDataSource(config.databaseUrl);
  await ds.initialize();
  try {
    if (process.argv.includes('--revert')) {
      while ((await migrationsTable(ds)) && (await hasApplied(ds))) {
        await ds.undoLastMigration({ transaction: 'each' });
      }
      console.log('all migrations reverted');
    } else {
      const done = await ds.runMigrations({ transaction: 'each' });
      console.log(done.length ? `applied: ${done.map((m) => m.name).join(', ')}` : 'database is up to date');
    }
  } finally {
    await ds.destroy();
  }
}

async function migrationsTable(ds: import('typeorm').DataSource): Promise<boolean> {
  const rows: { t: string | null }[] = await ds.query(`SELECT to_regclass('migrations') AS t`);
  return Boolean(rows[0]?.t);
}

async function hasApplied(ds: import('typeorm').DataSource): Promise<boolean> {
  const rows: { n: number }[] = await ds.query('SELECT count(*)::int AS n FROM migrations');
  return (rows[0]?.n ?? 0) > 0;
}

main().catch((err) => {
  console.error(`migrate failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
