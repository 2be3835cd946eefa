import IORedis from 'ioredis';
import { runId, TEST_REDIS_URL, withAdmin } from './env';

/**
 * Drops this run's databases and Redis keys. The databases are dropped all at once, each from a
 * session of its own: every DROP DATABASE waits for a checkpoint, and concurrent ones share it (five
 * dropped one after another took 12–16 s on this machine under load, at once 0.6–1.1 s).
 */
export default async function globalTeardown(): Promise<void> {
  const names = await withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`qinshang_test_${runId()}_%`],
    );
    return rows.map((r) => r.datname);
  });
  const dropped = await Promise.allSettled(
    names.map((name) => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  );
  const redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `qstest_${runId()}_*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  const failed = dropped.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}
