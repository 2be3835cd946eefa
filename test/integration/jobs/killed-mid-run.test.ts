import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { closeTestDataSource, testDataSource, testDatabaseUrl, truncateAll } from '../../support/db';
import { TEST_REDIS_URL, testPrefix } from '../../support/env';

const CADRES = 3000;
const AT = '2026-11-25T09:00:00+08:00'; // a Wednesday from the 25th: every short pair is nudged
const ROOT = path.resolve(__dirname, '../../..');

/**
 * `npm run job -- contact-reminders --at …` as its own process, on the test database and prefix. `node
 * --import tsx` loads the TypeScript in the one process the SIGKILL hits (the tsx CLI would start a
 * second node process, which the kill would not reach, and cost another start-up).
 */
function runJob(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/job.ts', 'contact-reminders', '--at', AT], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: testDatabaseUrl(),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `${testPrefix()}_killed`,
      LOG_LEVEL: 'silent',
      // A WeCom app makes cadres reachable; no worker runs, so nothing is actually sent.
      WECOM_CORP_ID: 'wwkilledtest0001',
      WECOM_AGENT_ID: '1000002',
      WECOM_SECRET: 'secret',
      WECOM_TOKEN: 'token',
      WECOM_ENCODING_AES_KEY: 'KilledKilledKilledKilledKilledKilled0123456',
      WECOM_API_BASE: 'http://127.0.0.1:9',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

/** Many cadres, each with one pair and no contact this month. */
async function bigRoster(ds: DataSource): Promise<void> {
  await ds.query(`INSERT INTO org_unit (name, kind) VALUES ('雁塔区', 'district')`);
  await ds.query(
    `INSERT INTO person (name, mobile, unit_id, roles)
     SELECT '干部' || i, (13900000000 + i)::text, (SELECT id FROM org_unit), ARRAY['cadre']::varchar[]
     FROM generate_series(1, $1) i`,
    [CADRES],
  );
  await ds.query(
    `INSERT INTO person_account (person_id, platform, account_id)
     SELECT id, 'wecom', 'cadre' || (mobile::bigint - 13900000000) FROM person`,
  );
  await ds.query(
    `INSERT INTO enterprise (name, credit_code, district_id)
     SELECT '测试企业' || i, lpad(i::text, 18, '0'), (SELECT id FROM org_unit) FROM generate_series(1, $1) i`,
    [CADRES],
  );
  await ds.query(
    `INSERT INTO pairing (cadre_id, enterprise_id, started_at)
     SELECT p.id, e.id, '2026-01-01T00:00:00+08:00'
     FROM person p JOIN enterprise e ON e.name = '测试企业' || substr(p.name, 3)`,
  );
}

describe('contact-reminders killed mid-run (SIGKILL) and run again', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await testDataSource();
    await truncateAll(ds);
    await bigRoster(ds);
  });
  afterAll(closeTestDataSource);

  const cadreMessages = async () =>
    (
      await ds.query(
        `SELECT count(*)::int AS n, count(DISTINCT target)::int AS targets FROM outbound_message
         WHERE idempotency_key LIKE 'contact-reminders-2026-11-25-cadre-%'`,
      )
    )[0] as { n: number; targets: number };

  it('sends every cadre exactly one reminder in all', async () => {
    const first = runJob();
    let firstErr = '';
    first.stderr?.on('data', (d) => (firstErr += d));
    first.stdout?.on('data', (d) => (firstErr += d));
    const firstExit = exited(first);
    let stored = 0;
    // Until the run is well under way: its start-up (tsx, the container) takes seconds, many more on a
    // machine whose cores the other jest worker and other sessions share.
    const startBy = Date.now() + 120_000;
    while (stored < 200 && Date.now() < startBy && first.exitCode === null) {
      await sleep(50);
      stored = (await cadreMessages()).n;
    }
    if (stored < 200) throw new Error(`the first run stored ${stored} messages: ${firstErr}`);
    first.kill('SIGKILL');
    await firstExit;

    const partial = await cadreMessages();
    expect(partial.n).toBeLessThan(CADRES); // it really died mid-run
    const [unfinished] = await ds.query(
      `SELECT finished_at FROM job_run WHERE job = 'contact-reminders' AND period = '2026-11-25'`,
    );
    expect(unfinished.finished_at).toBeNull();

    const second = runJob();
    let output = '';
    second.stdout?.on('data', (d) => (output += d));
    expect(await exited(second)).toBe(0);
    expect(output).toContain('contact-reminders for 2026-11-25');

    const done = await cadreMessages();
    expect(done).toEqual({ n: CADRES, targets: CADRES });
    const [finished] = await ds.query(
      `SELECT finished_at FROM job_run WHERE job = 'contact-reminders' AND period = '2026-11-25'`,
    );
    expect(finished.finished_at).not.toBeNull();

    const third = runJob(); // a finished period sends nothing new
    expect(await exited(third)).toBe(0);
    expect(await cadreMessages()).toEqual({ n: CADRES, targets: CADRES });
  }, 300_000); // three processes and two full runs for 3,000 cadres: a limit for a hang, on a loaded machine
});
