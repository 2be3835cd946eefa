import type { DataSource } from 'typeorm';
import { Problem, ProblemEvent } from '../../../src/entities';
import { AppError } from '../../../src/lib/errors';
import { parseProblemCode } from '../../../src/services/problem-code';
import type { ProblemLedgerService } from '../../../src/services/problem-ledger.service';
import { actorOf, makeLedger, problemIn, type Roster, useLedger } from './ledger-fixtures';

let ds: DataSource;
let r: Roster;
let ledger: ProblemLedgerService;
let clock: ReturnType<typeof makeLedger>['clock'];

useLedger((f) => ({ ds, r, ledger, clock } = f));

const eventsOfCode = async (code: string) =>
  ledger.eventsOf((await ds.getRepository(Problem).findOneByOrFail({ code })).id);

describe('idempotency keys', () => {
  it('a repeated step with the same key is a no-op returning the current state and the first event', async () => {
    const code = await problemIn(ledger, r, 'assigned');
    const first = await ledger.accept(code, actorOf(r.people.planner), { idempotencyKey: 'wecom:msg-1' });
    const again = await ledger.accept(code, actorOf(r.people.planner), { idempotencyKey: 'wecom:msg-1' });
    expect(again.replayed).toBe(true);
    expect(again.problem.status).toBe('accepted');
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect((await eventsOfCode(code)).filter((e) => e.action === 'accept')).toHaveLength(1);
  });

  it('a replay after later steps changes nothing (no refusal for the old status either)', async () => {
    const code = await problemIn(ledger, r, 'accepted');
    await ledger.answer(code, '已办结', actorOf(r.people.planner), { idempotencyKey: 'msg-2' });
    await ledger.rate(code, 'satisfied', '', actorOf(r.people.contactA), { idempotencyKey: 'msg-3' });
    const replay = await ledger.answer(code, '已办结', actorOf(r.people.planner), {
      idempotencyKey: 'msg-2',
    });
    expect(replay).toMatchObject({ replayed: true, problem: { status: 'closed' } });
    expect((await eventsOfCode(code)).map((e) => e.action)).toEqual([
      'report',
      'assign',
      'accept',
      'answer',
      'rate',
    ]);
  });

  it('the same key on another problem is a conflict, not a silent no-op', async () => {
    const a = await problemIn(ledger, r, 'assigned');
    const b = await problemIn(ledger, r, 'assigned');
    await ledger.accept(a, actorOf(r.people.planner), { idempotencyKey: 'msg-x' });
    const err = await ledger
      .accept(b, actorOf(r.people.planner), { idempotencyKey: 'msg-x' })
      .catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('idempotency_conflict');
    expect((await ds.getRepository(Problem).findOneByOrFail({ code: b })).status).toBe('assigned');
  });

  it('concurrent deliveries of one message write one event', async () => {
    const code = await problemIn(ledger, r, 'assigned');
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        ledger.accept(code, actorOf(r.people.planner), { idempotencyKey: 'dup' }),
      ),
    );
    expect(results.every((x) => x.status === 'fulfilled')).toBe(true);
    const replays = results.filter((x) => x.status === 'fulfilled' && x.value.replayed);
    expect(replays).toHaveLength(5);
    expect(await ds.getRepository(ProblemEvent).countBy({ idempotencyKey: 'dup' })).toBe(1);
  });

  it('concurrent different steps are serialized by the row lock: exactly one accept wins', async () => {
    const code = await problemIn(ledger, r, 'assigned');
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => ledger.accept(code, actorOf(r.people.planner))),
    );
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    const refusals = results
      .filter((x) => x.status === 'rejected')
      .map((x) => (x as PromiseRejectedResult).reason);
    expect(refusals.map((e: Error) => e.message)).toEqual(Array(4).fill('该问题正在办理中，不能受理。'));
  });
});

describe('report codes and source keys', () => {
  it('reporting one inbound message twice returns the first problem', async () => {
    const input = { enterpriseId: r.ent.a.id, description: '停车难', sourceKey: 'wecom:m-9' };
    const first = await ledger.report(input, actorOf(r.people.contactA));
    const again = await ledger.report(input, actorOf(r.people.contactA));
    expect(again.replayed).toBe(true);
    expect(again.problem.id).toBe(first.problem.id);
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(await ds.getRepository(Problem).count()).toBe(1);
  });

  it('concurrent reports of one message make one problem', async () => {
    const input = { enterpriseId: r.ent.a.id, description: '停车难', sourceKey: 'wecom:m-10' };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => ledger.report(input, actorOf(r.people.contactA))),
    );
    expect(new Set(results.map((x) => x.problem.id)).size).toBe(1);
    expect(await ds.getRepository(Problem).count()).toBe(1);
  });

  it('concurrent reports get unique consecutive codes of the Beijing day', async () => {
    const n = 30;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        ledger.report({ enterpriseId: r.ent.a.id, description: `问题${i}` }, actorOf(r.people.contactA)),
      ),
    );
    const codes = results.map((x) => x.problem.code).sort();
    expect(new Set(codes).size).toBe(n);
    expect(codes[0]).toBe('W20261120-0001');
    expect(codes[n - 1]).toBe('W20261120-0030');
  });

  it('numbers each Beijing day from 0001 (00:30 Beijing is still the previous day in UTC)', async () => {
    await ledger.report({ enterpriseId: r.ent.a.id, description: '甲' }, actorOf(r.people.contactA));
    clock.set('2026-11-20T16:30:00Z');
    const next = await ledger.report(
      { enterpriseId: r.ent.a.id, description: '乙' },
      actorOf(r.people.contactA),
    );
    expect(next.problem.code).toBe('W20261121-0001');
    expect(parseProblemCode(' w20261121-0001 ')).toEqual({ day: '2026-11-21', seq: 1 });
    expect(parseProblemCode('W2026112-0001')).toBeNull();
  });
});
