import { Client } from 'pg';

/**
 * Where the tests' services are. A run gets its own databases and BullMQ prefix (RUN_ID, set by
 * globalSetup), so two runs never collide and never touch the development database.
 */
export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Runs `work` on a session of the server's admin database (to create, clone or drop databases), ended after. */
export async function withAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

export function runId(): string {
  const id = process.env.QINSHANG_TEST_RUN;
  if (!id) throw new Error('QINSHANG_TEST_RUN is not set: run the tests through jest (globalSetup)');
  return id;
}

export const templateDbName = () => `qinshang_test_${runId()}_tpl`;
export const workerDbName = () => `qinshang_test_${runId()}_w${process.env.JEST_WORKER_ID ?? '1'}`;

export function dbUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The BullMQ/Redis key prefix of this worker of this run. */
export const testPrefix = () => `qstest_${runId()}_w${process.env.JEST_WORKER_ID ?? '1'}`;
