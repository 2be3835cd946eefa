import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type Clock, systemClock } from '../../lib/clock';
import { isPlatformError } from './http';

/** What a platform's token endpoint gives back. */
export interface FetchedToken {
  token: string;
  expiresInSeconds: number;
}

export interface TokenCacheOptions {
  /** Redis key of the cached token; must name the app (tokens are per app). */
  key: string;
  fetch: () => Promise<FetchedToken>;
  clock?: Clock;
  /** Refresh this long before the platform's expiry, so no call goes out with a dying token. */
  refreshEarlyMs?: number;
  /** How long one process may hold the refresh lock (longer than a token call can take). */
  lockTtlMs?: number;
  /** How often a process waiting for another's refresh looks again. */
  pollMs?: number;
}

interface Cached {
  token: string;
  expiresAt: number;
  /** When to fetch a new one: refreshEarlyMs before expiry, but never in the first half of its life. */
  refreshAt: number;
}

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * An access token cached in Redis and refreshed single-flight: one in-flight promise per
 * process, and a Redis lock (SET NX PX) across processes, because the platforms throttle
 * their token endpoints ("不能频繁调用gettoken接口").
 */
export class TokenCache {
  /** In-process single flight: one promise per "token we refuse" ('' = none). */
  private readonly inflight = new Map<string, Promise<string>>();
  private readonly clock: Clock;
  private readonly refreshEarlyMs: number;
  private readonly lockTtlMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly opts: TokenCacheOptions,
  ) {
    this.clock = opts.clock ?? systemClock;
    this.refreshEarlyMs = opts.refreshEarlyMs ?? 5 * 60_000;
    this.lockTtlMs = opts.lockTtlMs ?? 15_000;
    this.pollMs = opts.pollMs ?? 50;
  }

  /** A valid token, from the cache when possible. */
  get(): Promise<string> {
    return this.dedupe('', () => this.obtain(null));
  }

  /** A token other than `rejected` (the platform said it expired): refreshes unless someone already did. */
  replace(rejected: string): Promise<string> {
    return this.dedupe(rejected, () => this.obtain(rejected));
  }

  /** Runs a call with the token; on 40014/42001 (or DingTalk's InvalidAuthentication) refreshes and retries ONCE. */
  async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.get();
    try {
      return await call(token);
    } catch (err) {
      if (!isPlatformError(err) || !err.tokenExpired) throw err;
      return call(await this.replace(token));
    }
  }

  private dedupe(key: string, work: () => Promise<string>): Promise<string> {
    let running = this.inflight.get(key);
    if (!running) {
      running = work().finally(() => this.inflight.delete(key));
      this.inflight.set(key, running);
    }
    return running;
  }

  private async obtain(rejected: string | null): Promise<string> {
    const deadline = this.clock.now().getTime() + this.lockTtlMs * 2;
    for (;;) {
      const cached = await this.read();
      if (cached && cached.token !== rejected && this.fresh(cached)) return cached.token;
      const owner = randomBytes(8).toString('hex');
      const locked = await this.redis.set(this.lockKey(), owner, 'PX', this.lockTtlMs, 'NX');
      if (locked === 'OK') {
        try {
          return await this.refresh(rejected);
        } finally {
          await this.redis.eval(RELEASE, 1, this.lockKey(), owner);
        }
      }
      if (this.clock.now().getTime() > deadline) {
        throw new Error(`token refresh for ${this.opts.key} did not finish in time`);
      }
      await sleep(this.pollMs);
    }
  }

  private async refresh(rejected: string | null): Promise<string> {
    // Another process may have refreshed between our read and our lock.
    const cached = await this.read();
    if (cached && cached.token !== rejected && this.fresh(cached)) return cached.token;
    const fetched = await this.opts.fetch();
    const ttlMs = fetched.expiresInSeconds * 1000;
    const now = this.clock.now().getTime();
    const value: Cached = {
      token: fetched.token,
      expiresAt: now + ttlMs,
      refreshAt: now + Math.max(ttlMs - this.refreshEarlyMs, ttlMs / 2),
    };
    await this.redis.set(this.opts.key, JSON.stringify(value), 'PX', Math.max(1000, ttlMs));
    return fetched.token;
  }

  private async read(): Promise<Cached | null> {
    const raw = await this.redis.get(this.opts.key);
    return raw ? (JSON.parse(raw) as Cached) : null;
  }

  private fresh(cached: Cached): boolean {
    return cached.refreshAt > this.clock.now().getTime();
  }

  private lockKey(): string {
    return `${this.opts.key}:lock`;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
