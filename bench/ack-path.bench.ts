/**
 * The acknowledgement path, measured from outside: the real web process (`src/main.ts web`, with its
 * middleware, PostgreSQL and Redis) and a bare node:http server that only verifies and decrypts
 * (bench/servers/bare-wecom.ts) each run as their own child process; this process generates the load
 * with autocannon. Rounds alternate the two (A B, B A, …). Two loads: as fast as 20 connections go
 * (throughput) and a fixed 200 req/s (latency). Prints the medians over the rounds and full/bare.
 * BENCH_ACK_BEFORE=<dir> adds a third side: the web process of another checkout (e.g. the commit
 * before a change, `git archive <rev> src | tar -x -C <dir>` plus a node_modules link), for before/after.
 * Each load also counts CPU from /proc: the server's process tree, the PostgreSQL backends of the
 * bench database and the Redis server (shared: whatever else uses it meanwhile is counted too), per
 * answered request. No worker runs here: the web process adds one 'handle-group' job per bulk add,
 * and the fan-out into per-row 'handle' jobs that the inbound worker does is work moved out of the
 * web process, so it is measured on its own at the end (this process fanning out the group jobs the
 * loads left, its CPU and Redis's per row) and printed beside the web's numbers.
 * BENCH_ACK_PROFILE=<dir> has the web process write a CPU profile (`node --cpu-prof`) into <dir>.
 */
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import { fanOutInbound, INBOUND_JOB, type InboundGroupJob } from '../src/intake/intake.service';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../src/config';
import { createRedis, waitReady } from '../src/infra/redis';
import { callbackUrl, type CallbackRequest } from '../test/support/callbacks/callback-request';
import {
  buildWecomAppTextCallback,
  randomWecomMsgId,
} from '../test/support/callbacks/wecom-callback.builder';
import { withThrowawayDatabase } from './bench-kit';
import {
  alternate,
  cpuBetween,
  cpuOfTrees,
  freePort,
  machine,
  median,
  spawnTs,
  stop,
  waitForHttp,
} from './out-of-process';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 20;
const FIXED_RATE = 200;

const WECOM = {
  WECOM_CORP_ID: 'wwbench000000001',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'bench',
  WECOM_TOKEN: 'benchToken',
  WECOM_ENCODING_AES_KEY: 'BenchBenchBenchBenchBenchBenchBench01234567',
};

