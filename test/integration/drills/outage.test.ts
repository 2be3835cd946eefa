import { Queue } from 'bullmq';
import { createRedis } from '../../../src/infra/redis';
import { SCHEDULED_JOBS } from '../../../src/jobs/catalogue';
import type { FakeWecom } from '../../fakes/fake-wecom';
import {
  copiesPerUser,
  DrillRedis,
  drillEnv,
  drillFake,
  inboundCounts,
  say,
  startInProcess,
  until,
} from '../../drills/drill-kit';
import { CachedDrillPostgres } from '../../support/drill-postgres-cache';

/** The old inbound budget: 5 attempts (≈ 30 s). The drills outlast it by the count of tries. */
const OLD_INBOUND_ATTEMPTS = 5;
/** Short backoff so the drills make many tries in a second or two (production: 1 s doubling to 2 min). */
const FAST = { infraBackoff: { baseMs: 50, maxMs: 400 } };
const N = 20;

let pgc: CachedDrillPostgres;
let redis: DrillRedis;
let fake: FakeWecom;

beforeAll(async () => {
  // A copy of a cluster migrated once per set of migrations; Redis and the fake start meanwhile.
  [pgc, redis, fake] = await Promise.all([
    new CachedDrillPostgres().init(),
    new DrillRedis().start(),
    drillFake(),
  ]);
}, 180_000);
afterAll(async () => {
  await fake?.close();
  await redis?.kill();
  pgc?.destroy();
});

describe('drill: PostgreSQL away longer than every retry budget', () => {
  it('handles and answers each acknowledged message exactly once', async () => {
    const app = await startInProcess(drillEnv(pgc.url, redis.url, fake.url));
    const users = Array.from({ length: N }, (_, i) => `pgdrill${i}`);
    try {
      const statuses = await Promise.all(users.map((u) => say(app.base, app.config, u)));
      expect(statuses.every((s) => s === 200)).toBe(true);

      pgc.stop();
      await app.startWorkers(FAST);
      // Workers now meet a database that refuses connections, try after try.
      const inbound = new Queue('inbound', {
        connection: app.container.redis,
        prefix: app.config.queuePrefix,
      });
      inbound.on('error', () => undefined);
      await until(
        async () => {
          const jobs = await inbound.getJobs(['delayed', 'waiting', 'active']);
          return jobs.length === N && jobs.every((j) => j.attemptsStarted > OLD_INBOUND_ATTEMPTS);
        },
        `every job tried more than ${OLD_INBOUND_ATTEMPTS} times`,
        60_000,
      );
      await inbound.close();
      pgc.start();

      await until(async () => (await inboundCounts(pgc.url)).handled === N, 'all handled', 80_000);
      await until(() => users.every((u) => copiesPerUser(fake).get(u) === 1), 'one answer each', 40_000);
      expect((await inboundCounts(pgc.url)).dead).toBe(0);
      const copies = copiesPerUser(fake);
      expect(users.map((u) => copies.get(u))).toEqual(users.map(() => 1));
    } finally {
      await app.close();
    }
  }, 240_000);
});

describe('drill: Redis killed and restarted empty', () => {
  it('re-drives lost jobs, restores the schedulers, and answers each message once', async () => {
    const app = await startInProcess(drillEnv(pgc.url, redis.url, fake.url));
    await app.startWorkers(FAST);
    const before = Array.from({ length: N / 2 }, (_, i) => `redisdrill-a${i}`);
    const during = Array.from({ length: N / 2 }, (_, i) => `redisdrill-b${i}`);
    const probe = createRedis(redis.url, 'worker');
    const scheduled = new Queue('scheduled', { connection: probe, prefix: app.config.queuePrefix });
    scheduled.on('error', () => undefined);
    try {
      expect((await scheduled.getJobSchedulers()).length).toBe(Object.keys(SCHEDULED_JOBS).length);
      const { total: start } = await inboundCounts(pgc.url);
      const acks = await Promise.all(before.map((u) => say(app.base, app.config, u)));
      await redis.kill();
      // Acknowledged while Redis is away: stored in PostgreSQL, the relay will enqueue them.
      acks.push(...(await Promise.all(during.map((u) => say(app.base, app.config, u)))));
      expect(acks.every((s) => s === 200)).toBe(true);
      const health = await fetch(`${app.base}/healthz`);
      expect(health.status).toBe(503);
      await redis.start();

      await until(async () => (await inboundCounts(pgc.url)).handled === start + N, 'all handled', 80_000);
      const users = [...before, ...during];
      await until(() => users.every((u) => copiesPerUser(fake).get(u) === 1), 'one answer each', 40_000);
      await until(
        async () => (await scheduled.getJobSchedulers()).length === Object.keys(SCHEDULED_JOBS).length,
        'schedulers back',
        20_000,
      );
      const body = (await (await fetch(`${app.base}/healthz`)).json()) as Record<string, unknown>;
      expect(body).toMatchObject({ status: 'ok', schedulers: 'ok', deadMessages: 0 });
      const copies = copiesPerUser(fake);
      expect(users.map((u) => copies.get(u))).toEqual(users.map(() => 1));
    } finally {
      await scheduled.close();
      probe.disconnect();
      await app.close();
    }
  }, 240_000);
});
