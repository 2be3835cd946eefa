import type { DataSource } from 'typeorm';
import { OutboundMessage, Problem } from '../../../src/entities';
import { UserError } from '../../../src/lib/errors';
import type { ProblemLedgerService } from '../../../src/services/problem-ledger.service';
import { actorOf, problemIn, type Roster, useLedger } from './ledger-fixtures';

let ds: DataSource;
let r: Roster;
let ledger: ProblemLedgerService;

useLedger((f) => ({ ds, r, ledger } = f));

const refusalOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

describe('催办 and 督办', () => {
  it('record an event without changing the status; the system (null actor) may do both', async () => {
    const code = await problemIn(ledger, r, 'accepted');
    const urged = await ledger.urge(code, actorOf(r.people.cadreA), { idempotencyKey: 'u1' });
    expect(urged.events.map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      ['urge', 'accepted', 'accepted'],
    ]);
    const supervised = await ledger.supervise(code, null, { note: '已逾期' });
    expect(supervised.events[0]).toMatchObject({ action: 'supervise', note: '督办：已逾期', actorId: null });
    expect((await ledger.urge(code, actorOf(r.people.cadreA), { idempotencyKey: 'u1' })).replayed).toBe(true);
  });

  it('a handler may not urge, a cadre may not supervise, and a closed problem takes neither', async () => {
    const code = await problemIn(ledger, r, 'assigned');
    expect(await refusalOf(ledger.urge(code, actorOf(r.people.planner)))).toBeInstanceOf(UserError);
    expect(await refusalOf(ledger.supervise(code, actorOf(r.people.cadreA)))).toBeInstanceOf(UserError);
    const closed = await problemIn(ledger, r, 'closed');
    const err = await refusalOf(ledger.urge(closed, actorOf(r.people.cadreA)));
    expect((err as UserError).code).toBe('invalid_transition');
  });
});

describe('quality reopen and flag', () => {
  it('reopen sends a closed problem back to the unit as a redo', async () => {
    const code = await problemIn(ledger, r, 'closed');
    const { problem, events } = await ledger.reopen(code, null);
    expect(problem).toMatchObject({ status: 'accepted', redoCount: 1, closedAt: null });
    expect(events[0]).toMatchObject({ action: 'quality_reopen', fromStatus: 'closed', toStatus: 'accepted' });
    expect(ledger.tierOf(problem)).not.toBe('normal');
  });

  it('flag marks a withdrawn problem and keeps its status; an open problem cannot be flagged', async () => {
    const code = await problemIn(ledger, r, 'withdrawn');
    const { problem, events } = await ledger.flag(code, null, { note: '企业称未解决' });
    expect(problem).toMatchObject({ status: 'withdrawn', flagged: true });
    expect(events[0].action).toBe('quality_flag');
    const open = await problemIn(ledger, r, 'accepted');
    expect(await refusalOf(ledger.flag(open, null))).toBeInstanceOf(UserError);
  });
});

describe('inTransaction hook', () => {
  it('runs inside the step; throwing rolls the step back; a replay does not run it', async () => {
    const code = await problemIn(ledger, r, 'assigned');
    const failing = ledger.accept(code, actorOf(r.people.planner), {
      idempotencyKey: 'k1',
      inTransaction: async () => {
        throw new Error('boom');
      },
    });
    await expect(failing).rejects.toThrow('boom');
    expect((await ds.getRepository(Problem).findOneByOrFail({ code })).status).toBe('assigned');

    const seen: string[] = [];
    const hook = async (em: import('typeorm').EntityManager, res: { events: { action: string }[] }) => {
      seen.push(res.events[0].action);
      expect(em.queryRunner?.isTransactionActive).toBe(true);
      expect(await em.count(OutboundMessage)).toBe(0);
    };
    await ledger.accept(code, actorOf(r.people.planner), { idempotencyKey: 'k1', inTransaction: hook });
    await ledger.accept(code, actorOf(r.people.planner), { idempotencyKey: 'k1', inTransaction: hook });
    expect(seen).toEqual(['accept']);
  });
});
