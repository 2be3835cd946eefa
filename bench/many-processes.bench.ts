/**
 * Many machines, measured on one: the whole path (callback → stored → handled → reply at a fake WeCom)
 * through one `all` process against 2 web + 3 worker processes, on one PostgreSQL database and one Redis.
 * Each round sends a burst of messages from distinct users, spread over the web processes, and waits for
 * every reply; the sides alternate. Prints medians of the time to acknowledge the burst and of the time
 * until the last reply, the replies per second, the split/one ratio, and how many of the inbound jobs
 * each worker took (BullMQ's job.processedBy). Every round starts its processes fresh (its own queue
 * prefix), so no side inherits the other's warm caches or queues. The processes are the compiled service
 * (`node dist/src/main.js ROLE`, as production runs it), timed from their "started" log lines.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { loadConfig } from '../src/config';
import { createRedis } from '../src/infra/redis';
import { QUEUES } from '../src/jobs/queues';
import { FakeWecom } from '../test/fakes/fake-wecom';
import { sendCallback } from '../test/support/callbacks/callback-request';
import {
  buildWecomAppTextCallback,
  randomWecomMsgId,
} from '../test/support/callbacks/wecom-callback.builder';
import { type ServiceProcess, spawnService } from '../test/support/processes';
import { obliterateQueues } from '../test/support/queues';
import { withThrowawayDatabase } from './bench-kit';
import { alternate, freePort, machine, median, stop } from './out-of-process';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MESSAGES = Number(process.env.BENCH_MANY_MESSAGES ?? 400);
const CONCURRENCY = 20;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SIDES = ['one', 'split'] as const;
type Side = (typeof SIDES)[number];

const WECOM = {
  WECOM_CORP_ID: 'wwbench000000001',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'bench-app-secret',
  WECOM_TOKEN: 'benchToken',
  WECOM_ENCODING_AES_KEY: 'BenchBenchBenchBenchBenchBenchBench01234567',
};

interface Sample {
  ackMs: number;
  lastReplyMs: number;
  replies: number;
  non200: number;
  /** Requests sent again after their connection failed unanswered. */
  resent: number;
  /** Inbound jobs taken by each worker process, most first. */
  perWorker: number[];
}

/**
 * How many of the inbound jobs under `prefix` each process took, most first, once none is left to run (a
 * reply can reach the fake before the job that wrote it has been marked completed).
 */
async function inboundPerWorker(prefix: string): Promise<number[]> {
  const redis = createRedis(REDIS_URL, 'producer');
  const queue = new Queue(QUEUES.inbound, { connection: redis, prefix });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const left = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
      if (Object.values(left).every((n) => n === 0) || Date.now() > deadline) break;
      await sleep(100);
    }
    const by = new Map<string, number>();
    for (const job of await queue.getJobs(['completed']))
      by.set(job.processedBy ?? '?', (by.get(job.processedBy ?? '?') ?? 0) + 1);
    return [...by.values()].sort((a, b) => b - a);
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

