import type { DataSource } from 'typeorm';
import { Person } from '../../../src/entities';
import type { AppHarness } from '../../support/app-harness';

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
