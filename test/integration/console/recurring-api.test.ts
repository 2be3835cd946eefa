import type { DataSource } from 'typeorm';
import { buildSending } from '../../../src/app/sending';
import { buildProblemWorkflow } from '../../../src/commands/problems/install';
import { Person } from '../../../src/entities';
import { recurringBlock } from '../../../src/jobs/handlers/recurring-block';
import { RecurringService } from '../../../src/services/recurring/recurring.service';
import type { AppHarness } from '../../support/app-harness';
import { consoleCaller, startSeededApp, stopSeededApp } from './console-http-kit';

/** 一类事 end to end: found across firms, opened, assigned, settled through the ledger. */
let ds: DataSource;
let h: AppHarness;
const codes: string[] = [];
let unrelated = '';

const POWER = [
  ['秦创智能', '新厂房用电报装周期太长，申请两个月还没通电'],
  ['长安半导体', '用电报装手续繁琐，供电公司迟迟不来接电'],
  ['曲江文化传媒', '办理用电报装时间过长，希望压缩接电时限'],
  ['雁塔生物医药', '车间用电报装排队很久，设备无法调试'],
];

beforeAll(async () => {
  ({ ds, h } = await startSeededApp({ workers: false, env: { CONSOLE_DEMO_LOGIN: '1' } }));
  const workflow = buildProblemWorkflow(h.container, buildSending(h.container));
  const admin = await ds.getRepository(Person).findOneByOrFail({ mobile: '13929000001' });
  const actor = { personId: admin.id, roles: admin.roles, unitId: admin.unitId, enterpriseId: null };
  const [category] = await ds.query(`SELECT id FROM category WHERE name = '市政配套'`);
  const report = async (short: string, description: string) => {
    const [firm] = await ds.query(`SELECT id FROM enterprise WHERE short_name = $1 OR name = $1`, [short]);
    const { problem } = await workflow.reportAndRoute(
      { enterpriseId: firm.id, description, categoryId: category.id },
      actor,
    );
    return problem.code;
  };
  for (const [short, text] of POWER) codes.push(await report(short, text));
  unrelated = await report('朱雀金融服务', '厂区门口道路坑洼不平，货车进出经常陷车');
});
afterAll(() => stopSeededApp(h));

const session = (mobile: string) => consoleCaller(h, ds, mobile);

describe('一类事', () => {
  it('finds the trouble four firms reported, and the weekly digest names it', async () => {
    const clusters = await new RecurringService(ds).clusters(h.clock.now());
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({ firms: 4, category: '市政配套', leadUnit: '市住房和城乡建设局' });
    expect(clusters[0].problems.map((p) => p.code).sort()).toEqual([...codes].sort());
    expect(clusters[0].problems.map((p) => p.code)).not.toContain(unrelated);
    const block = recurringBlock(clusters, () => true).join('\n');
    expect(block).toContain('本月 4 家企业反映 ');
    expect(block).toContain('（市政配套，牵头 市住房和城乡建设局）');
    expect(recurringBlock(clusters, () => false)).toEqual([]);
  });

  it('a leader opens it, assigns it; the unit settles it through the ledger and each firm rates its own', async () => {
    const leader = await session('13929000003'); // 胡永刚, campaign office leader (city-wide)
    const list = await leader('/recurring');
    expect(list.status).toBe(200);
    const [cluster] = list.body.clusters as { title: string; problems: { code: string }[] }[];
    expect(cluster.problems).toHaveLength(4);

    expect((await leader('/recurring', { title: '用电报装周期长', codes: [codes[0]] })).body).toMatchObject({
      message: '至少选择两个问题',
    });
    const opened = await leader('/recurring', { title: '用电报装周期长', codes });
    expect(opened).toEqual({ status: 200, body: { ok: true, number: 1 } });
    expect((await leader('/recurring', { title: '重复', codes: [codes[0], unrelated] })).status).toBe(409);
    // Linked problems leave the clustering.
    expect((await leader('/recurring')).body.clusters).toEqual([]);

    expect((await leader('/recurring/1/settle', { answer: '统一答复' })).body).toMatchObject({
      message: '请先把一类事交办给单位',
    });
    const [unit] = await ds.query(`SELECT id FROM org_unit WHERE name = '市住房和城乡建设局'`);
    expect(await leader('/recurring/1/assign', { unitId: unit.id })).toEqual({
      status: 200,
      body: { ok: true },
    });
    // The unit is told, through its delivery plan, once.
    const told = await ds.query(`SELECT payload FROM outbound_message WHERE idempotency_key LIKE $1`, [
      `recurring-1-assign-${unit.id}%`,
    ]);
    expect(told.length).toBeGreaterThan(0);
    expect(JSON.stringify(told[0].payload)).toContain('一类事 1 已交办贵单位：用电报装周期长');
    expect(JSON.stringify(told[0].payload)).toContain('涉及 4 家企业、4 个问题');

    // A leader may not answer problems: the ledger refuses each, nothing changes.
    const refused = await leader('/recurring/1/settle', { answer: '已与供电公司建立联合报装机制' });
    expect(refused.body).toMatchObject({ ok: false, answered: [] });
    expect((refused.body.skipped as unknown[]).length).toBe(4);

    const handler = await session('13929000008'); // 沈鹏飞, 市住建局
    const mine = (await handler('/recurring')).body.issues as { number: number; status: string }[];
    expect(mine.map((i) => [i.number, i.status])).toEqual([[1, 'assigned']]);
    const settled = await handler('/recurring/1/settle', {
      answer: '已与供电公司建立联合报装机制，20个工作日内接电',
    });
    expect(settled.body).toMatchObject({ ok: true, skipped: [] });
    expect((settled.body.answered as string[]).sort()).toEqual([...codes].sort());

    const rows: { status: string; resolution: string }[] = await ds.query(
      `SELECT status, resolution FROM problem WHERE code = ANY($1::text[])`,
      [codes],
    );
    // Answered, not closed: each firm still confirms and rates its own.
    for (const r of rows) {
      expect(r.status).toBe('answered');
      expect(r.resolution).toBe('【一类事 1】已与供电公司建立联合报装机制，20个工作日内接电');
    }
    const events: { action: string }[] = await ds.query(
      `SELECT ev.action FROM problem_event ev JOIN problem p ON p.id = ev.problem_id
       WHERE p.code = $1 ORDER BY ev.at, ev.id`,
      [codes[0]],
    );
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['accept', 'answer']));
    const [issue] = await ds.query(`SELECT status, answer FROM recurring_issue WHERE number = 1`);
    expect(issue.status).toBe('settled');
    expect((await handler('/recurring/1/settle', { answer: '再答一次' })).status).toBe(409);
  });

  it('refuses cadres, bad numbers and the admin token', async () => {
    const cadre = await session('13929000021');
    expect((await cadre('/recurring')).status).toBe(403);
    const leader = await session('13929000003');
    expect((await leader('/recurring/abc/assign', { unitId: 'x' })).status).toBe(400);
    const token = await fetch(`${h.base}/api/console/recurring`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.config.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '用电', codes }),
    });
    expect(token.status).toBe(403);
  });
});
