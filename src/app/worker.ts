import { hostname } from 'node:os';
import { type Job, Worker, type ConnectionOptions } from 'bullmq';
import { createRedis } from '../infra/redis';
import { createInboundProcessor } from '../jobs/inbound.processor';
import type { ScheduledJobData } from '../jobs/catalogue';
import { QUEUES } from '../jobs/queues';
import { type BackoffSettings, retryInfrastructureFailures } from '../jobs/retry-policy';
import { expectedSchedulersKey, upsertSchedulers } from '../jobs/schedulers';
import { buildBot } from './bot';
import type { Container } from './container';
import { buildScheduledJobs } from './scheduled-jobs';
import { buildSending } from './sending';
import { REPLIES } from '../bot/replies';
import { text } from '../bot/reply';

/** How often rows without a live job (Redis was down, or lost its data) are handed to BullMQ again. */
export const RELAY_INTERVAL_MS = 5_000;

export interface WorkerOptions {
  /** Backoff of jobs delayed for an infrastructure failure (default 1 s doubling to 2 min). */
  infraBackoff?: BackoffSettings;
}

/** Starts the inbound, outbound and scheduled workers, the relays and the job schedulers. */
export async function startWorkers(
  c: Container,
  options: WorkerOptions = {},
): Promise<{ close(): Promise<void> }> {
  // Workers block on Redis: their own connection, never giving up a command (BullMQ production guide).
  const connection: ConnectionOptions = createRedis(c.config.redisUrl, 'worker');
  const prefix = c.config.queuePrefix;
  // A killed worker's jobs are taken over once their lock lapses and the stalled check runs.
  const locks = { lockDuration: c.config.jobLockMs, stalledInterval: c.config.jobLockMs };
  // Which process took a job, kept on it (BullMQ's processedBy, shown by queue dashboards): the host
  // and pid that pino's log lines carry too.
  const name = `${hostname()}:${process.pid}`;
  const sending = buildSending(c);
  const bot = buildBot(c, sending);
  const jobs = buildScheduledJobs(c, sending);
  const retrying = <T>(name: string, processor: Parameters<typeof retryInfrastructureFailures<T>>[0]) =>
    retryInfrastructureFailures<T>(processor, {
      backoff: options.infraBackoff,
      onRetry: (job, err, waitMs) =>
        c.logger.warn(
          { queue: name, jobId: job.id, err: err instanceof Error ? err.message : String(err), waitMs },
          'infrastructure failure; job delayed',
        ),
    });

  const workers = [
    new Worker(
      QUEUES.inbound,
      retrying(
        QUEUES.inbound,
        createInboundProcessor({
          ds: c.ds,
          bot,
          logger: c.logger,
          queue: c.queues.inbound,
          onGiveUp: (msg) => sending.replier.reply(msg, text(REPLIES.failed), 999),
        }),
      ),
      { connection, prefix, concurrency: 8, name, ...locks },
    ),
    new Worker(QUEUES.outbound, retrying(QUEUES.outbound, sending.processor), {
      connection,
      prefix,
      concurrency: 8,
      name,
      ...locks,
    }),
    new Worker(
      QUEUES.scheduled,
      async (job: Job<ScheduledJobData>) => {
        const handler = jobs.get(job.name as never);
        if (!handler) throw new Error(`no handler for scheduled job ${job.name}`);
        const at = job.data.at ? new Date(job.data.at) : new Date(job.timestamp);
        const result = await handler(at);
        c.logger.info({ job: job.name, ...result }, 'scheduled job done');
      },
      { connection, prefix, concurrency: 1, name, ...locks },
    ),
  ];
  for (const worker of workers) {
    worker.on('error', (err) => c.logger.error({ err, queue: worker.name }, 'worker error'));
    worker.on('failed', (job, err) => {
      c.metrics.jobs.inc({ queue: worker.name, outcome: 'failed' });
      c.logger.warn({ err: err.message, queue: worker.name, jobId: job?.id }, 'job failed');
    });
    worker.on('completed', () => c.metrics.jobs.inc({ queue: worker.name, outcome: 'completed' }));
  }

  const missing = jobs.missing();
  if (missing.length) c.logger.warn({ jobs: missing }, 'scheduled jobs without a handler in this build');
  const names = jobs.implemented();
  c.expectedSchedulers = names;
  const registerSchedulers = async () => {
    await upsertSchedulers(c.queues.scheduled, names);
    await c.redis.set(expectedSchedulersKey(prefix), JSON.stringify(names));
  };
  await registerSchedulers();

  let relaying = false;
  // Set when Redis came back: the next pass checks every pending outbox row (a pass already running
  // when Redis reconnects is followed by one).
  let recheckAll = false;
  const relay = async (afterRedisLoss = false) => {
    if (afterRedisLoss) recheckAll = true;
    if (relaying) return;
    relaying = true;
    try {
      do {
        const all = recheckAll;
        recheckAll = false;
        await c.intake.relay().catch((err: unknown) => c.logger.warn({ err }, 'inbound relay failed'));
        await sending.relay(all).catch((err: unknown) => c.logger.warn({ err }, 'outbox relay failed'));
      } while (recheckAll);
    } finally {
      relaying = false;
    }
  };
  const timer = setInterval(() => void relay(), RELAY_INTERVAL_MS);
  timer.unref();
  // Redis back (perhaps empty): schedulers and lost jobs are restored at once, not at the next start.
  const onReconnect = () => {
    c.logger.info('Redis reconnected: re-upserting schedulers and relaying');
    void registerSchedulers().catch((err: unknown) => c.logger.warn({ err }, 'scheduler upsert failed'));
    void relay(true);
  };
  c.redis.on('ready', onReconnect);
  void relay();
  c.logger.info('workers started');

  return {
    close: async () => {
      clearInterval(timer);
      c.redis.off('ready', onReconnect);
      // close() waits for running jobs to finish.
      await Promise.all(workers.map((w) => w.close()));
      (connection as { disconnect(): void }).disconnect();
    },
  };
}
