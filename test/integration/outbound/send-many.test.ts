import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { createRedis } from '../../../src/infra/redis';
import { OUTBOUND_QUEUE, outboundJobId, type SendJobData } from '../../../src/outbox/outbound.queue';
import { OutboxService } from '../../../src/outbox/outbox.service';
import { SEND_MANY_CHUNK, Sender, sendingTransaction } from '../../../src/outbox/sender';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { outboundHarness, until } from './harness';

let ds: DataSource;
let h: Awaited<ReturnType<typeof outboundHarness>>;

beforeAll(async () => {
  ds = await testDataSource();
});
beforeEach(async () => {
  await truncateAll(ds);
  h = await outboundHarness(ds, { wecom: { webhookKeys: ['k1'] } });
});
afterEach(() => h.close());
afterAll(() => closeTestDataSource());

const messages = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({
    key: `bulk:${from + i}`,
    channel: 'wecom_webhook' as const,
    target: h.wecom.webhookUrl('k1'),
    payload: { msgtype: 'text' as const, text: `第 ${from + i} 条` },
  }));

const stored = async () =>
  (await ds.query(
    `SELECT id::text AS id, created_at AS "createdAt", enqueued_at AS "enqueuedAt" FROM outbound_message ORDER BY id`,
  )) as { id: string; createdAt: Date; enqueuedAt: Date | null }[];

/** Counts the statements the DataSource runs while `work` does. */
async function counted<T>(work: () => Promise<T>): Promise<{ out: T; statements: string[] }> {
  const statements: string[] = [];
  const query = ds.query.bind(ds);
  const spy = jest.spyOn(ds, 'query').mockImplementation((...args: Parameters<DataSource['query']>) => {
    statements.push(args[0]);
    return query(...args);
  });
  try {
    return { out: await work(), statements };
  } finally {
    spy.mockRestore();
  }
}

