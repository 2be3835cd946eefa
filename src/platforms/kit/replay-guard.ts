import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** What a replay check found. */
export type Sighting = 'new' | 'same' | 'replay';

/**
 * Remembers signed callbacks for the platform's window. A key seen again with the same body is a
 * platform retry (intake dedupes it); with another body it is a replay of captured headers.
 */
export interface ReplayGuard {
  /** Records `keys` with the body's hash for `ttlSeconds`; 'replay' when any was seen with another body. */
  sight(keys: string[], body: string, ttlSeconds: number): Promise<Sighting>;
}

const bodyHash = (body: string) => createHash('sha256').update(body).digest('base64');
const keyHash = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 40);

/** The Redis-backed guard: `SET key hash NX EX ttl GET` (Redis ≥ 7) per key, one round trip. */
export class RedisReplayGuard implements ReplayGuard {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async sight(keys: string[], body: string, ttlSeconds: number): Promise<Sighting> {
    const hash = bodyHash(body);
    const pipeline = this.redis.multi();
    for (const key of keys) {
      pipeline.set(`${this.prefix}:replay:${keyHash(key)}`, hash, 'EX', ttlSeconds, 'NX', 'GET');
    }
    const results = (await pipeline.exec()) ?? [];
    let seen = false;
    for (const [err, previous] of results) {
      if (err) throw err;
      if (previous === null) continue;
      if (previous !== hash) return 'replay';
      seen = true;
    }
    return seen ? 'same' : 'new';
  }
}
