import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { type Clock, systemClock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { createDingtalkTokenCache } from '../platforms/dingtalk/dingtalk-token';
import { DingtalkRobotClient } from '../platforms/dingtalk/dingtalk-robot.client';
import { RobotRateLimiter } from '../platforms/rate-limiter';
import { WecomAppClient } from '../platforms/wecom/wecom-app.client';
import { createWecomTokenCache } from '../platforms/wecom/wecom-token';
import { WecomWebhookClient } from '../platforms/wecom/wecom-webhook.client';
import { ChannelRouter } from './channel-router';
import { OUTBOUND_QUEUE, type SendJobData } from './outbound.queue';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { createSendProcessor } from './send.processor';
import { Sender } from './sender';

export interface OutboundModuleDeps {
  config: Config;
  dataSource: DataSource;
  /** A worker-style connection (maxRetriesPerRequest: null) for tokens, limiter and the queue. */
  redis: Redis;
  logger?: Logger;
  clock?: Clock;
}

/** Builds the outbound side from the settings: the Sender others call, the outbox and the worker's processor. */
export function createOutbound(deps: OutboundModuleDeps) {
  const { config, dataSource, redis, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const prefix = config.queuePrefix;
  const wecomApp = config.wecom
    ? new WecomAppClient({
        apiBase: config.wecomApiBase,
        agentId: config.wecom.agentId,
        tokens: createWecomTokenCache(redis, {
          apiBase: config.wecomApiBase,
          prefix,
          clock,
          ...config.wecom,
        }),
      })
    : null;
  const dingtalk = new DingtalkRobotClient({
    apiBase: config.dingtalkApiBase,
    oapiBase: config.dingtalkOapiBase,
    appKey: config.dingtalk?.appKey ?? null,
    tokens: config.dingtalk
      ? createDingtalkTokenCache(redis, {
          apiBase: config.dingtalkApiBase,
          prefix,
          clock,
          ...config.dingtalk,
        })
      : null,
    clock,
  });
  const repo = new OutboxRepository(dataSource);
  const router = new ChannelRouter({
    wecomApiBase: config.wecomApiBase,
    wecomApp,
    wecomWebhook: new WecomWebhookClient({ apiBase: config.wecomApiBase }),
    dingtalk,
    findRobot: (id) => repo.findRobot(id),
    clock,
  });
  const limiter = new RobotRateLimiter(redis, { prefix, clock });
  const queue = new Queue<SendJobData>(OUTBOUND_QUEUE, { connection: redis, prefix });
  queue.on('error', (err) => logger?.warn({ err: err.message }, 'outbound queue error'));
  const outbox = new OutboxService(repo, queue, clock);
  const sender = new Sender(outbox, dataSource, logger);
  const processor = createSendProcessor({ repo, router, limiter, clock, logger });
  return { sender, outbox, queue, processor, wecomApp, dingtalk, limiter };
}

export type Outbound = ReturnType<typeof createOutbound>;

/**
 * Runs the `outbound` worker and the relay (every `relayEveryMs`, for rows whose job never made
 * it to Redis). `stop()` waits for running sends (SIGTERM).
 */
export function startOutboundWorker(
  outbound: Outbound,
  opts: { connection: Redis; prefix: string; concurrency?: number; relayEveryMs?: number; logger?: Logger },
): { worker: Worker<SendJobData>; stop: () => Promise<void> } {
  const worker = new Worker<SendJobData>(OUTBOUND_QUEUE, outbound.processor, {
    connection: opts.connection,
    prefix: opts.prefix,
    concurrency: opts.concurrency ?? 8,
  });
  worker.on('error', (err) => opts.logger?.error({ err: err.message }, 'outbound worker error'));
  const relay = setInterval(() => {
    outbound.outbox
      .relayPending()
      .catch((err: Error) => opts.logger?.warn({ err: err.message }, 'outbox relay failed'));
  }, opts.relayEveryMs ?? 5000);
  relay.unref();
  return {
    worker,
    stop: async () => {
      clearInterval(relay);
      await worker.close();
    },
  };
}
