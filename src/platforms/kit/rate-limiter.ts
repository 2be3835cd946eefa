import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type Clock, systemClock } from '../../lib/clock';

/**
 * WeCom and DingTalk group robots take 20 messages per minute; DingTalk then blocks the robot
 * for 10 minutes. We keep two messages of headroom for clock skew between workers and for
 * requests still in flight when the window slides.
 */
export const ROBOT_LIMIT_PER_WINDOW = 18;
export const ROBOT_WINDOW_MS = 60_000;

/** One sliding window: at most `limit` sends in any `windowMs`. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ROBOT: RateWindow[] = [{ limit: ROBOT_LIMIT_PER_WINDOW, windowMs: ROBOT_WINDOW_MS }];

/**
 * The platforms' send limits by channel (the part of the limiter key before the first ':'), each with
 * about 10 % headroom; sources in the README ("Outbound limits"). A channel not listed gets the robot's.
 */
export const CHANNEL_LIMITS: Record<string, RateWindow[]> = {
  // 群机器人: "每个机器人发送的消息不能超过20条/分钟" (WeCom 99110).
  wecom_webhook: ROBOT,
  // App message to one member: "每应用对同一个成员不可超过30次/分钟，1000次/小时，超过部分会被丢弃" (90236).
  wecom_app: [
    { limit: 27, windowMs: MINUTE },
    { limit: 900, windowMs: HOUR },
  ],
  // App group chat: "每成员每应用 200条/分、1万条/天" (90248), counted per chat here.
  wecom_appchat: [
    { limit: 180, windowMs: MINUTE },
    { limit: 9_000, windowMs: 24 * HOUR },
  ],
  // DingTalk custom robot: "每个机器人每分钟最多发送20条…如果超过20条，会限流10分钟" (130101).
  dingtalk_robot: ROBOT,
  // sessionWebhook and the enterprise robot's API sends: no separate per-conversation limit is documented;
  // the robot's 20/min is kept, since a 10-minute block is the cost of guessing high.
  dingtalk_session: ROBOT,
  dingtalk_api_user: ROBOT,
  dingtalk_api_group: ROBOT,
};

/** The windows a limiter key is held to. */
export function windowsFor(key: string): RateWindow[] {
  return CHANNEL_LIMITS[key.slice(0, key.indexOf(':'))] ?? ROBOT;
}

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
  /** One window for every key instead of the channel's own (tests). */
  limit?: number;
  windowMs?: number;
  /** Block lengths by errcode (defaults: BLOCK_MS); tests shorten them. */
  blockMs?: Record<string, number>;
  clock?: Clock;
}

/**
 * Sliding-window logs in sorted sets, one per robot and window, shared by every worker through Redis.
 * KEYS[1] block key, KEYS[2..] one zset per window; ARGV: now ms, wanted, member prefix, then window ms
 * and limit for each zset. Grants what every window has free; returns {granted, 0} or {0, waitMs}.
 */
const ACQUIRE = `
local now = tonumber(ARGV[1])
local wanted = tonumber(ARGV[2])
local blocked = tonumber(redis.call('GET', KEYS[1]) or '0')
if blocked > now then return {0, blocked - now} end
local free = wanted
local wait = 0
for k = 2, #KEYS do
  local window = tonumber(ARGV[2 + 2 * (k - 1)])
  local limit = tonumber(ARGV[3 + 2 * (k - 1)])
  redis.call('ZREMRANGEBYSCORE', KEYS[k], '-inf', now - window)
  local left = limit - redis.call('ZCARD', KEYS[k])
  if left <= 0 then
    local oldest = redis.call('ZRANGE', KEYS[k], 0, 0, 'WITHSCORES')
    wait = math.max(wait, tonumber(oldest[2]) + window - now + 1)
  end
  free = math.min(free, left)
end
if wait > 0 then return {0, math.max(1, wait)} end
for k = 2, #KEYS do
  local window = tonumber(ARGV[2 + 2 * (k - 1)])
  for i = 1, free do
    redis.call('ZADD', KEYS[k], now, ARGV[3] .. ':' .. i)
  end
  redis.call('PEXPIRE', KEYS[k], window)
end
return {free, 0}
`;

/** KEYS[1] block key; ARGV: until ms, ttl ms. Only ever extends a block. */
const BLOCK = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
return 0
`;

/**
 * Per-robot (per-member, per-chat) send limiter shared by all workers, holding each key to its channel's
 * windows: "go" with some slots, or "wait N ms".
 */
export class RobotRateLimiter {
  /** The window every key gets when the options set one; null: each channel's own (CHANNEL_LIMITS). */
  private readonly fixed: RateWindow[] | null;
  private readonly clock: Clock;

  constructor(
    private readonly redis: Redis,
    private readonly opts: RateLimiterOptions,
  ) {
    const fixed = opts.limit !== undefined || opts.windowMs !== undefined;
    this.fixed = fixed
      ? [{ limit: opts.limit ?? ROBOT_LIMIT_PER_WINDOW, windowMs: opts.windowMs ?? ROBOT_WINDOW_MS }]
      : null;
    this.clock = opts.clock ?? systemClock;
  }

  /** The windows a robot key is held to. */
  windows(robot: string): RateWindow[] {
    return this.fixed ?? windowsFor(robot);
  }

  /**
   * Takes up to `wanted` send slots for a robot at once, so the parts of a split message go out
   * together. Grants at least one slot when any is free.
   */
  async acquire(robot: string, wanted = 1): Promise<Decision> {
    const now = this.clock.now().getTime();
    const member = `${now}-${randomBytes(6).toString('hex')}`;
    const windows = this.windows(robot);
    const [granted, waitMs] = (await this.redis.eval(
      ACQUIRE,
      1 + windows.length,
      this.blockKey(robot),
      ...windows.map((w) => this.windowKey(robot, w)),
      now,
      Math.max(1, wanted),
      member,
      ...windows.flatMap((w) => [w.windowMs, w.limit]),
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
    const now = this.clock.now().getTime();
    await Promise.all(
      this.windows(robot).map((w) => this.redis.zadd(this.windowKey(robot, w), 'XX', now, slot)),
    );
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

  /** The minute window keeps its old key, so a deploy does not forget the last minute's sends. */
  private windowKey(robot: string, w: RateWindow): string {
    const base = `${this.opts.prefix}:rl:{${robot}}:w`;
    return w.windowMs === ROBOT_WINDOW_MS ? base : `${base}${w.windowMs}`;
  }

  private blockKey(robot: string): string {
    return `${this.opts.prefix}:rl:{${robot}}:b`;
  }
}
