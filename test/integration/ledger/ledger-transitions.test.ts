import type { DataSource } from 'typeorm';
import { ExtensionRequest, Problem, Rating } from '../../../src/entities';
import type { ProblemStatus } from '../../../src/entities/enums';
import { UserError } from '../../../src/lib/errors';
import type { LedgerResult, ProblemLedgerService } from '../../../src/services/problem-ledger.service';
import { actorOf, makeLedger, problemIn, type Roster, useLedger } from './ledger-fixtures';

let ds: DataSource;
let r: Roster;
let ledger: ProblemLedgerService;
let clock: ReturnType<typeof makeLedger>['clock'];

useLedger((f) => ({ ds, r, ledger, clock } = f));

const statusOf = async (code: string) => (await ds.getRepository(Problem).findOneByOrFail({ code })).status;
const eventCount = async (code: string) => {
  const p = await ds.getRepository(Problem).findOneByOrFail({ code });
  return (await ledger.eventsOf(p.id)).length;
};

/** Expects a UserError with exactly this message, and no change to the problem or its history. */
async function expectRefused(code: string, run: () => Promise<unknown>, message: string | RegExp) {
  const before = await ds.getRepository(Problem).findOneByOrFail({ code });
  const events = await eventCount(code);
  const err = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  expect((err as UserError).message).toEqual(
    typeof message === 'string' ? message : expect.stringMatching(message),
  );
  const after = await ds.getRepository(Problem).findOneByOrFail({ code });
  expect({ ...after, updatedAt: null }).toEqual({ ...before, updatedAt: null });
  expect(await eventCount(code)).toBe(events);
}

describe('report, route and the normal path to 销号', () => {
  it('reports a pending problem with a code, the enterprise cadre and a report event', async () => {
    const res = await ledger.report(
      { enterpriseId: r.ent.a.id, description: '  道路未通  ', categoryId: r.cat.land.id },
      actorOf(r.people.contactA),
    );
    expect(res.replayed).toBe(false);
    expect(res.problem).toMatchObject({
      code: 'W20261120-0001',
      status: 'pending',
      kind: 'problem',
      cadreId: r.people.cadreA.id,
      reporterId: r.people.contactA.id,
      description: '道路未通',
    });
    expect(res.problem.createdAt.toISOString()).toBe('2026-11-20T02:00:00.000Z');
    expect(res.events).toHaveLength(1);
    expect(res.events[0]).toMatchObject({ action: 'report', fromStatus: null, toStatus: 'pending' });
    expect(res.events[0].actorId).toBe(r.people.contactA.id);
  });

  it('routes by category: lead unit and a deadline in working days (Friday + 10 → 12/4)', async () => {
    const { problem } = await ledger.report(
      { enterpriseId: r.ent.a.id, description: '用地指标', categoryId: r.cat.land.id },
      actorOf(r.people.cadreA),
    );
    const routed = (await ledger.route(problem.code)) as LedgerResult;
    expect(routed.problem).toMatchObject({
      status: 'assigned',
      leadUnitId: r.units.land.id,
      dueOn: '2026-12-04',
    });
    expect(routed.problem.assignedAt?.toISOString()).toBe('2026-11-20T02:00:00.000Z');
    expect(routed.events[0]).toMatchObject({ action: 'assign', fromStatus: 'pending', toStatus: 'assigned' });
    expect(routed.events[0].actorId).toBeNull();
    expect(await ledger.route(problem.code)).toBeNull();
  });

  it('does not route a problem without a category; assignment then uses 5 working days', async () => {
    const { problem } = await ledger.report(
      { enterpriseId: r.ent.a.id, description: '融资难' },
      actorOf(r.people.cadreA),
    );
    expect(await ledger.route(problem.code)).toBeNull();
    const res = await ledger.assign(problem.code, r.units.land.id, actorOf(r.people.cadreA));
    expect(res.problem.dueOn).toBe('2026-11-27');
  });

  it('a deadline set before the National Day holiday skips it', async () => {
    clock.set('2026-09-28T02:00:00Z');
    const code = await problemIn(ledger, r, 'assigned');
    expect((await ds.getRepository(Problem).findOneByOrFail({ code })).dueOn).toBe('2026-10-10');
  });

  it('walks pending → assigned → accepted → answered → closed with one event per step and a unit rating', async () => {
    const code = await problemIn(ledger, r, 'closed');
    const p = await ds.getRepository(Problem).findOneByOrFail({ code });
    expect(p).toMatchObject({ status: 'closed', rating: 'satisfied', closedById: r.people.contactA.id });
    expect(p.handlerId).toBe(r.people.planner.id);
    const events = await ledger.eventsOf(p.id);
    expect(events.map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      ['report', null, 'pending'],
      ['assign', 'pending', 'assigned'],
      ['accept', 'assigned', 'accepted'],
      ['answer', 'accepted', 'answered'],
      ['rate', 'answered', 'closed'],
    ]);
    const ratings = await ds.getRepository(Rating).findBy({ problemId: p.id });
    expect(ratings).toHaveLength(1);
    expect(ratings[0]).toMatchObject({ subject: 'unit', unitId: r.units.planning.id, verdict: 'satisfied' });
  });
});