describe('Sender.sendMany', () => {
  it('writes up to SEND_MANY_CHUNK rows in one statement and queues them with no further query', async () => {
    const sender = new Sender(h.outbox);
    const n = SEND_MANY_CHUNK + 7;
    const { out, statements } = await counted(() => sender.sendMany(ds, messages(n)));
    expect(out).toBe(n);
    expect(statements).toHaveLength(2); // one INSERT per chunk, nothing else
    expect(statements.every((s) => s.includes('INSERT INTO outbound_message'))).toBe(true);
    const rows = await stored();
    expect(rows).toHaveLength(n);
    expect(rows.every((r) => r.enqueuedAt !== null)).toBe(true);
    const jobs = await h.queue.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(new Set(jobs.map((j) => j.id))).toEqual(
      new Set(rows.map((r) => outboundJobId(r.id, r.createdAt))),
    );

    // A re-run adds only the missing keys.
    const again = await counted(() => sender.sendMany(ds, messages(n + 3)));
    expect(again.out).toBe(3);
    expect(await stored()).toHaveLength(n + 3);
  });

  it('inside sendingTransaction: queued in one bulk add after COMMIT, nothing after a ROLLBACK', async () => {
    const sender = new Sender(h.outbox);
    await expect(
      sendingTransaction(ds, async (em) => {
        await sender.sendMany(em, messages(3));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await stored()).toHaveLength(0);
    expect(await h.queue.count()).toBe(0);

    const addBulk = jest.spyOn(h.queue, 'addBulk');
    await sendingTransaction(ds, async (em) => {
      await sender.sendMany(em, messages(3));
      await sender.sendMany(em, messages(2, 3));
      expect(addBulk).not.toHaveBeenCalled();
    });
    expect(addBulk).toHaveBeenCalledTimes(1);
    addBulk.mockRestore();
    expect(await h.queue.count()).toBe(5);
  });

  it('loses nothing when Redis fails after the commit: the stamp is taken back and the relay enqueues', async () => {
    const deadRedis = createRedis('redis://127.0.0.1:1', 'producer', { retryStrategy: () => null });
    const deadQueue = new Queue<SendJobData>(OUTBOUND_QUEUE, { connection: deadRedis, prefix: h.prefix });
    deadQueue.on('error', () => undefined);
    const broken = new Sender(new OutboxService(h.repo, deadQueue));
    expect(await broken.sendMany(ds, messages(2))).toBe(2);
    expect((await stored()).map((r) => r.enqueuedAt)).toEqual([null, null]);
    await deadQueue.close().catch(() => undefined);
    deadRedis.disconnect();

    h.startWorker();
    expect(await h.outbox.relayPending()).toBe(2);
    expect(await h.outbox.relayPending()).toBe(0);
    await until(async () => h.wecom.sent.length === 2);
  });
});

describe('Sender.send', () => {
  const one = (key: string) => ({ ...messages(1)[0], key });
  const send = (sender: Sender, db: Parameters<Sender['send']>[0], key: string) => {
    const m = one(key);
    return sender.send(db, m.key, m.channel, m.target, m.payload);
  };

  it('stores the row stamped in its INSERT and queues it with no further query', async () => {
    const sender = new Sender(h.outbox);
    const { out: id, statements } = await counted(() => send(sender, ds, 'one:1'));
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('INSERT INTO outbound_message');
    const [row] = await stored();
    expect(row.id).toBe(id);
    expect(row.enqueuedAt).not.toBeNull();
    expect((await h.queue.getJobs(['waiting', 'delayed', 'prioritized'])).map((j) => j.id)).toEqual([
      outboundJobId(row.id, row.createdAt),
    ]);
  });

  it('a repeat of a key returns the stored id, queues a pending row again (same job id) and never a sent one', async () => {
    const sender = new Sender(h.outbox);
    const first = await send(sender, ds, 'one:2');
    const addBulk = jest.spyOn(h.queue, 'addBulk');
    expect(await send(sender, ds, 'one:2')).toBe(first);
    expect(addBulk).toHaveBeenCalledTimes(1);
    expect(await h.queue.count()).toBe(1);

    h.startWorker();
    await until(async () => h.wecom.sent.length === 1);
    await until(async () => (await h.repo.find(first))?.status === 'sent');
    expect(await send(sender, ds, 'one:2')).toBe(first);
    expect(addBulk).toHaveBeenCalledTimes(1);
    addBulk.mockRestore();
    expect(h.wecom.sent).toHaveLength(1);
  });

  it('inside sendingTransaction: queued after COMMIT together with sendMany rows, nothing after a ROLLBACK', async () => {
    const sender = new Sender(h.outbox);
    await expect(
      sendingTransaction(ds, async (em) => {
        await send(sender, em, 'one:3');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await stored()).toHaveLength(0);

    const addBulk = jest.spyOn(h.queue, 'addBulk');
    await sendingTransaction(ds, async (em) => {
      await send(sender, em, 'one:4');
      await sender.sendMany(em, messages(2, 10));
      expect(addBulk).not.toHaveBeenCalled();
    });
    expect(addBulk).toHaveBeenCalledTimes(1);
    addBulk.mockRestore();
    expect(await h.queue.count()).toBe(3);
  });
});

describe('OutboxService.relayAllPending (Redis came back, its jobs lost)', () => {
  it('re-adds the jobs of rows stamped moments ago, which relayPending leaves for its 15 s recheck', async () => {
    const sender = new Sender(h.outbox);
    expect(await sender.sendMany(ds, messages(3))).toBe(3);
    await h.queue.obliterate({ force: true });
    expect(await h.outbox.relayPending()).toBe(0);
    // Two passes of two rows: every pending row is checked, not only the first `limit`.
    expect(await h.outbox.relayAllPending(2)).toBe(3);
    expect(await h.outbox.relayAllPending(2)).toBe(0);
    h.startWorker();
    await until(async () => h.wecom.sent.length === 3);
  });
});
