import { Worker, type ConnectionOptions } from 'bullmq';
import { createRedis } from '../infra/redis';
import { createInboundProcessor } from '../jobs/inbound.processor';
import { QUEUES } from '../jobs/queues';
import { upsertSchedulers } from '../jobs/schedulers';
import { buildBot } from './bot';
import type { Container } from './container';
import { buildScheduledJobs } from './scheduled-jobs';
import { buildSending } from './sending';
import { REPLIES } from '../bot/replies';
import { text } from '../bot/reply';

/** How often stored-but-unqueued rows (Redis was down) are handed to BullMQ again. */
const RELAY_INTERVAL_MS = 30_000;

/** Starts the inbound, outbound and scheduled workers, the relays and the job schedulers. */
export async function startWorkers(c: Container): Promise<{ close(): Promise<void> }> {
  // Workers block on Redis: their own connection, never giving up a command (BullMQ production guide).
  const connection: ConnectionOptions = createRedis(c.config.redisUrl, 'worker');
  const prefix = c.config.queuePrefix;
  const sending = buildSending(c);
  const bot = buildBot(c, sending);
  const jobs = buildScheduledJobs(c, sending);

  const workers = [
    new Worker(
      QUEUES.inbound,
      createInboundProcessor({
        ds: c.ds,
        bot,
        logger: c.logger,
        onGiveUp: (msg) => sending.replier.reply(msg, text(REPLIES.failed), 999),
      }),
      { connection, prefix, concurrency: 8 },
    ),
    new Worker(QUEUES.outbound, sending.processor, { connection, prefix, concurrency: 8 }),
    new Worker(
      QUEUES.scheduled,
      async (job) => {
        const handler = jobs.get(job.name as never);
        if (!handler) throw new Error(`no handler for scheduled job ${job.name}`);
        const at = job.data.at ? new Date(job.data.at) : new Date(job.timestamp);
        const result = await handler(at);
        c.logger.info({ job: job.name, ...result }, 'scheduled job done');
      },
      { connection, prefix, concurrency: 1 },
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
  await upsertSchedulers(c.queues.scheduled, jobs.implemented());

  const relay = setInterval(() => {
    void c.intake.relay().catch((err) => c.logger.warn({ err }, 'inbound relay failed'));
    void sending.relay().catch((err: unknown) => c.logger.warn({ err }, 'outbox relay failed'));
  }, RELAY_INTERVAL_MS);
  relay.unref();
  c.logger.info('workers started');

  return {
    close: async () => {
      clearInterval(relay);
      // close() waits for running jobs to finish.
      await Promise.all(workers.map((w) => w.close()));
      (connection as { disconnect(): void }).disconnect();
    },
  };
}