type Call = (code: string) => Promise<LedgerResult>;

describe('every allowed transition writes its event', () => {
  const calls: Record<string, Call> = {
    'admin assigns': (c) => ledger.assign(c, r.units.planning.id, actorOf(r.people.admin)),
    'cadre assigns': (c) => ledger.assign(c, r.units.land.id, actorOf(r.people.cadreA)),
    'cadre transfers': (c) => ledger.transfer(c, r.units.land.id, actorOf(r.people.cadreA)),
    'admin transfers': (c) => ledger.transfer(c, r.units.land.id, actorOf(r.people.admin)),
    'handler accepts': (c) => ledger.accept(c, actorOf(r.people.planner)),
    'admin accepts': (c) => ledger.accept(c, actorOf(r.people.admin)),
    'handler returns': (c) =>
      ledger.returnProblem(c, actorOf(r.people.planner), { note: '不属于本单位职责' }),
    'handler answers': (c) => ledger.answer(c, '已办结', actorOf(r.people.planner)),
    'contact: 满意': (c) => ledger.rate(c, 'satisfied', '很好', actorOf(r.people.contactA)),
    'contact: 基本满意': (c) => ledger.rate(c, 'basic', '', actorOf(r.people.contactA)),
    'contact: 不满意': (c) => ledger.rate(c, 'unsatisfied', '没解决', actorOf(r.people.contactA)),
    'contact withdraws': (c) => ledger.withdraw(c, actorOf(r.people.contactA)),
    'admin closes': (c) => ledger.close(c, actorOf(r.people.admin), { note: '企业电话确认' }),
    'handler asks for an extension': (c) =>
      ledger.requestExtension(c, 3, '需要现场勘察', actorOf(r.people.planner)),
    'cadre adds a co-unit': (c) => ledger.addCoUnit(c, r.units.land.id, actorOf(r.people.cadreA)),
    'handler adds a co-unit': (c) => ledger.addCoUnit(c, r.units.land.id, actorOf(r.people.planner)),
  };
  const open = ['pending', 'assigned', 'accepted', 'answered'] as const;
  const cases: [ProblemStatus, string, ProblemStatus, string][] = [
    ['pending', 'admin assigns', 'assigned', 'assign'],
    ['pending', 'cadre assigns', 'assigned', 'assign'],
    ['pending', 'cadre transfers', 'assigned', 'transfer'],
    ['assigned', 'cadre transfers', 'assigned', 'transfer'],
    ['assigned', 'admin transfers', 'assigned', 'transfer'],
    ['assigned', 'handler accepts', 'accepted', 'accept'],
    ['assigned', 'admin accepts', 'accepted', 'accept'],
    ['assigned', 'handler returns', 'pending', 'return'],
    ['accepted', 'handler returns', 'pending', 'return'],
    ['accepted', 'handler answers', 'answered', 'answer'],
    ['answered', 'contact: 满意', 'closed', 'rate'],
    ['answered', 'contact: 基本满意', 'closed', 'rate'],
    ['answered', 'contact: 不满意', 'accepted', 'redo'],
    ...open.map((s): [ProblemStatus, string, ProblemStatus, string] => [
      s,
      'contact withdraws',
      'withdrawn',
      'withdraw',
    ]),
    ...open.map((s): [ProblemStatus, string, ProblemStatus, string] => [
      s,
      'admin closes',
      'closed',
      'admin_close',
    ]),
    ['assigned', 'handler asks for an extension', 'assigned', 'extend_request'],
    ['accepted', 'handler asks for an extension', 'accepted', 'extend_request'],
    ['pending', 'cadre adds a co-unit', 'pending', 'add_co_unit'],
    ['accepted', 'handler adds a co-unit', 'accepted', 'add_co_unit'],
  ];

  it.each(cases)('%s: %s → %s (%s)', async (from, label, to, action) => {
    const code = await problemIn(ledger, r, from);
    clock.advance(3600_000);
    const before = await eventCount(code);
    const res = await calls[label](code);
    expect(res.replayed).toBe(false);
    expect(res.problem.status).toBe(to);
    expect(await statusOf(code)).toBe(to);
    expect(res.events).toHaveLength(1);
    expect(res.events[0]).toMatchObject({ action, fromStatus: from, toStatus: to });
    expect(res.events[0].at.toISOString()).toBe('2026-11-20T03:00:00.000Z');
    expect(await eventCount(code)).toBe(before + 1);
  });
});

