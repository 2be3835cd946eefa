import type { DataSource } from 'typeorm';
import { buildSending } from '../../../src/app/sending';
import { buildProblemWorkflow } from '../../../src/commands/problems/install';
import { Person, Problem } from '../../../src/entities';
import type { AppHarness } from '../../support/app-harness';
import { consoleCaller, startSeededApp, stopSeededApp } from './console-http-kit';

/** 慢作为/不作为 over the console API: scoped lists, explanations, and the next month's list. */
let ds: DataSource;
let h: AppHarness;

// The demo roster's pairs start on 2026-10-01 and it has no visits: every pair short in October and November.
beforeAll(
  async () => ({ ds, h } = await startSeededApp({ workers: false, env: { CONSOLE_DEMO_LOGIN: '1' } })),
);
afterAll(() => stopSeededApp(h));

const session = async (mobile: string) => ({ call: await consoleCaller(h, ds, mobile) });

interface Line {
  rule: string;
  subject: { kind: string; id: string; name: string; unitName: string | null };
  facts: string[];
  explanation: { note: string; by: string } | null;
}

describe('慢作为/不作为 in the console', () => {
  it('a leader sees the lines under them, explains one; it stays on record and leaves the next list', async () => {
    const leader = await session('13929000004'); // 梁卫东, 雁塔区
    const nov = await leader.call('/accountability?month=2026-11');
    expect(nov.status).toBe(200);
    const lines = nov.body.lines as Line[];
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines)
      expect(l).toMatchObject({ rule: 'missed_contacts', subject: { unitName: '雁塔区' } });
    expect(lines[0].facts[0]).toMatch(/^10月一月两见 \d+\/\d+ 家未达标/);
    const target = lines[0];

    const body = { month: '2026-11', kind: 'cadre', id: target.subject.id, rule: 'missed_contacts' };
    expect((await leader.call('/accountability/explain', { ...body, note: '' })).body).toMatchObject({
      message: '请填写说明（至少两个字）',
    });
    const ok = await leader.call('/accountability/explain', {
      ...body,
      note: '该干部10月起病休，已安排他人走访',
    });
    expect(ok).toEqual({ status: 200, body: { ok: true } });
    expect((await leader.call('/accountability/explain', { ...body, note: '重复' })).status).toBe(409);

    // The record keeps the line with its explanation.
    const again = (await leader.call('/accountability?month=2026-11')).body.lines as Line[];
    expect(again.find((l) => l.subject.id === target.subject.id)?.explanation).toMatchObject({
      note: '该干部10月起病休，已安排他人走访',
      by: '梁卫东',
    });
    const [stored] = await ds.query(`SELECT facts, period FROM accountability_explanation`);
    expect(stored).toEqual({ facts: target.facts, period: '2026-11' });

    // December: still short in November and December, but explained last month — off the list.
    h.clock.set('2027-01-04T02:00:00Z');
    const dec = (await leader.call('/accountability?month=2026-12')).body;
    expect((dec.lines as Line[]).map((l) => l.subject.id)).not.toContain(target.subject.id);
    expect((dec.excused as Line[]).map((l) => l.subject.id)).toEqual([target.subject.id]);
    expect((dec.lines as Line[]).length).toBe(lines.length - 1);
    h.clock.set('2026-11-23T02:00:00Z');
  });

  it('refuses lines outside the leader’s scope, and cadres altogether', async () => {
    const admin = await session('13929000001');
    const all = (await admin.call('/accountability?month=2026-11')).body.lines as Line[];
    const elsewhere = all.find((l) => l.subject.unitName !== '雁塔区')!;
    const leader = await session('13929000004');
    const r = await leader.call('/accountability/explain', {
      month: '2026-11',
      kind: 'cadre',
      id: elsewhere.subject.id,
      rule: 'missed_contacts',
      note: '不是我管的',
    });
    expect(r.status).toBe(404);
    const cadre = await session('13929000021');
    expect((await cadre.call('/accountability?month=2026-11')).status).toBe(403);
    expect((await leader.call('/accountability?month=2026-13')).status).toBe(400);
  });

  it('lists a unit with a problem overdue beyond 5 working days, and drops it once answered', async () => {
    const workflow = buildProblemWorkflow(h.container, buildSending(h.container));
    const admin = await ds.getRepository(Person).findOneByOrFail({ mobile: '13929000001' });
    const actor = { personId: admin.id, roles: admin.roles, unitId: admin.unitId, enterpriseId: null };
    const [firm] = await ds.query(`SELECT id FROM enterprise WHERE short_name = '秦创智能'`);
    const [category] = await ds.query(`SELECT id FROM category WHERE name = '市政配套'`);
    const { problem } = await workflow.reportAndRoute(
      { enterpriseId: firm.id, description: '厂区道路破损严重', categoryId: category.id },
      actor,
    );
    await ds.getRepository(Problem).update({ id: problem.id }, { dueOn: '2026-11-02' });
    const office = await session('13929000001');
    const overdueLines = async () =>
      ((await office.call('/accountability?month=2026-11')).body.lines as Line[]).filter(
        (l) => l.rule === 'overdue',
      );
    const [line] = await overdueLines();
    expect(line.subject).toMatchObject({ kind: 'unit', name: '市住房和城乡建设局' });
    // 11-03 … 11-23: 15 working days after the deadline, as of today (the month is still running).
    expect(line.facts[1]).toBe(
      `${problem.code} 西安秦创智能装备有限公司，限11月2日（周一）办结，已超 15 个工作日`,
    );

    const handler = await ds.getRepository(Person).findOneByOrFail({ mobile: '13929000008' });
    const hActor = { personId: handler.id, roles: handler.roles, unitId: handler.unitId, enterpriseId: null };
    await workflow.step('accept', [problem.code, hActor]);
    await workflow.step('answer', [problem.code, '已安排修复', hActor]);
    expect(await overdueLines()).toEqual([]);
  });
});
