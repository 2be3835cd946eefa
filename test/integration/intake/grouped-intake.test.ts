import { IntakeService } from '../../../src/intake/intake.service';
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
    const query = ds.query.bind(ds);
    const spy = jest.spyOn(ds, 'query').mockImplementation((sql: string, params?: unknown) => {
      if (/INSERT INTO inbound_message/.test(sql)) inserts.push(sql);
      return query(sql, params as unknown[] | undefined);
    });
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
});
