import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { closeTestDataSource, testDataSource, testDatabaseUrl, truncateAll } from '../../support/db';
import { TEST_REDIS_URL, testPrefix } from '../../support/env';
import { exited, pairedCadres, spawnCompiled } from '../../support/processes';

const CADRES = 3000;
const AT = '2026-11-25T09:00:00+08:00'; // a Wednesday from the 25th: every short pair is nudged

/**
 * `npm run job -- contact-reminders --at …` (the compiled CLI) as its own process (the one process the SIGKILL hits), on
 * the test database and prefix.
 */
function runJob(): Promise<ChildProcess> {
  return spawnCompiled('src/cli/job.js', ['contact-reminders', '--at', AT], {
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
  });
}

describe('contact-reminders killed mid-run (SIGKILL) and run again', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await testDataSource();
    await truncateAll(ds);
    await pairedCadres(ds, CADRES); // many cadres, each with one pair and no contact this month
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
    const first = await runJob();
    let firstErr = '';
    first.stderr?.on('data', (d) => (firstErr += d));
    first.stdout?.on('data', (d) => (firstErr += d));
    const firstExit = exited(first);
    let stored = 0;
    // Until the run is well under way: its start-up (node, the container) takes seconds, many more on a
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

    const second = await runJob();
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

    const third = await runJob(); // a finished period sends nothing new
    expect(await exited(third)).toBe(0);
    expect(await cadreMessages()).toEqual({ n: CADRES, targets: CADRES });
  }, 300_000); // three processes and two full runs for 3,000 cadres: a limit for a hang, on a loaded machine
});
