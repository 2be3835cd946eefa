import { createDataSource } from '../../ormconfig';
import type { Config } from '../config';
import type { Logger } from '../lib/logger';
import { systemClock } from '../lib/clock';
import { seedIfEmpty } from '../roster/seed';
import { seedOutreachDemo } from '../services/outreach/demo-seed';

/**
 * `npm start` on one machine migrates and loads the demo roster into an empty database; split
 * web/worker processes only check that no migration is pending (operators run `npm run migrate`).
 */
export async function prepareDatabase(
  config: Config,
  logger: Logger,
  opts: { migrate: boolean; seedDemo: boolean },
): Promise<void> {
  const ds = createDataSource(config.databaseUrl);
  try {
    await ds.initialize();
  } catch (err) {
    throw new Error(
      `cannot connect to PostgreSQL at DATABASE_URL (${redact(config.databaseUrl)}): ${(err as Error).message}`,
      { cause: err },
    );
  }
  try {
    if (opts.migrate) {
      const applied = await ds.runMigrations({ transaction: 'each' });
      if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    } else if (await ds.showMigrations()) {
      throw new Error('the database has pending migrations: run `npm run migrate` first');
    }
    if (opts.seedDemo) {
      const seeded = await seedIfEmpty(ds, systemClock);
      if (seeded) {
        logger.info('empty database: loaded the demo roster from seeds/');
        await seedOutreachDemo(ds, systemClock);
      }
    }
  } finally {
    await ds.destroy();
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable)';
  }
}
