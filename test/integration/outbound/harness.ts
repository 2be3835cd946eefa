import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { createRedis, endRedis } from '../../../src/infra/redis';
import { ChannelRouter } from '../../../src/outbox/channel-router';
import { OUTBOUND_QUEUE, SEND_JOB_OPTIONS, type SendJobData } from '../../../src/outbox/outbound.queue';
import { OutboxRepository } from '../../../src/outbox/outbox.repository';
import { OutboxService } from '../../../src/outbox/outbox.service';
import { createSendProcessor, type SendProcessorDeps } from '../../../src/outbox/send.processor';
import { createDingtalkTokenCache } from '../../../src/platforms/dingtalk/dingtalk-token';
import { DingtalkRobotClient } from '../../../src/platforms/dingtalk/dingtalk-robot.client';
import { RobotRateLimiter } from '../../../src/platforms/kit/rate-limiter';
import { WecomAppClient } from '../../../src/platforms/wecom/wecom-app.client';
import { createWecomTokenCache } from '../../../src/platforms/wecom/wecom-token';
import { FakeDingtalk, type FakeDingtalkOptions } from '../../fakes/fake-dingtalk';
import { FakeWecom, type FakeWecomOptions } from '../../fakes/fake-wecom';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { TEST_REDIS_URL, testPrefix } from '../../support/env';
import { testPlatforms, WECOM_APP_STUB } from '../../support/platforms';

export interface HarnessOptions {
  wecom?: FakeWecomOptions;
  dingtalk?: FakeDingtalkOptions;
  limit?: number;
  windowMs?: number;
  blockMs?: Record<string, number>;
  /** First retry backoff of the send jobs in ms (production: SEND_JOB_OPTIONS's, 1 s doubling). */
  retryDelayMs?: number;
}

/** Real PostgreSQL, Redis and BullMQ, fake platforms: everything the outbound side needs. */
export async function outboundHarness(ds: DataSource, opts: HarnessOptions = {}) {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const prefix = `${testPrefix()}_${unique}`;
  const redis: Redis = createRedis(TEST_REDIS_URL, 'worker');
  const wecom = await new FakeWecom(opts.wecom).start();
  const dingtalk = await new FakeDingtalk(opts.dingtalk).start();
  const wecomTokens = () =>
    createWecomTokenCache(redis, {
      apiBase: wecom.url,
      corpId: wecom.corpId,
      agentId: '1000002',
      secret: wecom.secret,
      prefix,
    });
  const wecomApp = new WecomAppClient({ apiBase: wecom.url, agentId: '1000002', tokens: wecomTokens() });
  const dingtalkClient = new DingtalkRobotClient({
    apiBase: dingtalk.url,
    oapiBase: dingtalk.url,
    appKey: dingtalk.appKey,
    tokens: createDingtalkTokenCache(redis, {
      apiBase: dingtalk.url,
      appKey: dingtalk.appKey,
      appSecret: dingtalk.appSecret,
      prefix,
    }),
  });
  const repo = new OutboxRepository(ds);
  const router = new ChannelRouter(
    testPlatforms({
      wecom: { ...WECOM_APP_STUB, corpId: wecom.corpId, agentId: '1000002', secret: wecom.secret },
      dingtalk: { appKey: dingtalk.appKey, appSecret: dingtalk.appSecret },
      wecomApiBase: wecom.url,
      dingtalkApiBase: dingtalk.url,
      dingtalkOapiBase: dingtalk.url,
      redis,
      prefix,
      robots: {
        findRobot: (id) => repo.findRobot(id),
        robotOfChat: (platform, chatId) => repo.robotOfChat(platform, chatId),
      },
    }),
  );
  const limiter = new RobotRateLimiter(redis, {
    prefix,
    limit: opts.limit,
    windowMs: opts.windowMs,
    blockMs: opts.blockMs,
  });
  const queue = new Queue<SendJobData>(OUTBOUND_QUEUE, { connection: redis, prefix });
  const jobOptions =
    opts.retryDelayMs === undefined
      ? SEND_JOB_OPTIONS
      : { ...SEND_JOB_OPTIONS, backoff: { type: 'exponential', delay: opts.retryDelayMs } };
  const outbox = new OutboxService(repo, queue, undefined, jobOptions);
  const workers: Worker<SendJobData>[] = [];
  const connections: Redis[] = [redis];

  /** Starts a BullMQ worker on the outbound queue (own connection, like a separate process). */
  const startWorker = (overrides: Partial<SendProcessorDeps> = {}, concurrency = 4) => {
    const connection = createRedis(TEST_REDIS_URL, 'worker');
    connections.push(connection);
    const worker = new Worker<SendJobData>(
      OUTBOUND_QUEUE,
      createSendProcessor({ repo, router, limiter, ...overrides }),
      { connection, prefix, concurrency, autorun: true },
    );
    worker.on('error', () => undefined);
    workers.push(worker);
    return worker;
  };

  const close = async () => {
    await Promise.all(workers.map((w) => w.close()));
    await queue.close();
    await wecom.close();
    await dingtalk.close();
    // BullMQ leaves connections it was given open: they are ours to end.
    await Promise.all(connections.map((c) => endRedis(c)));
  };

  return {
    prefix,
    redis,
    wecom,
    dingtalk,
    wecomTokens,
    wecomApp,
    dingtalkClient,
    repo,
    router,
    limiter,
    queue,
    outbox,
    startWorker,
    close,
  };
}

/** Polls until `check` is true or the time is up. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export type OutboundHarness = Awaited<ReturnType<typeof outboundHarness>>;

/**
 * A fresh outbound harness per test on this worker's database (emptied first unless `reset` is
 * false), closed after it; `bind` receives the database once and each test's harness.
 */
export function useOutboundHarness(
  options: HarnessOptions & { reset?: boolean; worker?: boolean },
  bind: (ds: DataSource, h: OutboundHarness) => void,
): void {
  const { reset = true, worker = false, ...harness } = options;
  let ds: DataSource;
  let h: OutboundHarness | undefined;
  beforeAll(async () => {
    ds = await testDataSource();
  });
  beforeEach(async () => {
    if (reset) await truncateAll(ds);
    h = await outboundHarness(ds, harness);
    if (worker) h.startWorker();
    bind(ds, h);
  });
  afterEach(() => h?.close());
  afterAll(() => closeTestDataSource());
}
