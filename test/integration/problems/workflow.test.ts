import type { DataSource } from 'typeorm';
import { Problem, QualityCheck } from '../../../src/entities';
import { sampleShare } from '../../../src/services/quality-check.service';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { actorOf } from '../ledger/ledger-fixtures';
import {
  buildProblemRoster,
  headline,
  makeWorkflow,
  outbound,
  type ProblemRoster,
} from './problems-fixtures';

let ds: DataSource;
let r: ProblemRoster;
let w: ReturnType<typeof makeWorkflow>;

beforeAll(async () => {
  ds = await testDataSource();
});
beforeEach(async () => {
  await truncateAll(ds);
  r = await buildProblemRoster(ds);
  w = makeWorkflow(ds);
});
afterEach(() => w.close());
afterAll(closeTestDataSource);

const contactA = () => actorOf(r.people.contactA);
const planner = () => actorOf(r.people.planner);

async function reportPlanning(sourceKey = 'wecom:m1') {
  return w.workflow.reportAndRoute(
    { enterpriseId: r.ent.a.id, description: '规划许可迟迟未批', categoryId: r.cat.planning.id, sourceKey },
    contactA(),
  );
}

describe('report and route', () => {
  it('routes by category to the lead unit with its working-day deadline and sends one card', async () => {
    const { problem, routed } = await reportPlanning();
    // Friday 2026-11-20 + 5 working days.
    expect(problem).toMatchObject({
      status: 'assigned',
      leadUnitId: r.units.planning.id,
      dueOn: '2026-11-27',
    });
    expect(routed).toBe(true);
    const rows = await outbound(ds);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'wecom_webhook', target: r.groups.planning.id });
    const payload = rows[0].payload as {
      card: { title: string; description: string; buttons: { key: string }[] };
      mentions: { userIds: string[] };
    };
    expect(payload.card.title).toBe(`新交办问题 ${problem.code}`);
    expect(payload.card.description).toContain('企业：西安甲科技有限公司');
    expect(payload.card.description).toContain('类别：规划');
    expect(payload.card.description).toContain('11月27日（周五）');
    expect(payload.card.buttons.map((b) => b.key)).toEqual([
      `受理 ${problem.code}`,
      `退回 ${problem.code} 分办错误`,
    ]);
    expect(payload.mentions.userIds).toEqual(['wx_planner']);
  });

  it('a redelivered report neither reports nor notifies twice', async () => {
    const first = await reportPlanning('wecom:dup');
    const again = await reportPlanning('wecom:dup');
    expect(again).toMatchObject({ replayed: true, problem: { code: first.problem.code } });
    expect(await ds.getRepository(Problem).count()).toBe(1);
    expect(await outbound(ds)).toHaveLength(1);
  });

  it('without a category the problem stays pending and the cadre is told to assign it by hand', async () => {
    const { problem, routed } = await w.workflow.reportAndRoute(
      { enterpriseId: r.ent.a.id, description: '招工难', sourceKey: 'm2' },
      contactA(),
    );
    expect(routed).toBe(false);
    expect(problem.status).toBe('pending');
    const rows = await outbound(ds);
    expect(rows.map((m) => [m.channel, m.target, headline(m)])).toEqual([
      ['wecom_app', 'wx_cadreA', `新问题 ${problem.code} 未能自动分类，待交办。`],
    ]);
  });

  it('infers the category from keywords; a tie asks', async () => {
    expect((await w.workflow.infer('征地补偿没到位', null)).category?.id).toBe(r.cat.land.id);
    expect((await w.workflow.infer('规划许可和土地指标', null)).category).toBeNull();
  });
});

