import type { DataSource } from 'typeorm';
import {
  Category,
  Enterprise,
  OrgUnit,
  Pairing,
  Person,
  Problem,
  ProblemEvent,
  Rating,
} from '../../../src/entities';
import type { Role, UnitKind } from '../../../src/entities/enums';
import { digestDailyJob } from '../../../src/jobs/handlers/digest-daily.job';
import type { JobDeps } from '../../../src/jobs/handlers/job-deps';
import { problemChasingJob } from '../../../src/jobs/handlers/problem-chasing.job';
import { FixedClock } from '../../../src/lib/clock';
import { withCheckChar } from '../../../src/lib/credit-code';
import { Sender } from '../../../src/outbox/sender';
import { officialCalendar } from '../../../src/services/calendar-official';
import { stalledProblems } from '../../../src/services/liveness';
import { Notifier } from '../../../src/services/notifier';
import { ProblemLedgerService } from '../../../src/services/problem-ledger.service';
import type { Actor } from '../../../src/services/problem-permissions';
import { ProblemWorkflowService } from '../../../src/services/problem-workflow.service';
import { QualityCheckService } from '../../../src/services/quality-check.service';
import { templateCardProblem } from '../../fakes/fake-wecom';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { TIERS } from '../ledger/ledger-fixtures';
import { outboundHarness, until } from '../outbound/harness';
import { setAccount } from '../../support/accounts';
import { notifierPlatforms } from '../../support/platforms';

/**
 * A roster shaped like a real city: no unit has a group chat, the firm has no contact person, the
 * campaign office (亲商助企办) is a top-level unit, one handling unit has only a leader and one has
 * nobody at all. Every notice must land at the fake WeCom with a payload it accepts and reach a
 * person who may act on it, or be routed to the campaign office — and the history says which.
 */
let ds: DataSource;
let h: Awaited<ReturnType<typeof outboundHarness>>;
let wf: ProblemWorkflowService;
let deps: JobDeps;
const clock = new FixedClock(new Date('2026-11-20T02:00:00Z')); // Friday 10:00 in Beijing
const calendar = officialCalendar();
let seq = 0;

type People = Record<'admin' | 'officeLeader' | 'cadre' | 'planner' | 'planLeader' | 'housingLeader', Person>;
let p: People;
let units: Record<'office' | 'yanta' | 'planning' | 'water' | 'housing', OrgUnit>;
let firm: Enterprise;
let cats: Record<'planning' | 'water' | 'housing', Category>;

const actor = (x: Person): Actor => ({
  personId: x.id,
  roles: x.roles,
  unitId: x.unitId,
  enterpriseId: x.enterpriseId,
});

async function buildCity(): Promise<void> {
  const unit = (name: string, kind: UnitKind, parentId: string | null = null) =>
    ds.getRepository(OrgUnit).save({ name, kind, parentId });
  const office = await unit('市亲商助企办', 'campaign');
  const yanta = await unit('雁塔区', 'district');
  units = {
    office,
    yanta,
    planning: await unit('市规划局', 'handling'),
    water: await unit('市水务局', 'handling'),
    housing: await unit('市住建局', 'handling'),
  };
  firm = await ds.getRepository(Enterprise).save({
    name: '西安甲科技有限公司',
    creditCode: withCheckChar('91610113MA0000009'),
    districtId: yanta.id,
  });
  const person = async (name: string, roles: Role[], u: OrgUnit, wecom: string) => {
    const saved = await ds.getRepository(Person).save({
      name,
      mobile: `137${String(++seq).padStart(8, '0')}`,
      roles,
      unitId: u.id,
    });
    await setAccount(ds, saved, 'wecom', wecom);
    return saved;
  };
  p = {
    admin: await person('办公室管理员', ['admin'], office, 'wx_admin'),
    officeLeader: await person('办公室主任', ['leader'], office, 'wx_office_leader'),
    cadre: await person('干部甲', ['cadre'], yanta, 'wx_cadre'),
    planner: await person('规划办理人', ['handler'], units.planning, 'wx_planner'),
    planLeader: await person('规划局长', ['leader'], units.planning, 'wx_plan_leader'),
    housingLeader: await person('住建局长', ['leader'], units.housing, 'wx_housing_leader'),
  };
  await ds
    .getRepository(Pairing)
    .save({ cadreId: p.cadre.id, enterpriseId: firm.id, startedAt: new Date('2026-01-01T00:00:00Z') });
  const category = (name: string, u: OrgUnit, timeLimitDays: number) =>
    ds.getRepository(Category).save({ name, leadUnitId: u.id, timeLimitDays, kind: 'problem' });
  cats = {
    planning: await category('规划', units.planning, 5),
    water: await category('供水', units.water, 3),
    housing: await category('住建', units.housing, 3),
  };
}

