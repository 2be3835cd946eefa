import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { createDataSource } from '../../ormconfig';
import { buildContainer, type Container } from '../../src/app/container';
import { buildWebServer } from '../../src/app/web';
import { startWorkers, type WorkerOptions } from '../../src/app/worker';
import { type Config, loadConfig } from '../../src/config';
import { systemClock } from '../../src/lib/clock';
import { createLogger } from '../../src/lib/logger';
import { type CallbackRequest, sendCallback } from '../support/callbacks/callback-request';
import { buildWecomAppTextCallback, randomWecomMsgId } from '../support/callbacks/wecom-callback.builder';
import { FakeWecom } from '../fakes/fake-wecom';
import { spawnCompiled } from '../support/processes';

/**
 * Drills from outside the happy path: a PostgreSQL cluster and a Redis server of their own (so
 * they can be stopped and killed), a fake WeCom, and the real app in-process or as child
 * processes. Used by test/integration/drills and by `npm run drill`.
 */
const PG_BIN = '/usr/lib/postgresql/15/bin';

export const WECOM_ENV = {
  WECOM_CORP_ID: 'wwdrill000000001',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'drill-app-secret',
  WECOM_TOKEN: 'drillToken',
  WECOM_ENCODING_AES_KEY: 'DrillDrillDrillDrillDrillDrillDrill01234567',
};

/** The admin token of the drill's /api. */
export const DRILL_ADMIN_TOKEN = 'drill-admin-token-0123456789';

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', () => resolve()));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

/** Runs a PostgreSQL binary as the postgres OS user (initdb refuses root). */
function pg(bin: string, args: string[]): void {
  const cmd = path.join(PG_BIN, bin);
  if (process.getuid?.() === 0)
    execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'ignore' });
  else execFileSync(cmd, args, { stdio: 'ignore' });
}

/** A throwaway PostgreSQL 15 cluster in a temp dir on a free port, migrated, with database `qinshang`. */
export class DrillPostgres {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'qinshang-drill-pg-'));
  port = 0;

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/qinshang`;
  }

  async init(): Promise<this> {
    if (process.getuid?.() === 0)
      chownSync(this.dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
    pg('initdb', [
      '-D',
      path.join(this.dir, 'data'),
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
    this.port = await freePort();
    this.start();
    const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${this.port}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE qinshang');
    await admin.end();
    const ds = createDataSource(this.url);
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
    return this;
  }

  start(): void {
    const opts = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off -c max_connections=60`;
    pg('pg_ctl', [
      '-D',
      path.join(this.dir, 'data'),
      '-o',
      opts,
      '-l',
      path.join(this.dir, 'log'),
      '-w',
      'start',
    ]);
  }

  /** `pg_ctl stop -m fast`: every connection is cut, new ones are refused. */
  stop(): void {
    pg('pg_ctl', ['-D', path.join(this.dir, 'data'), '-m', 'fast', '-w', 'stop']);
  }

  destroy(): void {
    try {
      this.stop();
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A redis-server of its own without persistence: a kill loses everything, like a crashed cache node. */
export class DrillRedis {
  port = 0;
  private child: ChildProcess | null = null;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.port ||= await freePort();
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    for (let i = 0; i < 100; i++) {
      try {
        execFileSync('redis-cli', ['-p', String(this.port), 'ping'], { stdio: 'ignore' });
        return this;
      } catch {
        await sleep(50);
      }
    }
    throw new Error('redis-server did not start');
  }

  /** kill -9: the data is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}

/** Settings for the app against the drill's services and fake. */
export function drillEnv(
  pgUrl: string,
  redisUrl: string,
  fakeUrl: string,
  extra: Record<string, string> = {},
) {
  return {
    DATABASE_URL: pgUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `drill${Date.now().toString(36)}`,
    WECOM_API_BASE: fakeUrl,
    LOG_LEVEL: 'silent',
    ADMIN_TOKEN: DRILL_ADMIN_TOKEN,
    ...WECOM_ENV,
    ...extra,
  };
}

/** The real app in this process: container, web on a free port, optionally the workers. */
export interface InProcessApp {
  base: string;
  config: Config;
  container: Container;
  startWorkers(options?: WorkerOptions): Promise<void>;
  close(): Promise<void>;
}

export async function startInProcess(env: Record<string, string>): Promise<InProcessApp> {
  const config = loadConfig(env);
  const container = await buildContainer(config, systemClock, createLogger(config.logLevel));
  const server: Server = buildWebServer(container).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let workers: { close(): Promise<void> } | null = null;
  return {
    base,
    config,
    container,
    startWorkers: async (options) => {
      workers = await startWorkers(container, options);
    },
    close: async () => {
      await workers?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await container.close();
    },
  };
}

/** The compiled app as its own process (`node dist/src/main.js ROLE`), node itself receiving the signals. */
export function spawnApp(role: 'web' | 'worker', env: Record<string, string>): Promise<ChildProcess> {
  return spawnCompiled('src/main.js', [role], env, [
    'ignore',
    process.env.DRILL_CHILD_LOGS ? 'inherit' : 'ignore',
    'inherit',
  ]);
}

/** Waits until `check` holds, polling; throws with `what` after `timeoutMs`. */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** One WeCom app text from `userId` through the real callback route; resolves to the HTTP status. */
export function say(base: string, config: Config, userId: string, text = '帮助'): Promise<number> {
  const request = buildWecomAppTextCallback(config.wecom!, {
    userId,
    text,
    msgId: randomWecomMsgId(),
    now: new Date(),
  });
  return postCallback(base, request);
}

/** Sends a callback; resolves to the HTTP status, or 0 when the connection failed (refused, or cut by a killed process). */
export async function postCallback(base: string, request: CallbackRequest): Promise<number> {
  try {
    const res = await sendCallback(base, request);
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** A fake WeCom with the drill's app credentials. */
export function drillFake(): Promise<FakeWecom> {
  return new FakeWecom({ corpId: WECOM_ENV.WECOM_CORP_ID, secret: WECOM_ENV.WECOM_SECRET }).start();
}

/** The users that got a message/send, with how many copies each saw. */
export function copiesPerUser(fake: FakeWecom): Map<string, number> {
  const copies = new Map<string, number>();
  for (const r of fake.sent)
    if (r.api === 'message/send' && r.to) copies.set(r.to, (copies.get(r.to) ?? 0) + 1);
  return copies;
}

/** Counts of stored inbound rows: all, handled, dead. */
export async function inboundCounts(
  pgUrl: string,
): Promise<{ total: number; handled: number; dead: number }> {
  const client = new Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS total, count(handled_at)::int AS handled, count(dead_at)::int AS dead FROM inbound_message`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
}
