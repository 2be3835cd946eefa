import { UserError } from '../../../src/lib/errors';
import type { ProblemLedgerService } from '../../../src/services/problem-ledger.service';
import type { Actor } from '../../../src/services/problem-permissions';
import { actorOf, makeLedger, type Roster, useLedger } from './ledger-fixtures';

let r: Roster;
let ledger: ProblemLedgerService;
let clock: ReturnType<typeof makeLedger>['clock'];
/** P1: 甲, led by 规划局, 资源局 co-handles. P2: 乙, led by 雁塔住建局. P3: 乙, pending. */
let codes: { p1: string; p2: string; p3: string };

useLedger(
  (f) => ({ r, ledger, clock } = f),
  async () => {
    const admin = actorOf(r.people.admin);
    const p1 = await ledger.report(
      { enterpriseId: r.ent.a.id, description: '规划许可', categoryId: r.cat.planning.id },
      actorOf(r.people.contactA),
    );
    await ledger.route(p1.problem.code);
    await ledger.addCoUnit(p1.problem.code, r.units.land.id, admin);
    const p2 = await ledger.report(
      { enterpriseId: r.ent.b.id, description: '厂房报建' },
      actorOf(r.people.cadreB),
    );
    await ledger.assign(p2.problem.code, r.units.yantaHousing.id, admin);
    const p3 = await ledger.report(
      { enterpriseId: r.ent.b.id, description: '融资' },
      actorOf(r.people.contactB),
    );
    codes = { p1: p1.problem.code, p2: p2.problem.code, p3: p3.problem.code };
  },
);

const visible = async (actor: Actor) => {
  const { items, total } = await ledger.listForActor(actor);
  expect(total).toBe(items.length);
  const names = Object.entries(codes);
  return items.map((p) => names.find(([, c]) => c === p.code)?.[0]).sort();
};

async function refusedWith(run: () => Promise<unknown>, message: string) {
  const err = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  expect((err as UserError).message).toBe(message);
}

