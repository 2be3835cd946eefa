/**
 * Many machines, proven on one: 2 web and 3 worker processes (real child processes of the compiled
 * service) against one PostgreSQL database and one Redis, started once for the file. What it shows:
 * - callbacks spread over both webs (each web acknowledges part of every burst), and a platform's retry
 *   or re-signed repeat on the other web still gives one stored row and one reply per message;
 * - jobs spread over all three workers (BullMQ's job.processedBy names the process that took each job);
 * - each scheduled job fires once per period: three workers upserting the schedulers leave one scheduler
 *   and one pending job per scheduled job, and a scheduler ticking every few hundred milliseconds makes one
 *   job per tick, run once (the workers' "scheduled job done" lines), one run per reminder day in job_run;
 * - kill -9 of one web and of the busiest worker in the middle of a burst loses nothing and sends nothing
 *   twice: every acknowledged message is handled and answered once (the fake WeCom records every send),
 *   and the scheduler still fires once per tick on the two workers left.
 */
import { Queue, type Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/config';
import { createRedis } from '../../../src/infra/redis';
import { SCHEDULED_JOBS } from '../../../src/jobs/catalogue';
import { QUEUES } from '../../../src/jobs/queues';
import type { CallbackRequest } from '../../support/callbacks/callback-request';
import { buildWecomAppTextCallback, randomWecomMsgId } from '../../support/callbacks/wecom-callback.builder';
import { copiesPerUser, drillFake, freePort, postCallback, until, WECOM_ENV } from '../../drills/drill-kit';
import type { FakeWecom } from '../../fakes/fake-wecom';
import { closeTestDataSource, testDatabaseUrl, testDataSource, truncateAll } from '../../support/db';
import { TEST_REDIS_URL, testPrefix } from '../../support/env';
import { obliterateQueues } from '../../support/queues';
import { pairedCadres, type ServiceProcess, spawnService } from '../../support/processes';

const CADRES = 15;
/** The scheduler's period in these drills: short, so a few seconds hold many periods. */
const EVERY_MS = 300;
const cadres = Array.from({ length: CADRES }, (_, i) => `cadre${i + 1}`);

let ds: DataSource;
let fake: FakeWecom;
let webs: ServiceProcess[] = [];
let workers: ServiceProcess[] = [];
let bases: string[] = [];
let redis: ReturnType<typeof createRedis>;
let queues: Record<'inbound' | 'outbound' | 'scheduled', Queue>;
const prefix = `${testPrefix()}_many${Date.now().toString(36)}`;
const env = () => ({
  DATABASE_URL: testDatabaseUrl(),
  REDIS_URL: TEST_REDIS_URL,
  QUEUE_PREFIX: prefix,
  WECOM_API_BASE: fake.url,
  // The start lines and the workers' "scheduled job done" lines are read; no line per message at info.
  LOG_LEVEL: 'info',
  // A killed worker's jobs are taken over within about twice this (production: 30 s).
  JOB_LOCK_MS: '2000',
  ...WECOM_ENV,
});
const config = () => loadConfig(env());

beforeAll(async () => {
  ds = await testDataSource();
  await truncateAll(ds);
  fake = await drillFake();
  await pairedCadres(ds, CADRES);
  const ports = [await freePort(), await freePort()];
  // All five boot at once: each costs a second or two of CPU, which the other processes overlap.
  [webs, workers] = await Promise.all([
    Promise.all(ports.map((port) => spawnService('web', { ...env(), PORT: String(port) }))),
    Promise.all([0, 1, 2].map(() => spawnService('worker', env()))),
  ]);
  await Promise.all([
    ...webs.map((web) => web.logged('HTTP server listening')),
    ...workers.map((worker) => worker.logged('workers started')),
  ]);
  bases = ports.map((p) => `http://127.0.0.1:${p}`);
  for (const base of bases)
    await until(async () => (await fetch(`${base}/healthz`).catch(() => null))?.status === 200, base, 60_000);
  redis = createRedis(TEST_REDIS_URL, 'producer');
  queues = {
    inbound: new Queue(QUEUES.inbound, { connection: redis, prefix }),
    outbound: new Queue(QUEUES.outbound, { connection: redis, prefix }),
    scheduled: new Queue(QUEUES.scheduled, { connection: redis, prefix }),
  };
}, 240_000); // limits for a hang: five processes start slowly when both cores are busy
afterAll(async () => {
  await Promise.all([...webs, ...workers].map((p) => p.kill()));
  await Promise.all(Object.values(queues ?? {}).map((q) => q.close()));
  redis?.disconnect();
  await fake?.close();
  await obliterateQueues(TEST_REDIS_URL, prefix);
  await closeTestDataSource();
});

/** One message of a burst: its three deliveries (first try, the platform's retry of it, a re-signed repeat). */
interface Message {
  user: string;
  msgId: string;
  deliveries: { web: number; request: CallbackRequest }[];
  acked: boolean;
}

function messages(tag: string, n: number): Message[] {
  return Array.from({ length: n }, (_, i) => {
    const user = `${tag}${i}`;
    const msgId = randomWecomMsgId();
    const make = () =>
      buildWecomAppTextCallback(config().wecom!, { userId: user, text: '帮助', msgId, now: new Date() });
    const first = make();
    const web = i % 2;
    return {
      user,
      msgId,
      acked: false,
      deliveries: [
        { web, request: first },
        { web: 1 - web, request: first },
        { web, request: make() },
      ],
    };
  });
}

interface BurstTally {
  /** Requests answered, by the web that answered them and the status. */
  answered: { web: number; status: number }[];
  done: number;
}

/**
 * Sends every delivery of `batch`, `lanes` at a time. A delivery that finds its web gone (no answer)
 * goes to the other web, as the platform's retry through a load balancer would; a message counts as
 * acknowledged once any of its deliveries got a 200.
 */
async function burst(batch: Message[], lanes: number, tally: BurstTally): Promise<void> {
  const queue = batch.flatMap((m) => m.deliveries.map((d) => ({ m, d })));
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let i = next++; i < queue.length; i = next++) {
        const { m, d } = queue[i];
        for (const web of [d.web, 1 - d.web]) {
          const status = await postCallback(bases[web], d.request);
          if (status === 0) continue;
          tally.answered.push({ web, status });
          if (status === 200) m.acked = true;
          break;
        }
        tally.done++;
      }
    }),
  );
}

