import { Queue, Worker } from 'bullmq';
import type { Bot } from '../../../src/bot/bot';
import type { InboundMessage } from '../../../src/bot/inbound-message';
import { createRedis } from '../../../src/infra/redis';
import { IntakeService, inboundJobId, poolOf } from '../../../src/intake/intake.service';
import { createInboundProcessor } from '../../../src/jobs/inbound.processor';
import { createLogger } from '../../../src/lib/logger';
import { testDataSource } from '../../support/db';
import { TEST_REDIS_URL, testPrefix } from '../../support/env';
import { fanOutWaitingGroups, inboundText, queuedRows, useInboundQueue } from './intake-fixtures';

const prefix = `${testPrefix()}_grouped`;
const message = inboundText;

describe('grouped intake', () => {
  const queue = useInboundQueue(prefix, { emptyQueue: true });

  it('stores a burst with repeats once per message id, in few statements, with few jobs covering every row', async () => {
    const ds = await testDataSource();
    const outcomes: string[] = [];
    const intake = new IntakeService(ds, queue, createLogger('silent'), (_p, o) => outcomes.push(o));
    await intake.accept(message('before')); // already stored: its repeats in the burst are duplicates
    const inserts: string[] = [];
    // The grouped INSERT goes to TypeORM's pg Pool directly; count the statements there.
    const pool = poolOf(ds);
    const query = pool.query.bind(pool) as (sql: string, params?: unknown[]) => Promise<unknown>;
    const spy = jest.spyOn(pool, 'query').mockImplementation(((sql: string, params?: unknown[]) => {
      if (/INSERT INTO inbound_message/.test(sql)) inserts.push(sql);
      return query(sql, params);
    }) as never);
    const ids = Array.from({ length: 60 }, (_, i) => `m${i % 40}`).concat(['before', 'before']);
    const results = await Promise.all(ids.map((id) => intake.accept(message(id))));
    spy.mockRestore();

    const [{ n, distinct }] = await ds.query(
      `SELECT count(*)::int AS n, count(DISTINCT message_id)::int AS distinct FROM inbound_message`,
    );
    expect({ n, distinct }).toEqual({ n: 41, distinct: 41 });
    expect(results.filter((r) => !r.duplicate)).toHaveLength(40);
    // Every copy of a message id answers with the same row.
    const rowOf = new Map<string, string>();
    ids.forEach((id, i) => {
      expect(rowOf.get(id) ?? results[i].rowId).toBe(results[i].rowId);
      rowOf.set(id, results[i].rowId);
    });
    expect(outcomes.filter((o) => o === 'stored')).toHaveLength(41);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(22);
    expect(inserts.length).toBeGreaterThan(0);
    expect(inserts.length).toBeLessThan(10); // grouped, not one INSERT per callback
    // One job per bulk add (a group job for several rows), together covering every stored row once.
    const queued = await queuedRows(queue);
    // ('before' twice: its own job, and its open row again in a group, a no-op when fanned out.)
    const covered = [...new Set([...queued.handle, ...queued.groups.flat()])].sort();
    const [{ all }] = await ds.query(
      `SELECT array_agg(id::text ORDER BY id::text) AS all FROM inbound_message`,
    );
    expect(covered).toEqual(all);
    expect(queued.handle.length + queued.groups.length).toBeLessThan(10);
  });

  it('fans a group job out into one handle job per row, with the ids the relay uses, once', async () => {
    const ds = await testDataSource();
    const intake = new IntakeService(ds, queue, createLogger('silent'));
    await Promise.all(['g1', 'g2', 'g3', 'g4'].map((id) => intake.accept(message(id))));
    const before = await queuedRows(queue);
    expect(before.groups.flat().length).toBeGreaterThan(1);
    expect(await fanOutWaitingGroups(queue)).toBeGreaterThan(0);
    // Run again (a retried or stalled group job): nothing new.
    await fanOutWaitingGroups(queue);
    const rows: { id: string; received_at: Date }[] = await ds.query(
      `SELECT id::text AS id, received_at FROM inbound_message`,
    );
    for (const r of rows) expect(await queue.getJob(inboundJobId(r.id, r.received_at))).toBeDefined();
    const after = await queuedRows(queue);
    expect(after.handle.sort()).toEqual(rows.map((r) => r.id).sort());
    // Every row has its job: the relay adds nothing.
    expect(await intake.relay()).toBe(0);
  });

  it('refuses nothing else in a group when one message cannot be stored', async () => {
    const ds = await testDataSource();
    const intake = new IntakeService(ds, queue, createLogger('silent'));
    // A lone surrogate is refused by jsonb (SQLSTATE 22P02): only that callback fails.
    const results = await Promise.allSettled([
      intake.accept(message('ok1')),
      intake.accept(message('bad', 'x\ud800y')),
      intake.accept(message('ok2')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rows: { message_id: string }[] = await ds.query(
      `SELECT message_id FROM inbound_message ORDER BY message_id`,
    );
    expect(rows.map((r) => r.message_id)).toEqual(['ok1', 'ok2']);
  });
  it('answers commit() at the commit while the bulk add is still busy, and adds the job afterwards', async () => {
    const ds = await testDataSource();
    const intake = new IntakeService(ds, queue, createLogger('silent'));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const addBulk = queue.addBulk.bind(queue);
    const spy = jest.spyOn(queue, 'addBulk').mockImplementation(async (jobs) => {
      await gate; // Redis slow: the add is held until released
      return addBulk(jobs);
    });
    try {
      const { rowId, duplicate } = await intake.commit(message('slow-add'));
      expect(duplicate).toBe(false);
      // Answered: the row is committed, no job yet.
      const [row] = await ds.query(
        `SELECT id::text AS id FROM inbound_message WHERE message_id = 'slow-add'`,
      );
      expect(row.id).toBe(rowId);
      expect(await queue.getJobCountByTypes('waiting', 'prioritized', 'delayed')).toBe(0);
      release();
      await intake.drained();
      expect(await queue.getJobCountByTypes('waiting', 'prioritized', 'delayed')).toBe(1);
    } finally {
      release();
      spy.mockRestore();
    }
  });

  it('gathers the rows of the writes committed while an add is busy into the next bulk add', async () => {
    const ds = await testDataSource();
    const intake = new IntakeService(ds, queue, createLogger('silent'));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const addBulk = queue.addBulk.bind(queue);
    const sizes: number[] = [];
    const spy = jest.spyOn(queue, 'addBulk').mockImplementation(async (jobs) => {
      sizes.push(jobs.length);
      await gate;
      return addBulk(jobs);
    });
    try {
      await intake.commit(message('first'));
      // Five separate writes while the first add is held.
      for (let i = 0; i < 5; i++)
        await Promise.all([intake.commit(message(`a${i}`)), intake.commit(message(`b${i}`))]);
      release();
      await intake.drained();
      expect(sizes).toEqual([1, 1]); // the first row's job, then one group job of the next ten
      const queued = await queuedRows(queue);
      expect(queued.handle).toHaveLength(1);
      expect(queued.groups.map((g) => g.length)).toEqual([10]);
    } finally {
      release();
      spy.mockRestore();
    }
  });

  it('leaves a row answered but never enqueued (the process died before the add) to the relay', async () => {
    const ds = await testDataSource();
    const dying = new IntakeService(ds, queue, createLogger('silent'));
    // The add never happens: as if the web process was killed right after answering.
    const spy = jest.spyOn(queue, 'addBulk').mockImplementation(() => new Promise(() => undefined));
    let rowId: string;
    try {
      ({ rowId } = await dying.commit(message('died-before-add')));
    } finally {
      spy.mockRestore();
    }
    expect(await queue.getJobCountByTypes('waiting', 'prioritized', 'delayed')).toBe(0);
    // Another process's relay finds the committed row with no job and adds it.
    const survivor = new IntakeService(ds, queue, createLogger('silent'));
    expect(await survivor.relay()).toBe(1);
    const [{ received_at }] = await ds.query(`SELECT received_at FROM inbound_message WHERE id = $1`, [
      rowId,
    ]);
    expect(await queue.getJob(inboundJobId(rowId, received_at))).toBeDefined();
    expect(await survivor.relay()).toBe(0);
  });

  it('covers the rows of a group job Redis lost through the relay', async () => {
    const ds = await testDataSource();
    const intake = new IntakeService(ds, queue, createLogger('silent'));
    await Promise.all(['lost1', 'lost2', 'lost3'].map((id) => intake.accept(message(id))));
    expect((await queuedRows(queue)).groups.flat().length).toBeGreaterThan(1);
    await queue.obliterate({ force: true }); // Redis lost its data before the worker fanned out
    expect(await intake.relay()).toBe(3);
    expect((await queuedRows(queue)).handle).toHaveLength(3);
  });
});

describe('the inbound worker with group jobs', () => {
  const groupPrefix = `${testPrefix()}_groupwork`;
  const queueRedis = createRedis(TEST_REDIS_URL, 'producer');
  const workerRedis = createRedis(TEST_REDIS_URL, 'worker');
  // Two attempts, no backoff: a message that always fails is parked as dead at once.
  const queue = new Queue('inbound', {
    connection: queueRedis,
    prefix: groupPrefix,
    defaultJobOptions: { attempts: 2 },
  });
  useInboundQueue(groupPrefix, { emptyQueue: true });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    queueRedis.disconnect();
    workerRedis.disconnect();
  });

  it('fans a group out and handles each message with its own attempts; one that keeps failing goes dead alone', async () => {
    const ds = await testDataSource();
    const handled: string[] = [];
    const gaveUp: string[] = [];
    const bot = {
      handle: async (msg: InboundMessage) => {
        if (msg.messageId === 'w-bad') throw new Error('this message always fails');
        handled.push(msg.messageId);
      },
    } as unknown as Bot;
    const worker = new Worker(
      'inbound',
      createInboundProcessor({
        ds,
        bot,
        logger: createLogger('silent'),
        queue,
        onGiveUp: async (m) => void gaveUp.push(m.messageId),
      }),
      { connection: workerRedis, prefix: groupPrefix, concurrency: 4 },
    );
    try {
      const intake = new IntakeService(ds, queue, createLogger('silent'));
      const ids = ['w1', 'w2', 'w-bad', 'w3', 'w4'];
      await Promise.all(ids.map((id) => intake.accept(message(id))));
      const settled = async () =>
        (
          await ds.query(
            `SELECT count(*)::int AS n FROM inbound_message WHERE handled_at IS NOT NULL OR dead_at IS NOT NULL`,
          )
        )[0].n as number;
      for (let i = 0; i < 500 && (await settled()) < ids.length; i++)
        await new Promise((r) => setTimeout(r, 20));
      const rows: { message_id: string; handled: boolean; dead: boolean; attempts: number }[] =
        await ds.query(
          `SELECT message_id, handled_at IS NOT NULL AS handled, dead_at IS NOT NULL AS dead, attempts
           FROM inbound_message ORDER BY message_id`,
        );
      expect(rows).toEqual([
        { message_id: 'w-bad', handled: false, dead: true, attempts: 2 },
        ...['w1', 'w2', 'w3', 'w4'].map((m) => ({ message_id: m, handled: true, dead: false, attempts: 1 })),
      ]);
      expect(handled.sort()).toEqual(['w1', 'w2', 'w3', 'w4']);
      expect(gaveUp).toEqual(['w-bad']);
      // npm run redrive hands the dead one back under its own job id.
      expect(await intake.redrive()).toBe(1);
      const [bad] = await ds.query(
        `SELECT id::text AS id, received_at FROM inbound_message WHERE message_id = 'w-bad'`,
      );
      expect(await queue.getJob(inboundJobId(bad.id, bad.received_at))).toBeDefined();
    } finally {
      await worker.close(true);
    }
  });
});
