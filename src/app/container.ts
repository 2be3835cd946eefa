import { setTimeout as sleep } from 'node:timers/promises';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../ormconfig';
import type { Config } from '../config';
import { IntakeService, type InboundJob } from '../intake/intake.service';
import { createQueue, QUEUES } from '../jobs/queues';
import type { ScheduledJobData } from '../jobs/catalogue';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { Metrics } from '../http/metrics';
import { createRedis, endRedis, waitReady } from '../infra/redis';
import { CalendarService } from '../services/calendar.service';
import { ProblemLedgerService } from '../services/problem-ledger.service';
import { OutboxRepository } from '../outbox/outbox.repository';
import { Platforms } from '../platforms/registry';

/** The long-lived pieces every process role shares, built once in the composition root. */
export interface Container {
  config: Config;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  ds: DataSource;
  /** Fail-fast producer connection: queues, health, caches. */
  redis: Redis;
  queues: { inbound: Queue<InboundJob>; outbound: Queue; scheduled: Queue<ScheduledJobData> };
  intake: IntakeService;
  calendar: CalendarService;
  ledger: ProblemLedgerService;
  /** Every registered platform's adapter (src/platforms/registry.ts). */
  platforms: Platforms;
  calendarWarnings(): string[];
  /** The schedulers this process's workers upserted (null when it runs no workers). */
  expectedSchedulers: string[] | null;
  close(): Promise<void>;
}

/** Connects to PostgreSQL and Redis and builds the shared services. */
export async function buildContainer(config: Config, clock: Clock, logger: Logger): Promise<Container> {
  const ds = createDataSource(config.databaseUrl);
  await ds.initialize();
  const redis = createRedis(config.redisUrl, 'producer');
  await waitReady(redis);
  await warnUnlessNoEviction(redis, logger);
  const connection = redis;
  const queues = {
    inbound: createQueue(QUEUES.inbound, connection, config.queuePrefix) as Queue<InboundJob>,
    outbound: createQueue(QUEUES.outbound, connection, config.queuePrefix),
    scheduled: createQueue(QUEUES.scheduled, connection, config.queuePrefix) as Queue<ScheduledJobData>,
  };
  const metrics = new Metrics();
  const intake = new IntakeService(ds, queues.inbound, logger, (platform, outcome) =>
    metrics.inbound.inc({ platform, outcome }),
  );
  const outboxRows = new OutboxRepository(ds);
  metrics.watch({ deadInbound: () => intake.countDead(), failedOutbound: () => outboxRows.countFailed() });
  const calendar = new CalendarService(ds, logger, clock);
  await calendar.refresh();
  const platforms = Platforms.build({
    config,
    redis,
    clock,
    prefix: config.queuePrefix,
    robots: {
      findRobot: (id) => outboxRows.findRobot(id),
      robotOfChat: (platform, chatId) => outboxRows.robotOfChat(platform, chatId),
    },
  });
  return {
    config,
    clock,
    logger,
    metrics,
    ds,
    redis,
    queues,
    intake,
    calendar,
    ledger: new ProblemLedgerService(ds, calendar, clock, config.tiers),
    platforms,
    calendarWarnings: () => calendar.warnings(),
    expectedSchedulers: null,
    close: async () => {
      // The jobs of callbacks answered just before the stop (the relay adds them otherwise), for
      // at most 2 s: a hanging Redis must not use up the shutdown deadline.
      await Promise.race([intake.drained(), sleep(2000, undefined, { ref: false })]);
      await Promise.allSettled(Object.values(queues).map((q) => q.close()));
      await endRedis(redis);
      if (ds.isInitialized) await ds.destroy();
    },
  };
}

/** BullMQ loses jobs when Redis evicts keys: say so at start (the production guide's first rule). */
async function warnUnlessNoEviction(redis: Redis, logger: Logger): Promise<void> {
  try {
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
    if (policy !== 'noeviction') {
      logger.warn({ policy }, 'Redis maxmemory-policy should be noeviction for BullMQ: jobs may be lost');
    }
  } catch {
    // CONFIG is often disabled on managed Redis; nothing to check then.
  }
}