/** Rows, handled rows and dead rows of these messages. */
async function stored(batch: Message[]) {
  const [row] = await ds.query(
    `SELECT count(*)::int AS rows, count(DISTINCT message_id)::int AS distinct,
            count(handled_at)::int AS handled, count(dead_at)::int AS dead
     FROM inbound_message WHERE message_id = ANY($1)`,
    [batch.map((m) => m.msgId)],
  );
  return row as { rows: number; distinct: number; handled: number; dead: number };
}

const tookBy = async (queue: Queue, states: ('active' | 'completed')[]) =>
  (await queue.getJobs(states)).map((job) => job.processedBy);

/**
 * Ticks `contact-reminders` as of `at` every EVERY_MS under a scheduler key of its own until `ticks` jobs
 * have finished, then removes the scheduler and returns its jobs (each job of a scheduler has the id
 * `repeat:KEY:FIRE_MILLIS`).
 */
async function tick(key: string, at: string, ticks: number): Promise<Job[]> {
  const { scheduled } = queues;
  const mine = async () =>
    (await scheduled.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed', 'prioritized'])).filter(
      (job) => job.repeatJobKey === key,
    );
  await scheduled.upsertJobScheduler(key, { every: EVERY_MS }, { name: 'contact-reminders', data: { at } });
  await until(
    async () => (await mine()).filter((j) => j.finishedOn).length >= ticks,
    `${ticks} ticks`,
    120_000,
  );
  await scheduled.removeJobScheduler(key);
  // The job made just before the removal (if the removal did not take it) runs too: one more tick.
  await until(async () => (await mine()).every((j) => j.finishedOn), 'the last tick done', 60_000);
  return mine();
}

/** The fire times of a scheduler's jobs, sorted (from their ids). */
const fireTimes = (jobs: Job[], key: string) =>
  jobs.map((j) => Number(String(j.id).slice(`repeat:${key}:`.length))).sort((a, b) => a - b);

const reminders = () => cadres.map((c) => copiesPerUser(fake).get(c) ?? 0);

/** The "scheduled job done" lines for `period`, per worker. */
const runsOf = (period: string, of: ServiceProcess[]) =>
  of.flatMap((w) => w.lines.filter((l) => l.msg === 'scheduled job done' && l.period === period));

/** Every message of `batch` stored once, handled, never dead, and answered with exactly one reply. */
async function expectEachHandledAndAnsweredOnce(batch: Message[]): Promise<void> {
  const users = batch.map((m) => m.user);
  await until(async () => (await stored(batch)).handled === batch.length, 'all handled', 120_000);
  await until(
    () => users.every((u) => (copiesPerUser(fake).get(u) ?? 0) >= 1),
    'a reply to every user',
    60_000,
  );
  expect(await stored(batch)).toEqual({
    rows: batch.length,
    distinct: batch.length,
    handled: batch.length,
    dead: 0,
  });
  const copies = copiesPerUser(fake);
  expect(users.map((u) => copies.get(u))).toEqual(users.map(() => 1));
}

/**
 * Ticks the scheduler `key` `ticks` times for the reminder day `day` and checks that it fired once per
 * period, each job on one of `on` and run once (every run after the first found the day done in job_run
 * and sent nothing), with one job_run for the day and one reminder more per cadre.
 */