export async function benchManyProcesses(): Promise<void> {
  await withThrowawayDatabase('many', async (ds, name) => {
    const dbUrl = new URL(
      process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    );
    dbUrl.pathname = `/${name}`;
    const fake = await new FakeWecom({ corpId: WECOM.WECOM_CORP_ID, secret: WECOM.WECOM_SECRET }).start();
    console.log(
      `many processes: ${ROUNDS} alternating rounds of ${MESSAGES} messages (${CONCURRENCY} at a time) from ` +
        `distinct users; one 'all' process against 2 web + 3 worker processes; ${machine()}`,
    );
    const measureSide = async (side: Side, round: number): Promise<Sample> => {
      const prefix = `bench_many_${side}_${round}_${Date.now().toString(36)}`;
      const env = {
        DATABASE_URL: dbUrl.toString(),
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        WECOM_API_BASE: fake.url,
        ...WECOM,
      };
      const config = loadConfig({ ...process.env, ...env });
      const ports = side === 'one' ? [await freePort()] : [await freePort(), await freePort()];
      const children: ServiceProcess[] = [];
      try {
        // Started together, ready when each has logged its start (the only info lines: none per message).
        const info = { ...env, LOG_LEVEL: 'info' };
        const starting = [
          ...ports.map((port) =>
            spawnService(side === 'one' ? 'all' : 'web', { ...info, PORT: String(port) }),
          ),
          ...(side === 'split' ? [0, 1, 2].map(() => spawnService('worker', info)) : []),
        ];
        children.push(...(await Promise.all(starting)));
        await Promise.all(
          children.flatMap((p) => [
            ...(p.role !== 'worker' ? [p.logged('HTTP server listening')] : []),
            ...(p.role !== 'web' ? [p.logged('workers started')] : []),
          ]),
        );
        fake.sent.length = 0;
        const users = Array.from({ length: MESSAGES }, (_, i) => `many${side}${round}u${i}`);
        const requests = users.map((userId) =>
          buildWecomAppTextCallback(config.wecom!, {
            userId,
            text: '帮助',
            msgId: randomWecomMsgId(),
            now: new Date(),
          }),
        );
        const t0 = performance.now();
        let nextIndex = 0;
        let non200 = 0;
        let resent = 0;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            for (let i = nextIndex++; i < requests.length; i = nextIndex++) {
              // A keep-alive connection the server closed as the request went out (its idle timer fired
              // late on a loaded machine) fails the request unanswered: send it again, as the platform
              // would (the same MsgId, stored once), and count it.
              for (let attempt = 1; ; attempt++) {
                try {
                  const res = await sendCallback(`http://127.0.0.1:${ports[i % ports.length]}`, requests[i]);
                  await res.arrayBuffer();
                  if (res.status !== 200) non200++;
                  break;
                } catch (err) {
                  if (attempt === 3) throw err;
                  resent++;
                }
              }
            }
          }),
        );
        const ackMs = performance.now() - t0;
        const wanted = new Set(users);
        const replied = () =>
          new Set(fake.sent.filter((r) => r.to && wanted.has(r.to)).map((r) => r.to)).size;
        const deadline = Date.now() + 300_000;
        while (replied() < users.length && Date.now() < deadline) await sleep(20);
        const lastReplyMs = performance.now() - t0;
        return {
          ackMs,
          lastReplyMs,
          replies: replied(),
          non200,
          resent,
          perWorker: await inboundPerWorker(prefix),
        };
      } finally {
        await Promise.all(children.map((p) => stop(p.child)));
        await obliterateQueues(REDIS_URL, prefix);
        await ds.query(`DELETE FROM outbound_message`);
        await ds.query(`DELETE FROM inbound_message`);
      }
    };
    try {
      const samples = await alternate(SIDES, ROUNDS, measureSide);
      const line = (side: Side) => {
        const s = samples[side];
        const ack = median(s.map((x) => x.ackMs));
        const last = median(s.map((x) => x.lastReplyMs));
        console.log(
          `  ${side === 'one' ? "one 'all' process      " : '2 web + 3 worker       '} acknowledged in ${ack.toFixed(0)} ms ` +
            `(${((MESSAGES / ack) * 1000).toFixed(0)} callbacks/s), last reply after ${last.toFixed(0)} ms ` +
            `(${((MESSAGES / last) * 1000).toFixed(0)} replies/s); replies ${s.map((x) => x.replies).join('/')}, ` +
            `non-200 ${s.reduce((n, x) => n + x.non200, 0)}, resent ${s.reduce((n, x) => n + x.resent, 0)}; inbound jobs per worker ${s.map((x) => x.perWorker.join('+')).join(', ')}`,
        );
        return { ack, last };
      };
      const one = line('one');
      const split = line('split');
      console.log(
        `  split/one: acknowledging ×${(one.ack / split.ack).toFixed(2)} as fast, replies ×${(one.last / split.last).toFixed(2)} as fast; ${machine()}`,
      );
    } finally {
      await fake.close();
    }
  });
}

if (require.main === module) {
  benchManyProcesses().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
