import type { DataSource } from 'typeorm';
import { Person } from '../../../src/entities';
import { type AppHarness, type AppHarnessOptions, startAppHarness } from '../../support/app-harness';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { seedRoster } from '../visits/visit-fixtures';

/**
 * The demo roster on this jest worker's (emptied) database and the app started on it: the setup the
 * console's API files share. `stopSeededApp` undoes it in afterAll.
 */
export async function startSeededApp(options: AppHarnessOptions): Promise<{ ds: DataSource; h: AppHarness }> {
  const ds = await testDataSource();
  await truncateAll(ds);
  await seedRoster(ds);
  return { ds, h: await startAppHarness(options) };
}

export async function stopSeededApp(h: AppHarness | undefined): Promise<void> {
  await h?.close();
  await closeTestDataSource();
}

/**
 * Signs a roster person in through the demo page over plain HTTP; returns the headers a page would
 * send with a state-changing request (the session cookie and its CSRF token).
 */
export async function demoHeaders(
  h: AppHarness,
  ds: DataSource,
  mobile: string,
): Promise<{ cookie: string; 'x-csrf-token': string }> {
  const person = await ds.getRepository(Person).findOneByOrFail({ mobile });
  const res = await fetch(`${h.base}/console/auth/demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ personId: person.id }),
  });
  if (res.status !== 200) throw new Error(`demo sign-in of ${mobile} answered ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const me = (await (await fetch(`${h.base}/api/console/me`, { headers: { cookie } })).json()) as {
    csrf: string;
  };
  return { cookie, 'x-csrf-token': me.csrf };
}

/** A console API caller signed in as the roster person: GET without a body, POST of JSON with one. */
export async function consoleCaller(h: AppHarness, ds: DataSource, mobile: string) {
  const headers = await demoHeaders(h, ds, mobile);
  return async (path: string, body?: unknown) => {
    const r = await fetch(`${h.base}/api/console${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
}

/** POSTs JSON, or raw bytes with their content type, to /api/console…. */
export function consolePost(
  h: AppHarness,
  path: string,
  headers: Record<string, string>,
  body: Buffer | object,
  type = 'application/json',
): Promise<Response> {
  return fetch(`${h.base}/api/console${path}`, {
    method: 'POST',
    headers: { 'content-type': type, ...headers },
    body: Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
  });
}
