import { IntakeService, inboundJobId, poolOf } from '../../../src/intake/intake.service';
import { createLogger } from '../../../src/lib/logger';
import { testDataSource } from '../../support/db';
import { testPrefix } from '../../support/env';
import { inboundText, useInboundQueue } from './intake-fixtures';

const prefix = `${testPrefix()}_grouped`;
const message = inboundText;

describe('grouped intake', () => {
  const queue = useInboundQueue(prefix, { emptyQueue: true });

  it('stores a burst with repeats once per message id, in few statements, with one job per row', async () => {
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
    expect(await queue.getJobCountByTypes('waiting', 'prioritized', 'delayed')).toBe(41);
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
      expect(sizes).toEqual([1, 10]);
      expect(await queue.getJobCountByTypes('waiting', 'prioritized', 'delayed')).toBe(11);
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
});