beforeAll(async () => {
  ds = await testDataSource();
});
beforeEach(async () => {
  await truncateAll(ds);
  clock.set('2026-11-20T02:00:00Z');
  await buildCity();
  h = await outboundHarness(ds);
  h.startWorker();
  const notifier = new Notifier(new Sender(h.outbox), notifierPlatforms({ wecomApp: true, dingtalk: false }));
  const ledger = new ProblemLedgerService(ds, { current: () => calendar }, clock, TIERS);
  wf = new ProblemWorkflowService(ds, ledger, notifier, new QualityCheckService(notifier, 0, clock));
  deps = { ds, calendar: { current: () => calendar }, notifier, tiers: TIERS, clock };
});
afterEach(() => h.close());
afterAll(closeTestDataSource);

const report = (categoryId: string | null, description = '项目规划许可迟迟未批') =>
  wf.reportAndRoute({ enterpriseId: firm.id, description, categoryId }, actor(p.cadre));

const eventsOf = async (code: string) => {
  const problem = await ds.getRepository(Problem).findOneByOrFail({ code });
  return ds.getRepository(ProblemEvent).find({ where: { problemId: problem.id }, order: { id: 'ASC' } });
};

/** Waits until every outbox row is sent; the fake refused nothing and every card is valid. */
async function allLanded(): Promise<void> {
  await until(async () => {
    const [row] = await ds.query(`SELECT count(*)::int AS n FROM outbound_message WHERE status <> 'sent'`);
    return row.n === 0;
  });
  expect(h.wecom.rejected).toEqual([]);
  for (const m of h.wecom.sent.filter((r) => r.body.msgtype === 'template_card')) {
    expect(templateCardProblem(m.body.template_card)).toBeNull();
  }
}

/** WeCom user ids the notices of one event went to. */
async function recipientsOf(eventId: string): Promise<string[]> {
  const rows: { target: string }[] = await ds.query(
    `SELECT target FROM outbound_message WHERE idempotency_key LIKE $1 ORDER BY id`,
    [`evt-${eventId}-%`],
  );
  return rows.map((r) => r.target);
}

