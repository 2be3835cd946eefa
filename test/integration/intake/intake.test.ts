import { Queue, Worker } from 'bullmq';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Bot } from '../../../src/bot/bot';
import type { InboundMessage } from '../../../src/bot/inbound-message';
import { loadConfig } from '../../../src/config';
import { mountReceivers, RedisReplayGuard } from '../../../src/http/receivers';
import { IntakeService, inboundJobId, type InboundJob } from '../../../src/intake/intake.service';
import { createInboundProcessor } from '../../../src/jobs/inbound.processor';
import { createRedis } from '../../../src/infra/redis';
import { systemClock } from '../../../src/lib/clock';
import { createLogger } from '../../../src/lib/logger';
import { sendCallback } from '../../support/callbacks/callback-request';
import { buildWecomAppTextCallback } from '../../support/callbacks/wecom-callback.builder';
import { createDataSource } from '../../../ormconfig';
import { closeTestDataSource, testDataSource, testDatabaseUrl, truncateAll } from '../../support/db';
import { TEST_REDIS_URL, testPrefix } from '../../support/env';
import { inboundText, useInboundQueue } from './intake-fixtures';

const logger = createLogger('silent');
const prefix = `${testPrefix()}_intake`;

const message = (id: string): InboundMessage => inboundText(id);

describe('durable intake', () => {
  const queue = useInboundQueue(prefix);

  it('keeps a message stored while Redis is down, and the relay enqueues it later', async () => {
    const ds = await testDataSource();
    const deadRedis = createRedis('redis://127.0.0.1:1', 'producer', { retryStrategy: () => null });
    const deadQueue = new Queue<InboundJob>('inbound', { connection: deadRedis, prefix });
    deadQueue.on('error', () => undefined);
    try {
      const down = new IntakeService(ds, deadQueue, logger);
      const { rowId, duplicate } = await down.accept(message('m-redis-down'));
      expect(duplicate).toBe(false);
      // The column enqueued_at is gone (issue 11): the relay asks BullMQ for the job's state instead.
      const [row] = await ds.query(`SELECT handled_at, dead_at FROM inbound_message WHERE id = $1`, [rowId]);
      expect(row).toEqual({ handled_at: null, dead_at: null });
      expect(await queue.getJob(inboundJobId(rowId, await receivedAt(rowId)))).toBeUndefined();

      const up = new IntakeService(ds, queue, logger);
      expect(await up.relay()).toBe(1);
      expect(await queue.getJob(inboundJobId(rowId, await receivedAt(rowId)))).toBeDefined();
      expect(await up.relay()).toBe(0); // enqueued now: nothing left to relay
    } finally {
      await deadQueue.close().catch(() => undefined);
      deadRedis.disconnect();
    }
  });

  it('refuses (throws) when PostgreSQL cannot store the message, so the platform retries', async () => {
    const ds = createDataSource(testDatabaseUrl());
    await ds.initialize();
    await ds.destroy();
    const intake = new IntakeService(ds, queue, logger);
    await expect(intake.accept(message('m-db-down'))).rejects.toThrow();
  });

  it('re-enqueues a duplicate that was stored but never enqueued', async () => {
    const ds = await testDataSource();
    await ds.query(
      `INSERT INTO inbound_message (platform, message_id, payload) VALUES ('wecom', 'm-dup', '{}')`,
    );
    const intake = new IntakeService(ds, queue, logger);
    const { rowId, duplicate } = await intake.accept(message('m-dup'));
    expect(duplicate).toBe(true);
    expect(await queue.getJob(inboundJobId(rowId, await receivedAt(rowId)))).toBeDefined();
  });

  it('does not mistake a finished job of an earlier database for a new row with the same id', async () => {
    const ds = await testDataSource();
    const intake = new IntakeService(ds, queue, logger);
    const first = await intake.accept(message('m-before-reset'));
    const oldJob = await queue.getJob(inboundJobId(first.rowId, await receivedAt(first.rowId)));
    expect(oldJob).toBeDefined();
    await truncateAll(ds); // a reset database hands out row id 1 again
    const second = await intake.accept(message('m-after-reset'));
    expect(second.rowId).toBe(first.rowId);
    const newJob = await queue.getJob(inboundJobId(second.rowId, await receivedAt(second.rowId)));
    expect(newJob?.id).not.toBe(oldJob?.id);
  });

  it('retries a failed job the relay finds (an add with its id would be ignored) and skips dead rows', async () => {
    const ds = await testDataSource();
    const intake = new IntakeService(ds, queue, logger);
    const { rowId } = await intake.accept(message('m-failed-job'));
    const jobId = inboundJobId(rowId, await receivedAt(rowId));
    const connection = createRedis(TEST_REDIS_URL, 'worker');
    const failing = new Worker(
      'inbound',
      async () => {
        throw new Error('boom');
      },
      { connection, prefix },
    );
    try {
      while ((await queue.getJobState(jobId)) !== 'failed') await sleep(20);
    } finally {
      await failing.close();
      connection.disconnect();
    }
    expect(await intake.relay()).toBe(1);
    expect(['waiting', 'active', 'prioritized']).toContain(await queue.getJobState(jobId));
    expect(await intake.relay()).toBe(0);

    await ds.query(`UPDATE inbound_message SET dead_at = now() WHERE id = $1`, [rowId]);
    await queue.obliterate({ force: true });
    expect(await intake.relay()).toBe(0); // dead rows wait for npm run redrive
    expect(await intake.countDead()).toBe(1);
    expect(await intake.redrive()).toBe(1);
    expect(await queue.getJobState(jobId)).toBe('waiting');
    expect(await intake.countDead()).toBe(0);
  });

  async function receivedAt(rowId: string): Promise<Date> {
    const ds = await testDataSource();
    const [row] = await ds.query(`SELECT received_at FROM inbound_message WHERE id = $1`, [rowId]);
    return row.received_at;
  }
});

