import { type ConnectionOptions, Queue, type QueueOptions } from 'bullmq';

/** Queue names. Scheduled jobs have their own queue: a scheduler makes the next job only when one starts. */
export const QUEUES = {
  inbound: 'inbound',
  outbound: 'outbound',
  scheduled: 'scheduled',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/**
 * Default job options: bounded retention (BullMQ production guide) and retries with backoff for
 * errors that are the message's; infrastructure failures spend no attempt (retry-policy.ts).
 */
export const DEFAULT_JOB_OPTIONS: QueueOptions['defaultJobOptions'] = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 10000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** A producer-side queue on a fail-fast connection. */
export function createQueue(name: QueueName, connection: ConnectionOptions, prefix: string): Queue {
  const queue = new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  queue.on('error', () => undefined);
  return queue;
}
