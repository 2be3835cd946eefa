import { createDataSource } from '../../ormconfig';
import type { Config } from '../config';
import type { Logger } from '../lib/logger';

/** Logged once at start when nobody is on the roster: the service runs, but nobody can use it yet. */
export const EMPTY_ROSTER_HINT =
  'the roster is empty: import the campaign roster with `npm run import -- roster.xlsx` (README: Roster workbook)';

/**
 * `npm start` on one machine migrates; split web/worker processes only check that no migration is
 * pending (operators run `npm run migrate`). It never loads the demo roster: only `npm run demo` does.
 */
export async function prepareDatabase(
  config: Config,
  logger: Logger,
  opts: { migrate: boolean },
): Promise<void> {
  const ds = createDataSource(config.databaseUrl);
  try {
    await ds.initialize();
  } catch (err) {
    throw new Error(
      `cannot connect to PostgreSQL at DATABASE_URL (${redact(config.databaseUrl)}): ${(err as Error).message}` +
        missingDatabaseHint(err, config.databaseUrl),
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
    const rows: { present: boolean }[] = await ds.query(`SELECT EXISTS (SELECT 1 FROM person) AS present`);
    if (!rows[0]?.present) logger.warn(EMPTY_ROSTER_HINT);
  } finally {
    await ds.destroy();
  }
}

/** SQLSTATE 3D000 (invalid_catalog_name): the server is there, the database is not. */
export function missingDatabaseHint(err: unknown, url: string): string {
  if ((err as { code?: string }).code !== '3D000') return '';
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  return ` — create it first: createdb -h HOST -U USER ${name} (or psql -c 'CREATE DATABASE "${name}"')`;
}

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable)';
  }
}