describe('every refused transition leaves the problem alone', () => {
  const admin = () => actorOf(r.people.admin);
  const adminActions: Record<string, Call> = {
    assign: (c) => ledger.assign(c, r.units.land.id, admin()),
    transfer: (c) => ledger.transfer(c, r.units.land.id, admin()),
    accept: (c) => ledger.accept(c, admin()),
    return: (c) => ledger.returnProblem(c, admin(), { note: '错派' }),
    answer: (c) => ledger.answer(c, '答复', admin()),
    close: (c) => ledger.close(c, admin()),
    add_co_unit: (c) => ledger.addCoUnit(c, r.units.yantaHousing.id, admin()),
  };
  // What an admin may do in each status (the state machine, written out by hand).
  const allowed: Record<ProblemStatus, string[]> = {
    pending: ['assign', 'transfer', 'close', 'add_co_unit'],
    assigned: ['transfer', 'accept', 'return', 'close', 'add_co_unit'],
    accepted: ['return', 'answer', 'close', 'add_co_unit'],
    answered: ['close'],
    closed: [],
    withdrawn: [],
  };
  const refused = (Object.keys(allowed) as ProblemStatus[]).flatMap((status) =>
    Object.keys(adminActions)
      .filter((a) => !allowed[status].includes(a))
      .map((a) => [status, a] as const),
  );

  it.each(refused)('%s: admin %s is refused', async (status, action) => {
    const code = await problemIn(ledger, r, status);
    await expectRefused(code, () => adminActions[action](code), /^该问题.+，不能.+。$/);
  });

  const planner = () => actorOf(r.people.planner);
  const contact = () => actorOf(r.people.contactA);
  const messages: [ProblemStatus, string, Call][] = [
    ['closed', '该问题已销号，不能再受理。', (c) => ledger.accept(c, planner())],
    ['assigned', '该问题已交办、尚未受理，不能答复。', (c) => ledger.answer(c, 'x', planner())],
    ['accepted', '该问题正在办理中，不能评价。', (c) => ledger.rate(c, 'satisfied', '', contact())],
    ['closed', '该问题已销号，不能再撤回。', (c) => ledger.withdraw(c, contact())],
    ['withdrawn', '该问题已撤回，不能再撤回。', (c) => ledger.withdraw(c, contact())],
    ['closed', '该问题已销号，不能再评价。', (c) => ledger.rate(c, 'satisfied', '', contact())],
    ['answered', '该问题已答复，不能申请延期。', (c) => ledger.requestExtension(c, 2, '原因', planner())],
    ['pending', '该问题尚未交办，不能受理。', (c) => ledger.accept(c, admin())],
    ['assigned', '该问题已交办、尚未受理，不能交办。', (c) => ledger.assign(c, r.units.land.id, admin())],
    ['assigned', '该问题已由该单位牵头办理。', (c) => ledger.transfer(c, r.units.planning.id, admin())],
    ['assigned', '请说明回退原因。', (c) => ledger.returnProblem(c, planner())],
    ['accepted', '请填写答复内容。', (c) => ledger.answer(c, '   ', planner())],
    ['pending', '找不到该办理单位。', (c) => ledger.assign(c, 'not-a-unit', admin())],
    ['assigned', '牵头单位不能同时作为协办单位。', (c) => ledger.addCoUnit(c, r.units.planning.id, admin())],
    ['answered', '只有帮办、陪办、代办和绿色通道服务需要送达。', (c) => ledger.deliver(c, planner())],
    ['closed', '该问题已销号，不能再审批延期。', (c) => ledger.decideExtension(c, true, admin())],
    ['accepted', '该问题没有待审批的延期申请。', (c) => ledger.decideExtension(c, true, admin())],
  ];

  it.each(messages)('%s: refused with %s', async (status, message, run) => {
    const code = await problemIn(ledger, r, status);
    await expectRefused(code, () => run(code), message);
  });

  it('refuses an unknown code', async () => {
    await expect(ledger.accept('W20261120-9999', actorOf(r.people.admin))).rejects.toThrow(
      '找不到编号为 W20261120-9999 的问题。',
    );
  });

  it('a co-unit cannot be added twice', async () => {
    const code = await problemIn(ledger, r, 'assigned');
    await ledger.addCoUnit(code, r.units.land.id, actorOf(r.people.admin));
    await expectRefused(
      code,
      () => ledger.addCoUnit(code, r.units.land.id, actorOf(r.people.admin)),
      '该单位已是协办单位。',
    );
  });
});

