import 'reflect-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  copiesPerUser,
  DrillPostgres,
  DRILL_ADMIN_TOKEN,
  DrillRedis,
  drillEnv,
  drillFake,
  inboundCounts,
  say,
  startInProcess,
  until,
} from './drill-kit';
import { fuzz } from './fuzz';

/**
 * `npm run drill`: the long versions of test/integration/drills, with counts printed.
 * Options: --messages N (default 300), --pg-down-seconds S (default 60), --fuzz N (default 100000).
 */
function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} needs a number`);
  return v;
}

async function main(): Promise<void> {
  const messages = arg('--messages', 300);
  const pgDownMs = arg('--pg-down-seconds', 60) * 1000;
  const fuzzCount = arg('--fuzz', 100_000);
  const pgc = await new DrillPostgres().init();
  const redis = await new DrillRedis().start();
  const fake = await drillFake();
  const app = await startInProcess(drillEnv(pgc.url, redis.url, fake.url));
  try {
    const tally = (users: string[]) => {
      const copies = copiesPerUser(fake);
      const n = users.map((u) => copies.get(u) ?? 0);
      return {
        answeredOnce: n.filter((c) => c === 1).length,
        twice: n.filter((c) => c > 1).length,
        none: n.filter((c) => c === 0).length,
      };
    };

    // 1. PostgreSQL away for longer than every retry budget.
    const a = Array.from({ length: messages }, (_, i) => `drill-pg-${i}`);
    const acksA = await Promise.all(a.map((u) => say(app.base, app.config, u)));
    pgc.stop();
    await app.startWorkers();
    console.log(
      `postgres: ${acksA.filter((s) => s === 200).length}/${messages} acknowledged, database down ${pgDownMs / 1000} s`,
    );
    await sleep(pgDownMs);
    pgc.start();
    await until(
      async () => (await inboundCounts(pgc.url)).handled >= messages,
      'postgres drill',
      15 * 60_000,
    );
    await until(() => tally(a).answeredOnce === messages, 'postgres drill answers', 5 * 60_000).catch(
      () => undefined,
    );
    console.log('postgres:', await inboundCounts(pgc.url), tally(a));

    // 2. Redis killed and restarted empty, with messages acknowledged meanwhile.
    const b = Array.from({ length: messages }, (_, i) => `drill-redis-${i}`);
    const half = Math.floor(messages / 2);
    const acksB = await Promise.all(b.slice(0, half).map((u) => say(app.base, app.config, u)));
    await redis.kill();
    acksB.push(...(await Promise.all(b.slice(half).map((u) => say(app.base, app.config, u)))));
    await redis.start();
    console.log(`redis: ${acksB.filter((s) => s === 200).length}/${messages} acknowledged around the kill`);
    await until(
      async () => (await inboundCounts(pgc.url)).handled >= 2 * messages,
      'redis drill',
      10 * 60_000,
    );
    await until(() => tally(b).answeredOnce === messages, 'redis drill answers', 5 * 60_000).catch(
      () => undefined,
    );
    console.log(
      'redis:',
      await inboundCounts(pgc.url),
      tally(b),
      'healthz',
      await (await fetch(`${app.base}/healthz`)).json(),
    );

    // 3. Malformed requests.
    const started = Date.now();
    const result = await fuzz(app.base, fuzzCount, 16, DRILL_ADMIN_TOKEN);
    console.log(
      `fuzz: ${result.sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      result.byStatus,
    );
    console.log(
      `fuzz: 5xx ${result.fiveXx.length}, dropped ${result.byStatus['0'] ?? 0}`,
      result.fiveXx.slice(0, 5),
    );
  } finally {
    await app.close();
    await fake.close();
    await redis.kill();
    pgc.destroy();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`drill failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