async function expectOneRunPerPeriod(key: string, day: string, ticks: number, on: ServiceProcess[]) {
  const before = reminders();
  const jobs = await tick(key, `${day}T09:00:00+08:00`, ticks);
  // One job per period: fire times distinct and at least a period apart, each finished without failing.
  const fires = fireTimes(jobs, key);
  expect(fires.slice(1).every((t, i) => t - fires[i] >= EVERY_MS)).toBe(true);
  expect(jobs.filter((j) => j.failedReason)).toEqual([]);
  expect(jobs.every((j) => on.some((w) => w.workerName === j.processedBy))).toBe(true);
  // Each job ran once: the workers logged one run per job.
  // (A line reaches this process through the worker's stdout a moment after its job completed.)
  await until(() => runsOf(day, on).length >= jobs.length, 'the run lines', 10_000);
  const runs = runsOf(day, on);
  expect(runs.length).toBe(jobs.length);
  expect(runs.reduce((n, l) => n + Number(l.sent), 0)).toBe(CADRES);
  const [run] = await ds.query(
    `SELECT count(*)::int AS n, bool_and(finished_at IS NOT NULL) AS finished FROM job_run
     WHERE job = 'contact-reminders' AND period = $1`,
    [day],
  );
  expect(run).toEqual({ n: 1, finished: true });
  // One reminder per cadre for the day, each sent once.
  await until(() => reminders().every((n, i) => n > before[i]), 'a reminder to every cadre', 60_000);
  expect(reminders()).toEqual(before.map((n) => n + 1));
}

describe('2 web and 3 worker processes on one PostgreSQL and one Redis', () => {
  it('spreads callbacks over both webs and jobs over all three workers, storing and answering each message once', async () => {
    const batch = messages('spread', 60);
    const tally: BurstTally = { answered: [], done: 0 };
    await burst(batch, 12, tally);
    expect(tally.answered.filter((a) => a.status !== 200)).toEqual([]);
    expect(batch.filter((m) => !m.acked)).toEqual([]);
    // Both webs acknowledged a share (each web got the first try of half the messages).
    expect(bases.map((_, w) => tally.answered.filter((a) => a.web === w).length)).toEqual([90, 90]);

    await expectEachHandledAndAnsweredOnce(batch);

    // Every worker took some of the inbound jobs, and nobody else did.
    const by = await tookBy(queues.inbound, ['completed']);
    const perWorker = workers.map((w) => by.filter((name) => name === w.workerName).length);
    expect(perWorker.every((n) => n > 0)).toBe(true);
    expect(perWorker.reduce((a, b) => a + b, 0)).toBe(by.length);
  }, 240_000);

  it('keeps one scheduler and one pending job per scheduled job, and fires a scheduler once per period', async () => {
    const { scheduled } = queues;
    // All three workers upserted every scheduler at start: still one of each, with one next job each.
    const schedulers = (await scheduled.getJobSchedulers()).map((s) => s.key).sort();
    expect(schedulers).toEqual(Object.keys(SCHEDULED_JOBS).sort());
    const pending = (await scheduled.getJobs(['delayed'])).map((j) => j.repeatJobKey).sort();
    expect(pending).toEqual(schedulers);

    await expectOneRunPerPeriod('drill-contact-reminders-3', '2026-11-25', 8, workers);
  }, 240_000);

  it('loses nothing and sends nothing twice when one web and the busiest worker are killed -9 mid-burst', async () => {
    const batch = messages('killed', 60);
    const tally: BurstTally = { answered: [], done: 0 };
    const requests = batch.length * 3;
    fake.responseDelayMs = 300; // sends stay in flight long enough to be cut
    let killed: { web: ServiceProcess; worker: ServiceProcess; at: number; activeOnVictim: number } | null =
      null;
    try {
      const sending = burst(batch, 6, tally);
      // A third of the burst answered and jobs running on the workers: kill web 0 and the worker with the
      // most jobs in hand, together.
      let victim: ServiceProcess | undefined;
      let activeOnVictim = 0;
      await until(
        async () => {
          if (tally.done < requests / 3) return false;
          const active = [
            ...(await tookBy(queues.inbound, ['active'])),
            ...(await tookBy(queues.outbound, ['active'])),
          ];
          const counts = workers.map((w) => active.filter((name) => name === w.workerName).length);
          activeOnVictim = Math.max(...counts);
          victim = workers[counts.indexOf(activeOnVictim)];
          return activeOnVictim > 0;
        },
        'jobs in hand mid-burst',
        120_000,
      );
      const at = tally.done;
      await Promise.all([webs[0].kill(), victim!.kill()]);
      killed = { web: webs[0], worker: victim!, at, activeOnVictim };
      await sending;
    } finally {
      fake.responseDelayMs = 0;
    }
    // The kill came with the burst half sent and jobs in the victim's hands.
    expect(killed.at).toBeLessThan(requests);
    expect(killed.activeOnVictim).toBeGreaterThan(0);
    // Every request got an answer from a live web, never an error status; every message was acknowledged.
    expect(tally.answered.filter((a) => a.status !== 200)).toEqual([]);
    expect(batch.filter((m) => !m.acked).map((m) => m.user)).toEqual([]);

    await expectEachHandledAndAnsweredOnce(batch);

    // The scheduler on the two workers left: still one job per period, each run once, and one run of the
    // next reminder day.
    const alive = workers.filter((w) => w !== killed!.worker);
    await expectOneRunPerPeriod('drill-contact-reminders-2', '2026-11-26', 6, alive);
  }, 240_000);
});
