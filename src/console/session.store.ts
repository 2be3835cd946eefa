import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/** What a console session remembers: who signed in and how, and the CSRF token of its pages. */
export interface ConsoleSession {
  /** A roster person's id, or null for the campaign office signed in with the admin token. */
  personId: string | null;
  /** How the session signed in: a platform's sign-in (its name), 'token' or 'demo'. */
  via: string;
  csrf: string;
  createdAt: string;
}

/**
 * Console sessions in Redis, keyed by a hash of the cookie value (a leaked key dump holds no usable
 * cookie). Each read renews the idle timeout; sign-out deletes the key.
 */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly idleSeconds: number,
  ) {}

  private key(sid: string): string {
    return `${this.prefix}:console:session:${createHash('sha256').update(sid).digest('hex')}`;
  }

  /** Starts a session; returns the cookie value. */
  async create(
    personId: string | null,
    via: ConsoleSession['via'],
    now: Date,
  ): Promise<{ sid: string; session: ConsoleSession }> {
    const sid = randomBytes(32).toString('base64url');
    const session: ConsoleSession = {
      personId,
      via,
      csrf: randomBytes(24).toString('base64url'),
      createdAt: now.toISOString(),
    };
    await this.redis.set(this.key(sid), JSON.stringify(session), 'EX', this.idleSeconds);
    return { sid, session };
  }

  /** The live session of a cookie value, its idle timeout renewed; null when unknown or expired. */
  async touch(sid: string): Promise<ConsoleSession | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(sid)) return null;
    const key = this.key(sid);
    const raw = await this.redis.getex(key, 'EX', this.idleSeconds);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as ConsoleSession;
    } catch {
      await this.redis.del(key);
      return null;
    }
  }

  async destroy(sid: string): Promise<void> {
    await this.redis.del(this.key(sid));
  }

  /** A one-use OAuth `state`, bound to the browser by a cookie of the same value. */
  async issueState(): Promise<string> {
    const state = randomBytes(18).toString('base64url');
    await this.redis.set(`${this.prefix}:console:oauth:${state}`, '1', 'EX', 600);
    return state;
  }

  /** True once for a state this server issued in the last ten minutes. */
  async consumeState(state: string): Promise<boolean> {
    if (!/^[A-Za-z0-9_-]{24}$/.test(state)) return false;
    return (await this.redis.del(`${this.prefix}:console:oauth:${state}`)) === 1;
  }
}
