import { Queue } from 'bullmq';
import { createRedis } from '../../src/infra/redis';
import { QUEUES } from '../../src/jobs/queues';

/** Removes every queue of the app under `prefix` (inbound, outbound, scheduled), for cleanup after processes ran. */
export async function obliterateQueues(redisUrl: string, prefix: string): Promise<void> {
  const redis = createRedis(redisUrl, 'producer');
  try {
    for (const name of Object.values(QUEUES)) {
      const queue = new Queue(name, { connection: redis, prefix });
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  } finally {
    redis.disconnect();
  }
}