describe('notifications, once per event', () => {
  it('every step notifies its audience exactly once, however often it is replayed', async () => {
    const { problem } = await reportPlanning();
    const code = problem.code;
    const steps: [string, () => Promise<unknown>][] = [
      ['accept', () => w.workflow.step('accept', [code, planner()], { idempotencyKey: 'k-accept' })],
      [
        'extend',
        () =>
          w.workflow.step('requestExtension', [code, 3, '需现场踏勘', planner()], {
            idempotencyKey: 'k-ext',
          }),
      ],
      [
        'decide',
        () =>
          w.workflow.step('decideExtension', [code, true, actorOf(r.people.leaderCity)], {
            idempotencyKey: 'k-dec',
          }),
      ],
      ['urge', () => w.workflow.step('urge', [code, actorOf(r.people.cadreA)], { idempotencyKey: 'k-urge' })],
      [
        'answer',
        () => w.workflow.step('answer', [code, '已出具许可', planner()], { idempotencyKey: 'k-answer' }),
      ],
      [
        'redo',
        () =>
          w.workflow.step('rate', [code, 'unsatisfied', '没解决', contactA()], { idempotencyKey: 'k-redo' }),
      ],
      [
        'answer2',
        () => w.workflow.step('answer', [code, '已重新出具', planner()], { idempotencyKey: 'k-answer2' }),
      ],
      [
        'close',
        () => w.workflow.step('rate', [code, 'satisfied', '', contactA()], { idempotencyKey: 'k-close' }),
      ],
    ];
    for (const [, run] of steps) {
      await run();
      await run(); // a redelivered message
    }
    const rows = await outbound(ds);
    expect(rows.map((m) => [m.target, headline(m)])).toEqual([
      [r.groups.planning.id, `新交办问题 ${code}`],
      // The reporter hears of 受理 (issue 9: the reporter hears of 受理, 答复 and 销号).
      ['wx_contactA', `您反映的问题 ${code} 已受理。`],
      ['wx_leaderCity', `问题 ${code} 申请延期`],
      [r.groups.planning.id, `问题 ${code} 同意延期3个工作日，期限改为2026-12-02`],
      [r.groups.planning.id, `问题 ${code} 催办`],
      [r.groups.entA.id, `问题 ${code} 已答复`],
      [r.groups.planning.id, `问题 ${code} 需重新办理`],
      [r.groups.entA.id, `问题 ${code} 已答复`],
      ['wx_cadreA', `问题 ${code} 已销号（满意）。`],
    ]);
    const answer = rows[5].payload as { card: { buttons: { key: string }[] } };
    expect(answer.card.buttons.map((b) => b.key)).toEqual([
      `评价 ${code} 满意`,
      `评价 ${code} 基本满意`,
      `评价 ${code} 不满意`,
    ]);
    const ext = rows[2].payload as { card: { buttons: { key: string }[] } };
    expect(ext.card.buttons.map((b) => b.key)).toEqual([`同意延期 ${code}`, `不同意延期 ${code}`]);
    expect(new Set(rows.map((m) => m.idempotencyKey)).size).toBe(rows.length);
  });

  it('concurrent deliveries of one message notify once', async () => {
    const { problem } = await reportPlanning();
    await w.workflow.step('accept', [problem.code, planner()]);
    const runs = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        w.workflow.step('answer', [problem.code, '已办结', planner()], { idempotencyKey: 'race' }),
      ),
    );
    expect(runs.every((x) => x.status === 'fulfilled')).toBe(true);
    const answered = (await outbound(ds)).filter((m) => headline(m) === `问题 ${problem.code} 已答复`);
    expect(answered).toHaveLength(1);
  });

  it('a step that fails after writing its outbox rows sends nothing', async () => {
    const { problem } = await reportPlanning();
    const before = (await outbound(ds)).length;
    const failing = w.workflow.step('accept', [problem.code, planner()], {
      inTransaction: async () => {
        throw new Error('crash before commit');
      },
    });
    await expect(failing).rejects.toThrow('crash');
    await w.workflow.step('answer', [problem.code, 'x', planner()]).catch(() => null);
    expect((await outbound(ds)).length).toBe(before);
  });

  it('manual reassignment: the unit returns, the cadre is told, 转办 sends the card to the new unit', async () => {
    const { problem } = await reportPlanning();
    await w.workflow.step('returnProblem', [problem.code, planner()], {
      note: '分办错误',
      idempotencyKey: 'r1',
    });
    const moved = await w.workflow.step(
      'transfer',
      [problem.code, r.units.land.id, actorOf(r.people.cadreA)],
      {
        idempotencyKey: 't1',
      },
    );
    expect(moved.problem).toMatchObject({ status: 'assigned', leadUnitId: r.units.land.id });
    const rows = await outbound(ds);
    expect(rows.map((m) => [m.target, headline(m)])).toEqual([
      [r.groups.planning.id, `新交办问题 ${problem.code}`],
      ['wx_cadreA', `问题 ${problem.code} 被退回（回退：分办错误）。`],
      [r.groups.land.id, `新交办问题 ${problem.code}`],
    ]);
    expect((rows[2].payload as { mentions: { userIds: string[] } }).mentions.userIds).toEqual(['wx_lander']);
  });

  it('a co-handling unit gets the problem once; it may view but not act', async () => {
    const { problem } = await reportPlanning();
    const add = () =>
      w.workflow.addCoUnit(problem.code, r.units.land.id, actorOf(r.people.cadreA), {
        idempotencyKey: 'co1',
      });
    await add();
    await add();
    const rows = (await outbound(ds)).filter((m) => m.target === r.groups.land.id);
    expect(rows.map(headline)).toEqual([`协办问题 ${problem.code}`]);
    expect(await w.ledger.findByCode(problem.code, actorOf(r.people.lander))).not.toBeNull();
    await expect(w.workflow.step('accept', [problem.code, actorOf(r.people.lander)])).rejects.toThrow(
      '牵头单位',
    );
  });

  it('a unit without a bound group gets the card 1:1 through its handlers', async () => {
    const { problem } = await w.workflow.reportAndRoute(
      { enterpriseId: r.ent.a.id, description: '住建审批慢', sourceKey: 'm9' },
      contactA(),
    );
    await w.workflow.step('transfer', [problem.code, r.units.yantaHousing.id, actorOf(r.people.admin)]);
    const rows = await outbound(ds);
    expect(rows.at(-1)).toMatchObject({ channel: 'wecom_app', target: 'wx_housing' });
  });
});

