import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { createRedis } from '../../../src/infra/redis';
import { SCHEDULED_JOBS, type ScheduledJobData, type ScheduledJobName } from '../../../src/jobs/catalogue';
import { upsertSchedulers } from '../../../src/jobs/schedulers';
import { inZone } from '../../../src/lib/time';
import { TEST_REDIS_URL, testPrefix } from '../../support/env';

let redis: Redis;
let queue: Queue<ScheduledJobData>;

beforeAll(() => {
  redis = createRedis(TEST_REDIS_URL, 'producer');
  queue = new Queue<ScheduledJobData>('scheduled', {
    connection: redis,
    prefix: `${testPrefix()}_sched_${Math.random().toString(36).slice(2, 8)}`,
  });
});
afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  redis.disconnect();
});

describe('job schedulers', () => {
  it('fire the five jobs at their Beijing times, and upserting again changes nothing', async () => {
    const names = Object.keys(SCHEDULED_JOBS) as ScheduledJobName[];
    await upsertSchedulers(queue, names);
    await upsertSchedulers(queue, names);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual([...names].sort());
    const next = Object.fromEntries(schedulers.map((s) => [s.key, inZone(s.next!)]));
    for (const s of schedulers) expect(s.tz).toBe('Asia/Shanghai');
    expect(next['contact-reminders'].format('HH:mm')).toBe('09:00');
    expect(next['contact-reminders'].date()).toBeGreaterThanOrEqual(15);
    expect(next['problem-chasing'].format('HH:mm')).toBe('09:30');
    expect(next['digest-daily'].format('HH:mm')).toBe('08:30');
    expect(next['digest-weekly'].format('d HH:mm')).toBe('1 08:30');
    expect(next['monthly-report'].format('HH:mm')).toBe('09:00');
    expect(next['monthly-report'].date()).toBeLessThanOrEqual(10);
  });
});
