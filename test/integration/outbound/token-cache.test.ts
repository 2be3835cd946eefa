import type { Redis } from 'ioredis';
import { createRedis } from '../../../src/infra/redis';
import { FixedClock } from '../../../src/lib/clock';
import { PlatformError } from '../../../src/platforms/kit/http';
import { TokenCache } from '../../../src/platforms/kit/token-cache';
import { TEST_REDIS_URL, testPrefix } from '../../support/env';

let r1: Redis;
let r2: Redis;

beforeAll(() => {
  r1 = createRedis(TEST_REDIS_URL, 'worker');
  r2 = createRedis(TEST_REDIS_URL, 'worker');
});
afterAll(() => {
  r1.disconnect();
  r2.disconnect();
});

function source() {
  let n = 0;
  return {
    calls: () => n,
    fetch: async () => {
      n++;
      await new Promise((r) => setTimeout(r, 100));
      return { token: `t${n}`, expiresInSeconds: 7200 };
    },
  };
}

it('refreshes single-flight across "processes" (two connections, two caches) and within one', async () => {
  const key = `${testPrefix()}:tok:${Math.random()}`;
  const s = source();
  const a = new TokenCache(r1, { key, fetch: s.fetch });
  const b = new TokenCache(r2, { key, fetch: s.fetch });
  const tokens = await Promise.all([a.get(), a.get(), b.get(), b.get(), a.get()]);
  expect(new Set(tokens)).toEqual(new Set(['t1']));
  expect(s.calls()).toBe(1);
});

it('refreshes early, before the platform expiry', async () => {
  const key = `${testPrefix()}:tok:${Math.random()}`;
  const clock = new FixedClock(new Date('2026-11-23T09:00:00+08:00'));
  const s = source();
  const cache = new TokenCache(r1, { key, fetch: s.fetch, clock, refreshEarlyMs: 300_000 });
  expect(await cache.get()).toBe('t1');
  clock.advance(7200_000 - 300_001);
  expect(await cache.get()).toBe('t1');
  clock.advance(2);
  expect(await cache.get()).toBe('t2');
});

it('replaces a rejected token once even when many callers report it', async () => {
  const key = `${testPrefix()}:tok:${Math.random()}`;
  const s = source();
  const a = new TokenCache(r1, { key, fetch: s.fetch });
  const b = new TokenCache(r2, { key, fetch: s.fetch });
  await a.get();
  const fresh = await Promise.all([a.replace('t1'), b.replace('t1'), a.replace('t1')]);
  expect(fresh).toEqual(['t2', 't2', 't2']);
  expect(s.calls()).toBe(2);
});

it('retries a call once with a new token on 42001, and not on other errors', async () => {
  const key = `${testPrefix()}:tok:${Math.random()}`;
  const s = source();
  const cache = new TokenCache(r1, { key, fetch: s.fetch });
  const seen: string[] = [];
  const result = await cache.withToken(async (t) => {
    seen.push(t);
    if (t === 't1') throw new PlatformError('wecom', '42001', 'access_token expired');
    return 'ok';
  });
  expect([result, seen]).toEqual(['ok', ['t1', 't2']]);
  let calls = 0;
  await expect(
    cache.withToken(async () => {
      calls++;
      throw new PlatformError('wecom', '45009', 'api freq out of limit');
    }),
  ).rejects.toMatchObject({ rateLimited: true });
  expect(calls).toBe(1);
});

it('does not refetch on every call when the token lives shorter than the early-refresh margin', async () => {
  const key = `${testPrefix()}:tok:${Math.random()}`;
  const clock = new FixedClock(new Date('2026-11-23T09:00:00+08:00'));
  let n = 0;
  const cache = new TokenCache(r1, {
    key,
    clock,
    refreshEarlyMs: 300_000,
    fetch: async () => ({ token: `s${++n}`, expiresInSeconds: 120 }),
  });
  expect([await cache.get(), await cache.get()]).toEqual(['s1', 's1']);
  clock.advance(60_001);
  expect(await cache.get()).toBe('s2');
});