describe('services (帮办/陪办/代办/绿色通道)', () => {
  it('an answer asks the cadre to deliver; delivery sends the rating card; then it closes', async () => {
    const { problem } = await w.workflow.reportAndRoute(
      {
        enterpriseId: r.ent.a.id,
        description: '请帮办施工许可',
        categoryId: r.cat.assist.id,
        sourceKey: 's1',
      },
      contactA(),
    );
    expect(problem).toMatchObject({ kind: 'assist', dueOn: '2026-11-25' });
    await w.workflow.step('accept', [problem.code, planner()]);
    await w.workflow.step('answer', [problem.code, '许可已办好', planner()]);
    await expect(w.workflow.step('rate', [problem.code, 'satisfied', '', contactA()])).rejects.toThrow(
      '尚未送达',
    );
    await w.workflow.step('deliver', [problem.code, actorOf(r.people.cadreA)], { idempotencyKey: 'd1' });
    await w.workflow.step('deliver', [problem.code, actorOf(r.people.cadreA)], { idempotencyKey: 'd1' });
    const closed = await w.workflow.step('rate', [problem.code, 'satisfied', '', contactA()]);
    expect(closed.problem.status).toBe('closed');
    const rows = await outbound(ds);
    expect(rows.map((m) => [m.target, headline(m)])).toEqual([
      [r.groups.planning.id, `新交办问题 ${problem.code}`],
      ['wx_contactA', `您反映的问题 ${problem.code} 已受理。`],
      ['wx_cadreA', `服务 ${problem.code} 已办结，待送达`],
      [r.groups.entA.id, `问题 ${problem.code} 已答复`],
      ['wx_cadreA', `问题 ${problem.code} 已销号（满意）。`],
    ]);
  });
});