describe('data scope of each role', () => {
  it.each<[keyof Roster['people'], string[]]>([
    ['admin', ['p1', 'p2', 'p3']],
    ['contactA', ['p1']],
    ['contactB', ['p2', 'p3']],
    ['cadreA', ['p1']],
    ['cadreB', ['p2', 'p3']],
    ['planner', ['p1']], // lead unit
    ['lander', ['p1']], // co-handling unit
    ['housing', ['p2']],
    ['leaderCity', ['p1', 'p2', 'p3']], // 市政府 is the campaign office without a parent: the whole city
    ['leaderYanta', ['p1', 'p2']], // 甲 is in 雁塔区; 雁塔住建局 is under 雁塔区
    ['leaderBeilin', ['p2', 'p3']], // 乙 is in 碑林区
  ])('%s sees %j', async (who, expected) => {
    expect(await visible(actorOf(r.people[who]))).toEqual(expected);
  });

  it('a person with two roles sees the union of both scopes', async () => {
    const both: Actor = {
      ...actorOf(r.people.planner),
      roles: ['handler', 'cadre'],
      personId: r.people.cadreB.id,
    };
    expect(await visible(both)).toEqual(['p1', 'p2', 'p3']);
  });

  it('an actor without a unit or enterprise sees nothing of those scopes', async () => {
    expect(
      await visible({
        personId: r.people.admin.id,
        roles: ['handler', 'leader', 'contact'],
        unitId: null,
        enterpriseId: null,
      }),
    ).toEqual([]);
  });

  it('findByCode hides what the actor may not see', async () => {
    expect(await ledger.findByCode(codes.p1, actorOf(r.people.contactB))).toBeNull();
    expect((await ledger.findByCode(codes.p1.toLowerCase(), actorOf(r.people.contactA)))?.code).toBe(
      codes.p1,
    );
    expect((await ledger.findByCode(` ${codes.p2} `))?.code).toBe(codes.p2);
  });

  it('filters by status, unit, enterprise and kind', async () => {
    const admin = actorOf(r.people.admin);
    expect((await ledger.listForActor(admin, { status: 'pending' })).items.map((p) => p.code)).toEqual([
      codes.p3,
    ]);
    expect((await ledger.listForActor(admin, { status: ['pending', 'assigned'] })).total).toBe(3);
    expect((await ledger.listForActor(admin, { unitId: r.units.yantaHousing.id })).items[0].code).toBe(
      codes.p2,
    );
    expect((await ledger.listForActor(admin, { enterpriseId: r.ent.b.id })).total).toBe(2);
    expect((await ledger.listForActor(admin, { kind: 'assist' })).total).toBe(0);
    const page = await ledger.listForActor(admin, { limit: 1, offset: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(3);
  });

  it('filters by tier as tierOf computes it', async () => {
    const admin = actorOf(r.people.admin);
    const tierCodes = async (tier: 'normal' | 'blue' | 'yellow' | 'red') =>
      (await ledger.listForActor(admin, { tier })).items.map((p) => p.code).sort();
    // Both assigned problems are due 2026-11-27 (Friday + 5 working days).
    expect(await tierCodes('normal')).toEqual([codes.p1, codes.p2, codes.p3].sort());
    clock.set('2026-11-26T02:00:00Z');
    expect(await tierCodes('blue')).toEqual([codes.p1, codes.p2].sort());
    clock.set('2026-11-30T02:00:00Z'); // Monday: overdue by 1 working day
    expect(await tierCodes('yellow')).toEqual([codes.p1, codes.p2].sort());
    clock.set('2026-12-03T02:00:00Z'); // overdue by 4
    expect(await tierCodes('red')).toEqual([codes.p1, codes.p2].sort());
    expect(await tierCodes('normal')).toEqual([codes.p3]);
    for (const p of (await ledger.listForActor(admin)).items) {
      expect((await tierCodes(ledger.tierOf(p))).includes(p.code)).toBe(true);
    }
  });
});

describe('role × action × scope', () => {
  it('a handler of another unit cannot see, let alone accept, the problem', async () => {
    await refusedWith(
      () => ledger.accept(codes.p2, actorOf(r.people.planner)),
      '该问题不在您的职责范围内，您不能受理。',
    );
  });

  it('a co-handling unit sees the problem but cannot accept it', async () => {
    await refusedWith(
      () => ledger.accept(codes.p1, actorOf(r.people.lander)),
      '只有牵头单位的办理人才能受理该问题。',
    );
  });

  it("an enterprise contact cannot withdraw or rate another enterprise's problem", async () => {
    // The refusal names the step refused, not 查看 (found item 7 of issue 9).
    await refusedWith(
      () => ledger.withdraw(codes.p1, actorOf(r.people.contactB)),
      '该问题不在您的职责范围内，您不能撤回。',
    );
    await refusedWith(
      () => ledger.rate(codes.p1, 'satisfied', '', actorOf(r.people.contactB)),
      '该问题不在您的职责范围内，您不能评价。',
    );
  });

  it("a cadre assigns only their paired enterprises' problems", async () => {
    await refusedWith(
      () => ledger.assign(codes.p3, r.units.land.id, actorOf(r.people.cadreA)),
      '该问题不在您的职责范围内，您不能交办。',
    );
    const res = await ledger.assign(codes.p3, r.units.land.id, actorOf(r.people.cadreB));
    expect(res.problem.status).toBe('assigned');
  });

  it('a cadre cannot accept, and a contact cannot close by decree', async () => {
    await refusedWith(
      () => ledger.accept(codes.p1, actorOf(r.people.cadreA)),
      '只有牵头单位的办理人才能受理该问题。',
    );
    await refusedWith(
      () => ledger.close(codes.p1, actorOf(r.people.contactA)),
      '只有管理员才能直接销号，企业可通过评价确认销号。',
    );
  });

  it('a leader sees but does not handle; only a leader over the lead unit decides extensions', async () => {
    await refusedWith(
      () => ledger.accept(codes.p1, actorOf(r.people.leaderCity)),
      '只有牵头单位的办理人才能受理该问题。',
    );
    await ledger.requestExtension(codes.p1, 2, '需会商', actorOf(r.people.planner));
    await refusedWith(
      () => ledger.decideExtension(codes.p1, true, actorOf(r.people.leaderBeilin)),
      '该问题不在您的职责范围内，您不能审批延期。',
    );
    await refusedWith(
      () => ledger.requestExtension(codes.p1, 2, '再延', actorOf(r.people.lander)),
      '只有牵头单位的办理人才能申请延期。',
    );
    const res = await ledger.decideExtension(codes.p1, true, actorOf(r.people.leaderCity));
    expect(res.problem.dueOn).toBe('2026-12-01');
  });

  it('a handler cannot decide an extension', async () => {
    await ledger.requestExtension(codes.p1, 2, '需会商', actorOf(r.people.planner));
    await refusedWith(
      () => ledger.decideExtension(codes.p1, true, actorOf(r.people.planner)),
      '只有主管牵头单位的领导或管理员才能审批延期。',
    );
  });

  it('reports only for an enterprise of the actor', async () => {
    await refusedWith(
      () => ledger.report({ enterpriseId: r.ent.a.id, description: 'x' }, actorOf(r.people.contactB)),
      '您只能为自己包联或所属的企业反映问题。',
    );
    await refusedWith(
      () => ledger.report({ enterpriseId: r.ent.a.id, description: 'x' }, actorOf(r.people.cadreB)),
      '您只能为自己包联或所属的企业反映问题。',
    );
    await refusedWith(
      () => ledger.report({ enterpriseId: r.ent.a.id, description: 'x' }, actorOf(r.people.planner)),
      '您只能为自己包联或所属的企业反映问题。',
    );
    await refusedWith(
      () => ledger.report({ enterpriseId: r.ent.a.id, description: '  ' }, actorOf(r.people.contactA)),
      '请描述要反映的问题。',
    );
    const ok = await ledger.report(
      { enterpriseId: r.ent.a.id, description: '代企业反映' },
      actorOf(r.people.admin),
    );
    expect(ok.problem.cadreId).toBe(r.people.cadreA.id);
  });
});
