import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { createDataSource } from '../../../ormconfig';
import { FixedClock } from '../../../src/lib/clock';
import { RosterImportService } from '../../../src/roster/roster-import.service';
import { toRaw, validTables } from '../../fixtures/roster/roster.builder';
import { TEST_REDIS_URL, dbUrl, runId, testPrefix, withAdmin } from '../../support/env';
import { compiledService } from '../../support/production-build';

const run = promisify(execFile);
const TOKEN = 'restore-admin-token-0123456789';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Where the compiled service is (what `dist/` holds after `npm run build`). */
let dist = '';

/** The compiled service (`node dist/src/main.js ROLE`) with only the settings given: no demo, no .env defaults for platforms. */
async function startCompiled(role: string, env: Record<string, string>) {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(dist, 'src/main.js'), role], {
    cwd: tmpdir(), // not the package folder: the .env next to package.json is all it reads
    env: { PATH: process.env.PATH ?? '', PORT: String(port), REDIS_URL: TEST_REDIS_URL, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  for (const end = Date.now() + 30_000; Date.now() < end;) {
    if (child.exitCode !== null) throw new Error(`the service exited: ${log}`);
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await sleep(50);
  }
  return {
    base,
    log: () => log,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM'); // straight to node: no npm or shell in between
      await exited;
      return child.exitCode;
    },
  };
}

describe('the compiled service in production', () => {
  const fresh = `qinshang_test_${runId()}_prod`;
  const restored = `qinshang_test_${runId()}_restored`;
  const dumpDir = mkdtempSync(path.join(tmpdir(), 'qinshang-dump-'));

  beforeAll(async () => {
    // `npm run build`'s compile, again only when the sources changed since the last run's.
    dist = await compiledService();
    await withAdmin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${fresh}"`);
      await c.query(`DROP DATABASE IF EXISTS "${restored}"`);
      await c.query(`CREATE DATABASE "${fresh}"`);
    });
  }, 240_000);
  afterAll(() => rmSync(dumpDir, { recursive: true, force: true }));

  it('starts on an empty database with no demo settings, loads no demo row and says how to import', async () => {
    const service = await startCompiled('all', {
      DATABASE_URL: dbUrl(fresh),
      QUEUE_PREFIX: `${testPrefix()}_prod`,
    });
    try {
      const home = await fetch(`${service.base}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('千人亲商助企');
      const ds = createDataSource(dbUrl(fresh));
      await ds.initialize();
      try {
        const [counts] = await ds.query(
          `SELECT (SELECT count(*) FROM person)::int AS people, (SELECT count(*) FROM org_unit)::int AS units,
                  (SELECT count(*) FROM enterprise)::int AS firms, (SELECT count(*) FROM pairing)::int AS pairs`,
        );
        expect(counts).toEqual({ people: 0, units: 0, firms: 0, pairs: 0 });
      } finally {
        await ds.destroy();
      }
      expect(service.log()).toContain('the roster is empty: import the campaign roster');
      expect(service.log().match(/the roster is empty/g)).toHaveLength(1);
    } finally {
      expect(await service.stop()).toBe(0);
    }
  }, 60_000);

  it('a pg_dump restored into a new database carries on: same rows, no pending migration, the API answers', async () => {
    const ds = createDataSource(dbUrl(fresh));
    await ds.initialize();
    try {
      const outcome = await new RosterImportService(
        ds,
        new FixedClock(new Date('2026-11-02T01:00:00Z')),
      ).importRaw(toRaw(validTables()));
      expect(outcome.ok).toBe(true);
      await ds.query(
        `INSERT INTO problem (code, enterprise_id, reporter_id, cadre_id, description, status)
         SELECT 'W20261102-0001', e.id, p.id, p.id, '用地审批', 'pending'
         FROM enterprise e, person p WHERE e.short_name = '秦创' AND p.mobile = '13800000001'`,
      );
    } finally {
      await ds.destroy();
    }
    const dump = path.join(dumpDir, 'qinshang.dump');
    await run('pg_dump', ['--format=custom', '--file', dump, '--dbname', dbUrl(fresh)]);
    await withAdmin((c) => c.query(`CREATE DATABASE "${restored}"`));
    await run('pg_restore', ['--no-owner', '--dbname', dbUrl(restored), dump]);

    // The web role refuses to start with a pending migration: starting proves the schema came back whole.
    const service = await startCompiled('web', {
      DATABASE_URL: dbUrl(restored),
      QUEUE_PREFIX: `${testPrefix()}_restored`,
      ADMIN_TOKEN: TOKEN,
    });
    try {
      const res = await fetch(`${service.base}/api/problems/W20261102-0001`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { code: string; enterprise: { name: string } };
      expect(body.code).toBe('W20261102-0001');
      expect(body.enterprise.name).toBe('西安秦创智能装备有限公司');
      expect(service.log()).not.toContain('the roster is empty');
    } finally {
      expect(await service.stop()).toBe(0);
    }
  }, 120_000);
});
