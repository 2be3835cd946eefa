import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../ormconfig';

const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/**
 * Runs `work` on a fresh, migrated database `qinshang_bench_<label>_<random>` and drops it afterwards,
 * so a benchmark never touches the development database and leaves nothing behind.
 */
export async function withThrowawayDatabase<T>(
  label: string,
  work: (ds: DataSource, name: string) => Promise<T>,
): Promise<T> {
  const name = `qinshang_bench_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const ds = createDataSource(url.toString(), { extra: { max: 10 } });
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      return await work(ds, name);
    } finally {
      await ds.destroy();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/** Wall time (ms) and peak RSS (sampled every 10 ms) of one piece of work. */
export async function measure<T>(work: () => Promise<T>): Promise<{ result: T; time: number; peak: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const t0 = performance.now();
  try {
    const result = await work();
    return { result, time: performance.now() - t0, peak: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}
