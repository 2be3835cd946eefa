/**
 * Processes killed and stopped, not the services: these drills run on this jest worker's database
 * (emptied first) and the shared Redis under a prefix of their own, which the run's teardown removes.
 */
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import type { FakeWecom } from '../../fakes/fake-wecom';
import {
  copiesPerUser,
  drillEnv,
  drillFake,
  freePort,
  inboundCounts,
  say,
  spawnApp,
  startInProcess,
  until,
} from '../../drills/drill-kit';
import { loadConfig } from '../../../src/config';
import { closeTestDataSource, testDatabaseUrl, testDataSource, truncateAll } from '../../support/db';
import { TEST_REDIS_URL, testPrefix } from '../../support/env';
import { exited } from '../../support/processes';

const pgc = { url: testDatabaseUrl() };
let fake: FakeWecom;
const children: ChildProcess[] = [];
/** drillEnv's settings with a queue prefix of this worker's, one per drill. */
const settings = (extra: Record<string, string>) => ({
  ...drillEnv(pgc.url, TEST_REDIS_URL, fake.url, extra),
  QUEUE_PREFIX: `${testPrefix()}_drill${Date.now().toString(36)}`,
});

beforeAll(async () => {
  await truncateAll(await testDataSource());
  fake = await drillFake();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await fake?.close();
  await closeTestDataSource();
});

describe('drill: kill -9 of a worker mid-send', () => {
  it('loses no reply and shows each person one copy', async () => {
    const env = settings({
      JOB_LOCK_MS: '2000',
      LOG_LEVEL: process.env.DRILL_LOG ?? 'silent',
    });
    const web = await startInProcess(env);
    const users = Array.from({ length: 12 }, (_, i) => `killdrill${i}`);
    try {
      fake.responseDelayMs = 800; // sends stay in flight long enough to be cut
      const first = await spawnApp('worker', env);
      children.push(first);
      const acks = await Promise.all(users.map((u) => say(web.base, web.config, u)));
      expect(acks.every((s) => s === 200)).toBe(true);
      const before = fake.received;
      // gettoken, then message/send requests in flight: kill the worker now.
      await until(() => fake.received >= before + 4, 'sends in flight', 120_000);
      first.kill('SIGKILL');
      await exited(first);
      fake.responseDelayMs = 0;

      // Another worker takes the killed one's jobs over once their locks lapse.
      await web.startWorkers();
      await until(async () => (await inboundCounts(pgc.url)).handled >= users.length, 'all handled', 120_000);
      await until(() => users.every((u) => copiesPerUser(fake).get(u) === 1), 'one copy each', 60_000);
      const copies = copiesPerUser(fake);
      expect(users.map((u) => copies.get(u))).toEqual(users.map(() => 1));
    } finally {
      fake.responseDelayMs = 0;
      await web.close();
    }
  }, 300_000);
});

describe('drill: SIGTERM under load', () => {
  it('answers what it accepted, stores every acknowledged message and exits within the deadline', async () => {
    const port = await freePort();
    const env = settings({ PORT: String(port), SHUTDOWN_TIMEOUT_MS: '3000' });
    const config = loadConfig(env);
    const base = `http://127.0.0.1:${port}`;
    const web = await spawnApp('web', env);
    children.push(web);
    await until(
      async () => (await fetch(`${base}/healthz`).catch(() => null))?.status === 200,
      'web up',
      120_000,
    );

    const { total: start } = await inboundCounts(pgc.url);
    let stop = false;
    const statuses: number[] = [];
    // Four busy keep-alive clients that never pause.
    const clients = Array.from({ length: 4 }, async (_, k) => {
      for (let i = 0; !stop; i++) {
        const status = await say(base, config, `termdrill${k}-${i}`);
        statuses.push(status);
        if (status === 0) await sleep(20);
      }
    });
    await until(() => statuses.filter((s) => s === 200).length >= 40, 'load running', 60_000);
    const t0 = Date.now();
    web.kill('SIGTERM');
    const code = await exited(web);
    const ms = Date.now() - t0;
    await sleep(200);
    stop = true;
    await Promise.all(clients);

    expect(code).toBe(0);
    expect(ms).toBeLessThan(3000 + 1000);
    // Nothing but 200 or a refused connection (after the port closed): no 5xx, no half answers.
    expect(statuses.filter((s) => s !== 200 && s !== 0)).toEqual([]);
    const acked = statuses.filter((s) => s === 200).length;
    const { total } = await inboundCounts(pgc.url);
    expect(total - start).toBeGreaterThanOrEqual(acked);

    // The acknowledged messages are all handled by a worker started afterwards.
    const worker = await startInProcess(env);
    await worker.startWorkers();
    try {
      await until(async () => (await inboundCounts(pgc.url)).handled === total, 'all handled', 120_000);
      const client = new Client({ connectionString: pgc.url });
      await client.connect();
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM outbound_message WHERE idempotency_key LIKE 'reply-wecom-%'`,
      );
      await client.end();
      expect(rows[0].n).toBe(total);
    } finally {
      await worker.close();
    }
  }, 300_000);
});
