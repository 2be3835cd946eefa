import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type Clock, systemClock } from '../lib/clock';

/**
 * WeCom and DingTalk group robots take 20 messages per minute; DingTalk then blocks the robot
 * for 10 minutes. We keep two messages of headroom for clock skew between workers and for
 * requests still in flight when the window slides.
 */
export const ROBOT_LIMIT_PER_WINDOW = 18;
export const ROBOT_WINDOW_MS = 60_000;

/** How long a platform's rate-limit answer blocks the robot, by errcode. */
export const BLOCK_MS: Record<string, number> = {
  '45009': 60_000,
  '130101': 10 * 60_000,
};

/** "go" with the slots taken (settle each once its request is answered), or "wait N ms". */
export type Decision = { go: true; granted: number; slots: string[] } | { go: false; waitMs: number };

export interface RateLimiterOptions {
  /** Key prefix, e.g. the queue prefix, so test runs never share windows. */
  prefix: string;
  limit?: number;
  windowMs?: number;
  /** Block lengths by errcode (defaults: BLOCK_MS); tests shorten them. */
  blockMs?: Record<string, number>;
  clock?: Clock;
}

/**
 * Sliding-window log in a sorted set, one per robot, shared by every worker through Redis.
 * KEYS[1] window zset, KEYS[2] block key; ARGV: now ms, window ms, limit, wanted, member prefix.
 * Returns {granted, 0} or {0, waitMs}.
 */
const ACQUIRE = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local wanted = tonumber(ARGV[4])
local blocked = tonumber(redis.call('GET', KEYS[2]) or '0')
if blocked > now then return {0, blocked - now} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local used = redis.call('ZCARD', KEYS[1])
local free = limit - used
if free <= 0 then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, math.max(1, tonumber(oldest[2]) + window - now + 1)}
end
local granted = math.min(free, wanted)
for i = 1, granted do
  redis.call('ZADD', KEYS[1], now, ARGV[5] .. ':' .. i)
end
redis.call('PEXPIRE', KEYS[1], window)
return {granted, 0}
`;

/** KEYS[1] block key; ARGV: until ms, ttl ms. Only ever extends a block. */
const BLOCK = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
return 0
`;

/** Per-robot send limiter shared by all workers: "go" with some slots, or "wait N ms". */
export class RobotRateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly clock: Clock;

  constructor(
    private readonly redis: Redis,
    private readonly opts: RateLimiterOptions,
  ) {
    this.limit = opts.limit ?? ROBOT_LIMIT_PER_WINDOW;
    this.windowMs = opts.windowMs ?? ROBOT_WINDOW_MS;
    this.clock = opts.clock ?? systemClock;
  }

  /**
   * Takes up to `wanted` send slots for a robot at once, so the parts of a split message go out
   * together. Grants at least one slot when any is free.
   */
  async acquire(robot: string, wanted = 1): Promise<Decision> {
    const now = this.clock.now().getTime();
    const member = `${now}-${randomBytes(6).toString('hex')}`;
    const [granted, waitMs] = (await this.redis.eval(
      ACQUIRE,
      2,
      this.windowKey(robot),
      this.blockKey(robot),
      now,
      this.windowMs,
      this.limit,
      Math.max(1, wanted),
      member,
    )) as [number, number];
    if (granted === 0) return { go: false, waitMs };
    const slots = Array.from({ length: granted }, (_, i) => `${member}:${i + 1}`);
    return { go: true, granted, slots };
  }

  /**
   * Re-stamps a slot with the time its request was answered. The platform counts a message when
   * it arrives, which is after we took the slot; without this, a slow first batch and a fast
   * second one can meet inside one platform window (measured: 2 of 100 refused at 18 vs 20).
   */
  async settle(robot: string, slot: string): Promise<void> {
    await this.redis.zadd(this.windowKey(robot), 'XX', this.clock.now().getTime(), slot);
  }

  /** Blocks a robot for every worker after the platform answered `errcode`; returns the block length. */
  async blockAfter(robot: string, errcode: string): Promise<number> {
    const table = { ...BLOCK_MS, ...this.opts.blockMs };
    const ms = table[errcode] ?? table['45009'];
    await this.block(robot, ms);
    return ms;
  }

  /** Blocks a robot for every worker until `now + ms` (after the platform said "too fast"). */
  async block(robot: string, ms: number): Promise<void> {
    const until = this.clock.now().getTime() + ms;
    await this.redis.eval(BLOCK, 1, this.blockKey(robot), until, ms);
  }

  private windowKey(robot: string): string {
    return `${this.opts.prefix}:rl:{${robot}}:w`;
  }

  private blockKey(robot: string): string {
    return `${this.opts.prefix}:rl:{${robot}}:b`;
  }
}