describe('the loop closes on a real city roster', () => {
  it('assign → accept → extension → 催办 → 督办 → answer → 代评 不满意 (redo) → answer → 代评 满意', async () => {
    const { problem, routed } = await report(cats.planning.id);
    expect(routed).toBe(true);
    const code = problem.code;
    const c = actor(p.cadre);
    await wf.step('accept', [code, actor(p.planner)]);
    await wf.step('requestExtension', [code, 3, '需现场踏勘', actor(p.planner)]);
    await wf.step('decideExtension', [code, true, actor(p.planLeader)]);
    const urged = await wf.step('urge', [code, c]);
    const supervised = await wf.step('supervise', [code, actor(p.planLeader)]);
    await wf.step('answer', [code, '已出具规划许可', actor(p.planner)]);
    // Without a contact the cadre is refused the firm's own 评价 but may 代评, saying how it was confirmed.
    await expect(wf.step('rate', [code, 'satisfied', '', c])).rejects.toThrow('只有该企业的联系人才能评价');
    await expect(wf.step('rateByProxy', [code, 'satisfied', '', c])).rejects.toThrow('请说明如何向企业确认');
    await wf.step('rateByProxy', [code, 'unsatisfied', '电话确认，许可范围不对', c]);
    await wf.step('answer', [code, '已重新出具', actor(p.planner)]);
    const closed = await wf.step('rateByProxy', [code, 'satisfied', '电话确认', c]);
    expect(closed.problem).toMatchObject({ status: 'closed', closure: 'proxy', rating: 'satisfied' });
    expect(await ds.getRepository(Rating).find({ order: { createdAt: 'ASC' } })).toMatchObject([
      { verdict: 'unsatisfied', byProxy: true },
      { verdict: 'satisfied', byProxy: true },
    ]);
    expect(urged.events[0].delivery).toBe('办理人 规划办理人（一对一）');
    expect(supervised.events[0].delivery).toBe('办理人 规划办理人（一对一）');

    await allLanded();
    const history = await eventsOf(code);
    const routes = history.map((e) => [e.action, e.delivery]);
    expect(routes).toEqual([
      ['report', null],
      ['assign', '办理人 规划办理人（一对一）'],
      ['accept', '报告人 干部甲（一对一）'],
      ['extend_request', '审批领导 规划局长（一对一）'],
      ['extend_approve', '办理人 规划办理人（一对一）'],
      ['urge', '办理人 规划办理人（一对一）'],
      ['supervise', '办理人 规划办理人（一对一）'],
      ['answer', '包联干部（代评） 干部甲（一对一）'],
      ['redo', '办理人 规划办理人（一对一）'],
      ['answer', '包联干部（代评） 干部甲（一对一）'],
      ['rate_proxy', '包联干部 干部甲（一对一）'],
    ]);
    // Who may act on each notice got it: handlers for the unit's work, the leader for the extension,
    // the cadre for 代评 and progress.
    const byAction = async (action: string) =>
      (await Promise.all(history.filter((e) => e.action === action).map((e) => recipientsOf(e.id)))).flat();
    expect(new Set(await byAction('assign'))).toEqual(new Set(['wx_planner']));
    expect(await byAction('extend_request')).toEqual(['wx_plan_leader']);
    expect(new Set(await byAction('answer'))).toEqual(new Set(['wx_cadre']));
    // The 代评 card has buttons that send 代评 … 电话确认, as a valid template card.
    const proxyCard = h.wecom.sent.find(
      (r) => r.to === 'wx_cadre' && JSON.stringify(r.body).includes(`代评 ${code} 满意 电话确认`),
    );
    expect(proxyCard?.body.msgtype).toBe('template_card');
    // Button-less notices (催办, 督办, 重办, 延期决定) went out as markdown, not as refused cards.
    const toPlanner = h.wecom.sent.filter((r) => r.to === 'wx_planner').map((r) => String(r.body.msgtype));
    expect(toPlanner).toContain('markdown');
  });

  it('a unit with only a leader reaches the leader; a unit with nobody reaches the campaign office', async () => {
    const housing = await report(cats.housing.id, '小区配套迟迟不交付');
    const water = await report(cats.water.id, '供水管网接入迟迟未办');
    await allLanded();
    const [, housingAssign] = await eventsOf(housing.problem.code);
    expect(housingAssign.delivery).toBe('单位领导 住建局长（一对一）');
    expect(await recipientsOf(housingAssign.id)).toEqual(['wx_housing_leader']);
    const [, waterAssign] = await eventsOf(water.problem.code);
    expect(waterAssign.delivery).toBe('亲商助企办管理员 办公室管理员（一对一）');
    expect(await recipientsOf(waterAssign.id)).toEqual(['wx_admin']);
    const toAdmin = h.wecom.sent.filter((r) => r.to === 'wx_admin').map((r) => JSON.stringify(r.body));
    expect(toAdmin.some((b) => b.includes('市水务局无单位群，也无可联系的办理人或领导'))).toBe(true);

    // Both have no handler: the liveness check lists them, and the daily digest tells the office.
    expect((await stalledProblems(ds, deps.notifier.platforms)).map((s) => s.code).sort()).toEqual(
      [housing.problem.code, water.problem.code].sort(),
    );
    await digestDailyJob(deps)(new Date('2026-11-23T00:30:00Z'));
    await allLanded();
    const digest = h.wecom.sent.filter((r) => r.to === 'wx_admin').map((r) => JSON.stringify(r.body));
    expect(digest.some((b) => b.includes('无人可办的问题 2 个') && b.includes(water.problem.code))).toBe(
      true,
    );

    // Overdue 催办 on the water problem follows the same plan: it reaches the office, and says so.
    const chasing = problemChasingJob(deps);
    await chasing(new Date('2026-11-26T01:30:00Z')); // due 11-25, overdue
    await allLanded();
    const urge = (await eventsOf(water.problem.code)).find((e) => e.action === 'urge');
    expect(urge?.delivery).toBe('亲商助企办管理员 办公室管理员（一对一）');

    // With the office's admin gone too, the history says the notice reached nobody (never 已通知).
    await ds.getRepository(Person).update(p.admin.id, { active: false });
    const nobody = await wf.step('urge', [water.problem.code, actor(p.cadre)]);
    expect(nobody.events[0].delivery).toBe('未送达：无可联系的人');
    expect(await recipientsOf(nobody.events[0].id)).toEqual([]);
  });

  it('the answered clock: no tiering against the unit, a rating reminder after N, 逾期未评价 after M', async () => {
    const { problem } = await report(cats.planning.id);
    const code = problem.code;
    await wf.step('accept', [code, actor(p.planner)]);
    await wf.step('answer', [code, '已出具规划许可', actor(p.planner)]); // 11-20, due 11-27
    const chasing = problemChasingJob(deps);
    // 12-08 would be red for an open problem; answered, it is never chased against the unit.
    await chasing(new Date('2026-11-25T01:30:00Z')); // 3 working days after the answer
    await chasing(new Date('2026-12-08T01:30:00Z')); // 12 working days after: closes unrated
    await allLanded();
    const history = await eventsOf(code);
    expect(history.map((e) => e.action)).toEqual([
      'report',
      'assign',
      'accept',
      'answer',
      'rate_remind',
      'rate_timeout',
    ]);
    expect(history.find((e) => e.action === 'rate_remind')?.delivery).toBe(
      '包联干部（代评） 干部甲（一对一）',
    );
    const closed = await ds.getRepository(Problem).findOneByOrFail({ code });
    expect(closed).toMatchObject({ status: 'closed', closure: 'unrated', rating: null });
    expect(await ds.getRepository(Rating).count()).toBe(0);
    expect(
      h.wecom.sent
        .filter((r) => r.to === 'wx_planner')
        .map((r) => JSON.stringify(r.body))
        .join(),
    ).not.toMatch(/催办|督办|到期提醒/);
  });

  it('a pending problem is chased: the cadre first, then the campaign office', async () => {
    const { problem, routed } = await report(null, '一件说不清归谁管的事');
    expect(routed).toBe(false);
    const chasing = problemChasingJob(deps);
    await chasing(new Date('2026-11-23T01:30:00Z')); // 1 working day
    await chasing(new Date('2026-11-25T01:30:00Z')); // 3 working days
    await chasing(new Date('2026-11-25T01:30:00Z')); // a re-run sends nothing new
    await allLanded();
    const history = await eventsOf(problem.code);
    expect(history.map((e) => [e.action, e.delivery])).toEqual([
      ['report', '包联干部 干部甲（一对一）'],
      ['pending_chase', '包联干部 干部甲（一对一）'],
      ['pending_escalate', '亲商助企办管理员 办公室管理员（一对一）'],
    ]);
  });
});