describe('return, redo and services', () => {
  it('a return counts, clears the unit and deadline, and the problem can be assigned again', async () => {
    const code = await problemIn(ledger, r, 'accepted');
    const res = await ledger.returnProblem(code, actorOf(r.people.planner), { note: '应由资源局办理' });
    expect(res.problem).toMatchObject({
      returnCount: 1,
      leadUnitId: null,
      dueOn: null,
      handlerId: null,
      assignedAt: null,
    });
    expect(res.events[0].note).toBe('回退：应由资源局办理');
    expect(await ledger.route(code)).toBeNull(); // the catalogue already got it wrong once
    const again = await ledger.assign(code, r.units.land.id, actorOf(r.people.cadreA));
    expect(again.problem).toMatchObject({ status: 'assigned', leadUnitId: r.units.land.id, returnCount: 1 });
  });

  it('不满意 counts a redo, records the verdict and reopens for the unit; the next 满意 closes it', async () => {
    const code = await problemIn(ledger, r, 'answered');
    const redo = await ledger.rate(code, 'unsatisfied', '没解决', actorOf(r.people.contactA));
    expect(redo.problem).toMatchObject({
      status: 'accepted',
      redoCount: 1,
      answeredAt: null,
      rating: 'unsatisfied',
    });
    expect(ledger.tierOf(redo.problem)).toBe('yellow');
    await ledger.answer(code, '重新办理完毕', actorOf(r.people.planner));
    const closed = await ledger.rate(code, 'basic', '', actorOf(r.people.contactA));
    expect(closed.problem).toMatchObject({ status: 'closed', rating: 'basic', redoCount: 1 });
    const verdicts = (await ds.getRepository(Rating).find({ order: { createdAt: 'ASC' } })).map(
      (x) => x.verdict,
    );
    expect(verdicts.sort()).toEqual(['basic', 'unsatisfied']);
  });

  it('a service must be delivered before the enterprise can close it', async () => {
    const code = await problemIn(ledger, r, 'answered', 'assist');
    expect((await ds.getRepository(Problem).findOneByOrFail({ code })).kind).toBe('assist');
    await expectRefused(
      code,
      () => ledger.rate(code, 'satisfied', '', actorOf(r.people.contactA)),
      '该服务结果尚未送达企业，暂不能评价。',
    );
    const delivered = await ledger.deliver(code, actorOf(r.people.planner));
    expect(delivered.events[0]).toMatchObject({
      action: 'deliver',
      fromStatus: 'answered',
      toStatus: 'answered',
    });
    expect(delivered.problem.deliveredAt).not.toBeNull();
    await expectRefused(
      code,
      () => ledger.deliver(code, actorOf(r.people.planner)),
      '该服务结果已送达企业。',
    );
    const closed = await ledger.rate(code, 'satisfied', '', actorOf(r.people.contactA));
    expect(closed.problem.status).toBe('closed');
  });

  it('an admin close is recorded as such', async () => {
    const code = await problemIn(ledger, r, 'accepted');
    const res = await ledger.close(code, actorOf(r.people.admin), { note: '企业电话确认已解决' });
    expect(res.problem).toMatchObject({ status: 'closed', closedById: r.people.admin.id, rating: null });
    expect(res.events[0]).toMatchObject({ action: 'admin_close', note: '管理员销号：企业电话确认已解决' });
  });
});