interface Sample {
  rps: number;
  /** CPU per answered request (µs): the server's process tree, the PostgreSQL backends of its database, Redis. */
  cpuUs: number;
  pgUs: number;
  redisUs: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Distinct, correctly signed and encrypted messages, made before the clock starts. */
function makeRequests(n: number): CallbackRequest[] {
  const config = loadConfig(WECOM).wecom!;
  return Array.from({ length: n }, (_, i) =>
    buildWecomAppTextCallback(config, {
      userId: `bench${i % 500}`,
      text: '登记走访 曲江文旅 昨天 上门 了解用工情况',
      msgId: randomWecomMsgId(),
      now: new Date(),
    }),
  );
}

/** Where a side's CPU is counted: its process tree and the PostgreSQL backends serving its database. */
interface CpuProbe {
  pid: number;
  pgPids: () => Promise<number[]>;
  redisPid: number;
}

/** One load run; every request is used once across the whole bench (a repeat would be a replay). */
async function load(
  base: string,
  next: () => CallbackRequest,
  rate?: number,
  probe?: CpuProbe,
): Promise<Sample> {
  const pgBefore = await cpuOfTrees(probe ? await probe.pgPids() : []);
  const cpuBefore = await cpuOfTrees(probe ? [probe.pid] : []);
  const redisBefore = await cpuOfTrees(probe ? [probe.redisPid] : []);
  const result = await autocannon({
    url: base,
    connections: rate ? 10 : CONNECTIONS,
    duration: DURATION_S,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        setupRequest: (req) => {
          const r = next();
          return { ...req, method: 'POST', path: callbackUrl('', r), headers: r.headers, body: r.body };
        },
      },
    ],
  });
  const cpu = cpuBetween(cpuBefore, await cpuOfTrees(probe ? [probe.pid] : []));
  const redisCpu = cpuBetween(redisBefore, await cpuOfTrees(probe ? [probe.redisPid] : []));
  // The backends of the database now (a pool may have opened or closed some meanwhile).
  const pgCpu = cpuBetween(pgBefore, await cpuOfTrees(probe ? await probe.pgPids() : []));
  const answered = Math.max(1, result.requests.total);
  return {
    cpuUs: (cpu * 1000) / answered,
    pgUs: (pgCpu * 1000) / answered,
    redisUs: (redisCpu * 1000) / answered,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** The Redis server's pid (it runs on this machine), for its CPU. */
async function redisServerPid(): Promise<number> {
  const redis = createRedis(REDIS_URL, 'producer');
  try {
    await waitReady(redis);
    const info = await redis.info('server');
    return Number(/process_id:(\d+)/.exec(info)?.[1] ?? 0);
  } finally {
    redis.disconnect();
  }
}

/**
 * The work the web process hands to the inbound worker: fans out (as the worker does) the group
 * jobs the loads left, up to ~20,000 rows, and returns this process's and Redis's CPU per row.
 */
async function fanOutCost(prefix: string, redisPid: number) {
  const redis = createRedis(REDIS_URL, 'producer');
  const queue = new Queue('inbound', { connection: redis, prefix });
  try {
    await waitReady(redis);
    const groups: InboundGroupJob[] = [];
    let rows = 0;
    for (let at = 0; rows < 20_000; at += 1000) {
      const page = await queue.getJobs(['wait'], at, at + 999, true);
      if (page.length === 0) break;
      for (const job of page)
        if (job.name === INBOUND_JOB.group && rows < 20_000) {
          groups.push(job.data as InboundGroupJob);
          rows += (job.data as InboundGroupJob).rows.length;
        }
    }
    if (rows === 0) return null;
    const redisBefore = await cpuOfTrees([redisPid]);
    const before = process.cpuUsage();
    for (const g of groups) await fanOutInbound(queue, g);
    const used = process.cpuUsage(before);
    const redisMs = cpuBetween(redisBefore, await cpuOfTrees([redisPid]));
    return {
      groups: groups.length,
      rows,
      cpuUs: (used.user + used.system) / rows,
      redisUs: (redisMs * 1000) / rows,
    };
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

export async function benchAckPath(): Promise<void> {
  await withThrowawayDatabase('ack', (ds, dbName) => runAckPath(ds, dbName));
}

async function runAckPath(ds: DataSource, dbName: string): Promise<void> {
  const prefix = `bench_${dbName}`;
  const [barePort, fullPort, beforePort] = [await freePort(), await freePort(), await freePort()];
  const beforeRoot = process.env.BENCH_ACK_BEFORE;
  const url = new URL(process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${dbName}`;
  const env = { ...WECOM, CALLBACK_MAX_SKEW_SECONDS: '0', NODE_ENV: 'production' };
  const bare = spawnTs('bench/servers/bare-wecom.ts', [], { ...env, PORT: String(barePort) });
  const profileDir = process.env.BENCH_ACK_PROFILE;
  const full = spawnTs(
    'src/main.ts',
    ['web'],
    { ...env, PORT: String(fullPort), DATABASE_URL: url.toString(), REDIS_URL, QUEUE_PREFIX: prefix },
    undefined,
    // BENCH_ACK_PROFILE=<dir>: the web process writes a V8 CPU profile there when it stops.
    profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  );
  const webEnv = { ...env, DATABASE_URL: url.toString(), REDIS_URL, QUEUE_PREFIX: prefix };
  const before = beforeRoot
    ? spawnTs('src/main.ts', ['web'], { ...webEnv, PORT: String(beforePort) }, beforeRoot)
    : null;
  const bases = {
    bare: `http://127.0.0.1:${barePort}`,
    full: `http://127.0.0.1:${fullPort}`,
    before: `http://127.0.0.1:${beforePort}`,
  };
  try {
    await waitForHttp(`${bases.bare}/`, bare);
    await waitForHttp(`${bases.full}/healthz`, full);
    if (before) await waitForHttp(`${bases.before}/healthz`, before);
    // At most ~3,000 req/s for either side on this machine; spare requests are cheap.
    const sides = before ? (['bare', 'full', 'before'] as const) : (['bare', 'full'] as const);
    const requests = makeRequests(Math.ceil(ROUNDS * sides.length * (DURATION_S + 1) * (3000 + FIXED_RATE)));
    let i = 0;
    const next = () => {
      if (i >= requests.length) throw new Error('ack bench: out of distinct requests');
      return requests[i++];
    };
    // The bare server stores nothing, so a repeated request costs it the same as a new one: it cycles
    // through the first requests and leaves the distinct ones to the sides that dedupe.
    let j = 0;
    const again = () => requests[j++ % 20_000];
    const nextFor = (side: (typeof sides)[number]) => (side === 'bare' ? again : next);
    console.log(`ack path: ${ROUNDS} alternating rounds of ${DURATION_S} s per side and load; ${machine()}`);
    // Warm both (JIT, connection pools) before measuring.
    await load(bases.bare, again, 100);
    await load(bases.full, next, 100);
    if (before) await load(bases.before, next, 100);
    // The bench's own connection is excluded from the backends counted.
    const pgPids = async () =>
      (
        (await ds.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [
          dbName,
        ])) as { pid: number }[]
      ).map((r) => r.pid);
    const children = { bare, full, before };
    const redisPid = await redisServerPid();
    const probe = (side: (typeof sides)[number]) => ({ pid: children[side]!.pid!, pgPids, redisPid });
    const max = await alternate(sides, ROUNDS, (side) =>
      load(bases[side], nextFor(side), undefined, probe(side)),
    );
    const fixed = await alternate(sides, ROUNDS, (side) =>
      load(bases[side], nextFor(side), FIXED_RATE, probe(side)),
    );
    const show = (label: string, samples: Sample[]) => {
      const m = (k: keyof Sample) => median(samples.map((s) => s[k]));
      const bad = samples.reduce((n, s) => n + s.non2xx + s.errors, 0);
      console.log(
        `  ${label.padEnd(44)} ${m('rps').toFixed(0).padStart(6)} req/s  p50 ${m('p50')} ms  p99 ${m('p99')} ms` +
          `  non-2xx+errors ${bad}  CPU/request ${m('cpuUs').toFixed(0)} µs + PostgreSQL ${m('pgUs').toFixed(0)} µs` +
          ` + Redis ${m('redisUs').toFixed(0)} µs`,
      );
    };
    show('bare verify+decrypt, 20 connections', max.bare);
    show('full web process, 20 connections', max.full);
    if (before)
      show('web process before the change, 20 connections', (max as Record<string, Sample[]>).before);
    show(`bare verify+decrypt, ${FIXED_RATE} req/s`, fixed.bare);
    show(`full web process, ${FIXED_RATE} req/s`, fixed.full);
    if (before)
      show(`web process before the change, ${FIXED_RATE} req/s`, (fixed as Record<string, Sample[]>).before);
    const ratio = median(max.full.map((s) => s.rps)) / median(max.bare.map((s) => s.rps));
    const cpuRatio = median(max.bare.map((s) => s.cpuUs)) / median(max.full.map((s) => s.cpuUs + s.pgUs));
    console.log(
      `  bare/full CPU per request (web process + its PostgreSQL backends, 20 connections, medians) ${cpuRatio.toFixed(3)}`,
    );
    const moved = await fanOutCost(prefix, redisPid);
    if (moved)
      console.log(
        `  moved to the inbound worker: fan-out of ${moved.groups} group jobs (${moved.rows} rows)` +
          ` ${moved.cpuUs.toFixed(0)} µs + Redis ${moved.redisUs.toFixed(0)} µs per row`,
      );
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM inbound_message`);
    console.log(`  full/bare throughput (medians) ${ratio.toFixed(3)}; rows stored ${n}; ${machine()}`);
    if (before) {
      const b = median((max as Record<string, Sample[]>).before.map((x) => x.rps));
      console.log(
        `  full/before throughput (medians) ${(median(max.full.map((x) => x.rps)) / b).toFixed(2)}`,
      );
    }
  } finally {
    await stop(bare);
    await stop(full);
    if (before) await stop(before);
    const redis = createRedis(REDIS_URL, 'producer');
    const queue = new Queue('inbound', { connection: redis, prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    redis.disconnect();
  }
}

if (require.main === module) {
  benchAckPath().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
