import type { Redis } from 'ioredis';
import { createRedis } from '../../../src/infra/redis';
import { FixedClock } from '../../../src/lib/clock';
import {
  ROBOT_LIMIT_PER_WINDOW,
  ROBOT_WINDOW_MS,
  RobotRateLimiter,
} from '../../../src/platforms/kit/rate-limiter';
import { TEST_REDIS_URL, testPrefix } from '../../support/env';

let redis: Redis;
let other: Redis;
const clock = new FixedClock(new Date('2026-11-23T09:00:00+08:00'));
const prefix = () => `${testPrefix()}_rl${Math.random().toString(36).slice(2, 8)}`;

beforeAll(() => {
  redis = createRedis(TEST_REDIS_URL, 'worker');
  other = createRedis(TEST_REDIS_URL, 'worker');
});
afterAll(() => {
  redis.disconnect();
  other.disconnect();
});

it('holds group robots to 18 per rolling 60 s and WeCom app members to 27 a minute and 900 an hour', () => {
  const limiter = new RobotRateLimiter(redis, { prefix: 'x' });
  expect([ROBOT_LIMIT_PER_WINDOW, ROBOT_WINDOW_MS]).toEqual([18, 60_000]);
  for (const key of ['wecom_webhook:abc', 'dingtalk_robot:abc', 'dingtalk_session:c1', 'unknown:x']) {
    expect(limiter.windows(key)).toEqual([{ limit: 18, windowMs: 60_000 }]);
  }
  expect(limiter.windows('wecom_app:zhangsan')).toEqual([
    { limit: 27, windowMs: 60_000 },
    { limit: 900, windowMs: 3_600_000 },
  ]);
  expect(new RobotRateLimiter(redis, { prefix: 'x', limit: 5 }).windows('wecom_app:u')).toEqual([
    { limit: 5, windowMs: 60_000 },
  ]);
});

it('lets one WeCom app member get 27 messages a minute, then the hourly 900 holds', async () => {
  const limiter = new RobotRateLimiter(redis, { prefix: prefix(), clock });
  let granted = 0;
  for (let i = 0; i < 10; i++) {
    const d = await limiter.acquire('wecom_app:u1', 5);
    if (d.go) granted += d.granted;
  }
  expect(granted).toBe(27);
  expect(await limiter.acquire('wecom_app:u1')).toMatchObject({ go: false });
  expect(await limiter.acquire('wecom_app:u2')).toMatchObject({ go: true });
  // 33 more minutes at 27 a minute reach 900 within the hour; then the hour window says how long to wait.
  for (let minute = 1; minute <= 33; minute++) {
    clock.advance(60_001);
    const d = await limiter.acquire('wecom_app:u1', 30);
    expect(d).toMatchObject({ go: true, granted: minute === 33 ? 900 - 27 * 33 : 27 });
  }
  clock.advance(60_001);
  const held = await limiter.acquire('wecom_app:u1');
  expect(held.go).toBe(false);
  if (!held.go) expect(held.waitMs).toBeGreaterThan(20 * 60_000);
});

it('shares one window between limiters on different connections, and says how long to wait', async () => {
  const p = prefix();
  const a = new RobotRateLimiter(redis, { prefix: p, clock });
  const b = new RobotRateLimiter(other, { prefix: p, clock });
  let granted = 0;
  for (let i = 0; i < 12; i++) {
    const d = await (i % 2 ? a : b).acquire('robot-1', 2);
    if (d.go) granted += d.granted;
  }
  expect(granted).toBe(18);
  clock.advance(20_000);
  const d = await a.acquire('robot-1');
  expect(d).toEqual({ go: false, waitMs: 40_001 });
  expect(await a.acquire('robot-2')).toMatchObject({ go: true, granted: 1 });
  clock.advance(40_001);
  expect(await b.acquire('robot-1', 30)).toMatchObject({ go: true, granted: 18 });
});

it('grants what is free when more is wanted, so a split message takes the free slots', async () => {
  const limiter = new RobotRateLimiter(redis, { prefix: prefix(), clock, limit: 5 });
  expect(await limiter.acquire('r', 3)).toMatchObject({ granted: 3 });
  expect(await limiter.acquire('r', 3)).toMatchObject({ granted: 2 });
  expect(await limiter.acquire('r', 1)).toMatchObject({ go: false });
});

it('blocks a robot for every worker after 130101 (10 min) and 45009 (60 s)', async () => {
  const p = prefix();
  const a = new RobotRateLimiter(redis, { prefix: p, clock });
  const b = new RobotRateLimiter(other, { prefix: p, clock });
  expect(await a.blockAfter('dt', '130101')).toBe(600_000);
  expect(await b.acquire('dt')).toEqual({ go: false, waitMs: 600_000 });
  // A shorter block never shortens a longer one.
  await b.blockAfter('dt', '45009');
  clock.advance(60_000);
  expect(await a.acquire('dt')).toEqual({ go: false, waitMs: 540_000 });
  clock.advance(540_000);
  expect(await a.acquire('dt')).toMatchObject({ go: true });
});