describe('a slow handler never delays the callback', () => {
  const WECOM = {
    WECOM_CORP_ID: 'wwslowtest000001',
    WECOM_AGENT_ID: '1000002',
    WECOM_SECRET: 's',
    WECOM_TOKEN: 'slowToken',
    WECOM_ENCODING_AES_KEY: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210abcdefg',
  };
  let server: Server;
  let worker: Worker;
  let queue: Queue<InboundJob>;
  const redis = createRedis(TEST_REDIS_URL, 'producer');
  const workerRedis = createRedis(TEST_REDIS_URL, 'worker');
  const started: number[] = [];
  const stopSlowHandler = new AbortController();

  afterAll(async () => {
    stopSlowHandler.abort();
    await worker.close(true);
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
    workerRedis.disconnect();
    await new Promise((r) => server.close(r));
    await closeTestDataSource();
  });

  it('answers 200 while a 10-second handler is still running', async () => {
    const ds = await testDataSource();
    await truncateAll(ds);
    const config = loadConfig({ ...WECOM, CALLBACK_MAX_SKEW_SECONDS: '300' });
    const slowPrefix = `${testPrefix()}_slow`;
    queue = new Queue<InboundJob>('inbound', { connection: redis, prefix: slowPrefix });
    const slowBot = {
      handle: async () => {
        started.push(Date.now());
        await sleep(10_000, undefined, { signal: stopSlowHandler.signal }).catch(() => undefined);
      },
    } as unknown as Bot;
    worker = new Worker('inbound', createInboundProcessor({ ds, bot: slowBot, logger, queue }), {
      connection: workerRedis,
      prefix: slowPrefix,
    });
    const intake = new IntakeService(ds, queue, logger);
    const app = express();
    mountReceivers(app, {
      config,
      clock: systemClock,
      logger,
      replay: new RedisReplayGuard(redis, slowPrefix),
      intake: async (m) => void (await intake.accept(m)),
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const first = buildWecomAppTextCallback(config.wecom!, { userId: 'u1', text: '帮助', now: new Date() });
    await sendCallback(base, first);
    while (started.length === 0) await sleep(20); // the worker is now busy for 10 s

    const t0 = Date.now();
    const second = buildWecomAppTextCallback(config.wecom!, {
      userId: 'u1',
      text: '我的企业',
      now: new Date(),
    });
    const res = await sendCallback(base, second);
    const elapsed = Date.now() - t0;
    expect(res.status).toBe(200);
    expect(elapsed).toBeLessThan(1000);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM inbound_message WHERE handled_at IS NULL`);
    expect(n).toBe(2); // both stored, neither handled yet
  }, 20_000);
});