describe('撤单质检', () => {
  it('samples deterministically by problem id', () => {
    const id = '0f6b1e0a-7c55-4f0e-9b8a-1d2c3e4f5a6b';
    expect(sampleShare(id)).toBe(sampleShare(id));
    expect(sampleShare(id)).toBeGreaterThanOrEqual(0);
    expect(sampleShare(id)).toBeLessThan(1);
    const ids = Array.from(
      { length: 2000 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const share = ids.filter((x) => sampleShare(x) < 0.2).length / ids.length;
    expect(share).toBeGreaterThan(0.17);
    expect(share).toBeLessThan(0.23);
  });

  it('rate 0 asks nobody; rate 1 asks the contact once, and 未解决 on a closed problem reopens it', async () => {
    await w.close();
    w = makeWorkflow(ds, 1);
    const { problem } = await reportPlanning();
    const code = problem.code;
    await w.workflow.step('accept', [code, planner()]);
    await w.workflow.step('answer', [code, '已出具许可', planner()]);
    await w.workflow.step('rate', [code, 'satisfied', '', contactA()], { idempotencyKey: 'close' });
    await w.workflow.step('rate', [code, 'satisfied', '', contactA()], { idempotencyKey: 'close' });
    const asked = (await outbound(ds)).filter((m) => headline(m) === `回访：问题 ${code}`);
    expect(asked.map((m) => m.target)).toEqual(['wx_contactA']);
    expect((asked[0].payload as { card: { description: string } }).card.description).toContain(
      '问题是否真正解决？',
    );
    expect(await ds.getRepository(QualityCheck).countBy({ problemId: problem.id })).toBe(1);

    expect(await w.workflow.answerQualityCheck(code, false, contactA(), { idempotencyKey: 'q1' })).toBe(
      'reopened',
    );
    expect(await w.workflow.answerQualityCheck(code, false, contactA(), { idempotencyKey: 'q1' })).toBe(
      'already',
    );
    const reopened = await ds.getRepository(Problem).findOneByOrFail({ code });
    expect(reopened).toMatchObject({ status: 'accepted', redoCount: 1 });
    const check = await ds.getRepository(QualityCheck).findOneByOrFail({ problemId: problem.id });
    expect(check).toMatchObject({ solved: false, answer: '未解决', checkedStatus: 'closed' });
    const redo = (await outbound(ds)).filter((m) => headline(m) === `问题 ${code} 需重新办理`);
    expect(redo.map((m) => m.target)).toEqual([r.groups.planning.id]);
  });

  it('未解决 on a withdrawn problem flags it and tells the admins; 已解决 just records', async () => {
    await w.close();
    w = makeWorkflow(ds, 1);
    const a = await reportPlanning('m-a');
    await w.workflow.step('withdraw', [a.problem.code, contactA()]);
    expect(await w.workflow.answerQualityCheck(a.problem.code, false, contactA())).toBe('flagged');
    expect(await ds.getRepository(Problem).findOneByOrFail({ id: a.problem.id })).toMatchObject({
      status: 'withdrawn',
      flagged: true,
    });
    const flagged = (await outbound(ds)).filter((m) => headline(m).startsWith('质检提示'));
    expect(flagged.map((m) => m.target)).toEqual(['wx_admin']);

    const b = await reportPlanning('m-b');
    await w.workflow.step('withdraw', [b.problem.code, contactA()]);
    expect(await w.workflow.answerQualityCheck(b.problem.code, true, contactA())).toBe('recorded');
    expect(await w.workflow.answerQualityCheck(b.problem.code, true, contactA())).toBe('already');
    await expect(w.workflow.answerQualityCheck(b.problem.code, true, planner())).rejects.toThrow(
      '只有该企业的联系人',
    );
  });
});
