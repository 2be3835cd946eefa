/**
 * The web process's acknowledgement path end to end: a signed WeCom callback through the node:http
 * fast path into intake.commit, as src/app/web.ts wires it. The 200 means the row is committed; the
 * job is not awaited, and a row whose add never happened is the relay's.
 */
import { Queue } from 'bullmq';
import { IntakeService, inboundJobId, type InboundJob } from '../../../src/intake/intake.service';
import { createRedis } from '../../../src/infra/redis';
import { createLogger } from '../../../src/lib/logger';
import { sendCallback } from '../../support/callbacks/callback-request';
import { buildWecomAppTextCallback } from '../../support/callbacks/wecom-callback.builder';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { TEST_REDIS_URL, testPrefix } from '../../support/env';
import { startReceivers, type Harness } from '../receivers/receiver-harness';
import { fanOutWaitingGroups, queuedRows } from './intake-fixtures';

const prefix = `${testPrefix()}_ackpath`;
const logger = createLogger('silent');

describe('acknowledgement path (fast path → intake.commit)', () => {
  const redis = createRedis(TEST_REDIS_URL, 'producer');
  const queue = new Queue<InboundJob>('inbound', { connection: redis, prefix });
  let h: Harness;
  beforeEach(async () => {
    await truncateAll(await testDataSource());
    await queue.obliterate({ force: true });
    h = await startReceivers();
  });
  afterEach(async () => h.close());
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
    await closeTestDataSource();
  });

  const rowsOf = async (msgId: string) => {
    const ds = await testDataSource();
    return (await ds.query(`SELECT id::text AS id, received_at FROM inbound_message WHERE message_id = $1`, [
      msgId,
    ])) as { id: string; received_at: Date }[];
  };

  it('answers 200 with Redis unreachable once the row is committed, and the relay adds its job later', async () => {
    const ds = await testDataSource();
    const deadRedis = createRedis('redis://127.0.0.1:1', 'producer', { retryStrategy: () => null });
    const deadQueue = new Queue<InboundJob>('inbound', { connection: deadRedis, prefix });
    deadQueue.on('error', () => undefined);
    try {
      const web = new IntakeService(ds, deadQueue, logger);
      h.setIntake(async (m) => void (await web.commit(m)));
      const req = buildWecomAppTextCallback(h.config.wecom!, {
        userId: 'u1',
        text: '帮助',
        msgId: '4401',
        now: h.clock.now(),
      });
      const res = await sendCallback(h.base, req);
      expect(res.status).toBe(200);
      // Committed by the time of the answer.
      const [row] = await rowsOf('4401');
      expect(row).toBeDefined();
      await web.drained();
      expect(await queue.getJob(inboundJobId(row.id, row.received_at))).toBeUndefined();

      const worker = new IntakeService(ds, queue, logger);
      expect(await worker.relay()).toBe(1);
      expect(await queue.getJob(inboundJobId(row.id, row.received_at))).toBeDefined();
    } finally {
      await deadQueue.close().catch(() => undefined);
      deadRedis.disconnect();
    }
  });

  it('stores a burst of distinct callbacks once each, answers all 200 and has a job for every row once the groups are fanned out', async () => {
    const ds = await testDataSource();
    const web = new IntakeService(ds, queue, logger);
    h.setIntake(async (m) => void (await web.commit(m)));
    const reqs = Array.from({ length: 40 }, (_, i) =>
      buildWecomAppTextCallback(h.config.wecom!, {
        userId: `u${i % 4}`,
        text: '帮助',
        msgId: String(5000 + (i % 30)), // ten repeats among them
        now: h.clock.now(),
      }),
    );
    const statuses = await Promise.all(reqs.map(async (r) => (await sendCallback(h.base, r)).status));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM inbound_message`);
    expect(n).toBe(30);
    await web.drained();
    // The bulk adds made group jobs (fanned out by the inbound worker, here by hand) and single jobs.
    await fanOutWaitingGroups(queue);
    const { handle } = await queuedRows(queue);
    const rows: { id: string }[] = await ds.query(`SELECT id::text AS id FROM inbound_message`);
    expect(handle.sort()).toEqual(rows.map((r) => r.id).sort());
  });
});
