/**
 * Many machines, proven on one: 2 web and 3 worker processes (real child processes of the compiled
 * service) against one PostgreSQL database and one Redis. A burst of callbacks spread over both webs,
 * with WeCom-style retries (the same request again) and re-signed repeats of the same MsgId, gives
 * exactly one stored row and one reply per message; a scheduled job ticking on every worker runs its
 * period's work once (one reminder per cadre, each sent once).
 */
import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/config';
import { createRedis } from '../../../src/infra/redis';
import { QUEUES } from '../../../src/jobs/queues';
import { sendCallback } from '../../support/callbacks/callback-request';
import { buildWecomAppTextCallback, randomWecomMsgId } from '../../support/callbacks/wecom-callback.builder';
import { copiesPerUser, drillFake, freePort, spawnApp, until, WECOM_ENV } from '../../drills/drill-kit';
import type { FakeWecom } from '../../fakes/fake-wecom';
import { closeTestDataSource, testDatabaseUrl, testDataSource, truncateAll } from '../../support/db';
import { TEST_REDIS_URL, testPrefix } from '../../support/env';
import { obliterateQueues } from '../../support/queues';
import { pairedCadres } from '../../support/processes';

const USERS = 40;
const CADRES = 15;
const AT = '2026-11-25T09:00:00+08:00'; // a late-month reminder day

let ds: DataSource;
let fake: FakeWecom;
const children: ChildProcess[] = [];
const prefix = `${testPrefix()}_many${Date.now().toString(36)}`;

beforeAll(async () => {
  ds = await testDataSource();
  await truncateAll(ds);
  fake = await drillFake();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await fake?.close();
  await obliterateQueues(TEST_REDIS_URL, prefix);
  await closeTestDataSource();
});

describe('2 web and 3 worker processes on one PostgreSQL and one Redis', () => {
  it('stores and answers each message once, and runs a scheduled period once', async () => {
    await pairedCadres(ds, CADRES);
    const ports = [await freePort(), await freePort()];
    const env = {
      DATABASE_URL: testDatabaseUrl(),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      WECOM_API_BASE: fake.url,
      LOG_LEVEL: 'silent',
      ...WECOM_ENV,
    };
    const config = loadConfig(env);
    for (const port of ports) children.push(await spawnApp('web', { ...env, PORT: String(port) }));
    for (let i = 0; i < 3; i++) children.push(await spawnApp('worker', env));
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    for (const base of bases) {
      await until(
        async () => (await fetch(`${base}/healthz`).catch(() => null)) !== null,
        `${base} up`,
        180_000,
      );
    }
    const redis = createRedis(TEST_REDIS_URL, 'producer');
    const scheduled = new Queue(QUEUES.scheduled, { connection: redis, prefix });
    try {
      // Every worker upserted the schedulers at start: still one per job.
      await until(async () => (await scheduled.getJobSchedulers()).length > 0, 'schedulers', 180_000);
      const schedulers = (await scheduled.getJobSchedulers()).map((s) => s.key);
      expect(new Set(schedulers).size).toBe(schedulers.length);

      // The burst: each message once on one web, its retry (same request) on the other, and a
      // re-signed repeat of the same MsgId on the first; all at once.
      const requests = Array.from({ length: USERS }, (_, i) => {
        const msgId = randomWecomMsgId();
        const make = () =>
          buildWecomAppTextCallback(config.wecom!, {
            userId: `many${i}`,
            text: '帮助',
            msgId,
            now: new Date(),
          });
        const first = make();
        return [
          [bases[i % 2], first],
          [bases[(i + 1) % 2], first],
          [bases[i % 2], make()],
        ] as const;
      });
      const statuses = await Promise.all(
        requests.flat().map(async ([base, req]) => {
          const res = await sendCallback(base, req);
          await res.arrayBuffer();
          return res.status;
        }),
      );
      expect(statuses.filter((s) => s !== 200)).toEqual([]);

      // A scheduled job ticking every 300 ms for a fixed reminder day, picked up by any worker.
      await scheduled.upsertJobScheduler(
        'contact-reminders',
        { every: 300 },
        { name: 'contact-reminders', data: { at: AT } },
      );

      const users = Array.from({ length: USERS }, (_, i) => `many${i}`);
      const cadres = Array.from({ length: CADRES }, (_, i) => `cadre${i + 1}`);
      await until(
        () => [...users, ...cadres].every((u) => (copiesPerUser(fake).get(u) ?? 0) >= 1),
        'a reply to every user and a reminder to every cadre',
        180_000,
      );
      // Let the ticks go on a while longer (each worker runs some), then look for second copies.
      const ticks = async () => (await scheduled.getJobCounts('completed', 'failed')).completed;
      const seen = await ticks();
      await until(async () => (await ticks()) >= seen + 6, 'more ticks', 120_000);
      await scheduled.removeJobScheduler('contact-reminders');

      const [{ rows, distinct, handled }] = await ds.query(
        `SELECT count(*)::int AS rows, count(DISTINCT message_id)::int AS distinct,
                count(handled_at)::int AS handled FROM inbound_message`,
      );
      expect({ rows, distinct, handled }).toEqual({ rows: USERS, distinct: USERS, handled: USERS });
      const copies = copiesPerUser(fake);
      expect(users.map((u) => copies.get(u))).toEqual(users.map(() => 1));
      expect(cadres.map((c) => copies.get(c))).toEqual(cadres.map(() => 1));
      const [run] = await ds.query(
        `SELECT count(*)::int AS n, bool_and(finished_at IS NOT NULL) AS finished FROM job_run
         WHERE job = 'contact-reminders' AND period = '2026-11-25'`,
      );
      expect(run).toEqual({ n: 1, finished: true });
    } finally {
      await scheduled.close();
      redis.disconnect();
    }
  }, 480_000); // limits for a hang: five processes start slowly when both cores are busy
});