describe('extensions', () => {
  it('approval moves the deadline by working days and adds to extensionDays', async () => {
    const code = await problemIn(ledger, r, 'accepted'); // due 2026-11-27
    const asked = await ledger.requestExtension(code, 3, '需要现场勘察', actorOf(r.people.planner));
    expect(asked.extension).toMatchObject({ days: 3, status: 'pending', requestedById: r.people.planner.id });
    await expectRefused(
      code,
      () => ledger.requestExtension(code, 2, '再延', actorOf(r.people.planner)),
      '该问题已有待审批的延期申请。',
    );
    const decided = await ledger.decideExtension(code, true, actorOf(r.people.leaderCity));
    expect(decided.problem).toMatchObject({ dueOn: '2026-12-02', extensionDays: 3 });
    expect(decided.extension).toMatchObject({ status: 'approved', decidedById: r.people.leaderCity.id });
    expect(decided.events[0]).toMatchObject({
      action: 'extend_approve',
      fromStatus: 'accepted',
      toStatus: 'accepted',
    });
  });

  it('refusal keeps the deadline; a new request is then possible', async () => {
    const code = await problemIn(ledger, r, 'assigned');
    await ledger.requestExtension(code, 5, '材料不全', actorOf(r.people.planner));
    const refusedRes = await ledger.decideExtension(code, false, actorOf(r.people.admin), {
      note: '期限内可办结',
    });
    expect(refusedRes.problem).toMatchObject({ dueOn: '2026-11-27', extensionDays: 0 });
    expect(refusedRes.events[0]).toMatchObject({ action: 'extend_refuse' });
    await ledger.requestExtension(code, 1, '补充材料', actorOf(r.people.planner));
  });

  it('is refused after the deadline, for bad day counts and without a reason', async () => {
    const code = await problemIn(ledger, r, 'accepted'); // due 2026-11-27
    await expectRefused(
      code,
      () => ledger.requestExtension(code, 0, '原因', actorOf(r.people.planner)),
      /^延期天数/,
    );
    await expectRefused(
      code,
      () => ledger.requestExtension(code, 2.5, '原因', actorOf(r.people.planner)),
      /^延期天数/,
    );
    await expectRefused(
      code,
      () => ledger.requestExtension(code, 2, ' ', actorOf(r.people.planner)),
      '请说明延期原因。',
    );
    clock.set('2026-11-27T09:00:00Z'); // 17:00 on the due date: still allowed
    await ledger.requestExtension(code, 1, '最后一天', actorOf(r.people.planner));
    await ledger.decideExtension(code, false, actorOf(r.people.admin));
    clock.set('2026-11-27T16:00:00Z'); // 00:00 the next Beijing day
    await expectRefused(
      code,
      () => ledger.requestExtension(code, 2, '来不及', actorOf(r.people.planner)),
      '已超过办理期限，不能再申请延期。',
    );
  });

  it('a transfer or withdrawal drops the pending request', async () => {
    const code = await problemIn(ledger, r, 'assigned');
    await ledger.requestExtension(code, 2, '原因', actorOf(r.people.planner));
    await ledger.transfer(code, r.units.land.id, actorOf(r.people.cadreA), { note: '属土地问题' });
    const requests = await ds.getRepository(ExtensionRequest).find();
    expect(requests.map((x) => x.status)).toEqual(['refused']);
  });
});
