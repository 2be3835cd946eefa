import { Queue } from 'bullmq';
import type { InboundMessage } from '../../../src/bot/inbound-message';
import {
  fanOutInbound,
  INBOUND_JOB,
  type InboundGroupJob,
  type InboundJob,
} from '../../../src/intake/intake.service';
import { createRedis } from '../../../src/infra/redis';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { TEST_REDIS_URL } from '../../support/env';

/** A WeCom app text from 张三, as the receivers build it. */
export const inboundText = (id: string, text = '帮助'): InboundMessage => ({
  platform: 'wecom',
  messageId: id,
  senderId: 'zhangsan',
  chatId: null,
  text,
  sentAt: new Date().toISOString(),
  reply: { kind: 'wecom_app', userId: 'zhangsan' },
});

/**
 * The inbound queue on its own BullMQ prefix, for a describe block: the database is emptied before
 * each test (and the queue too, with `emptyQueue`); the queue is obliterated and closed after the block.
 */
export function useInboundQueue(prefix: string, options: { emptyQueue?: boolean } = {}): Queue<InboundJob> {
  const redis = createRedis(TEST_REDIS_URL, 'producer');
  const queue = new Queue<InboundJob>('inbound', { connection: redis, prefix });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
    await closeTestDataSource();
  });
  beforeEach(async () => {
    await truncateAll(await testDataSource());
    if (options.emptyQueue) await queue.obliterate({ force: true });
  });
  return queue;
}

/** The waiting jobs of the inbound queue by name: 'handle' jobs' row ids and 'handle-group' jobs' rows. */
export async function queuedRows(queue: Queue): Promise<{ handle: string[]; groups: string[][] }> {
  const jobs = await queue.getJobs(['waiting', 'prioritized', 'delayed']);
  const handle: string[] = [];
  const groups: string[][] = [];
  for (const job of jobs) {
    if (job.name === INBOUND_JOB.group) groups.push((job.data as InboundGroupJob).rows.map(([id]) => id));
    else handle.push((job.data as InboundJob).rowId);
  }
  return { handle, groups };
}

/** Fans out every waiting group job as the inbound worker would (the group jobs stay waiting). */
export async function fanOutWaitingGroups(queue: Queue): Promise<number> {
  const jobs = await queue.getJobs(['waiting']);
  const groups = jobs.filter((j) => j.name === INBOUND_JOB.group);
  for (const job of groups) await fanOutInbound(queue, job.data as InboundGroupJob);
  return groups.length;
}
