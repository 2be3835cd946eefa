import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { buildSending } from '../../../src/app/sending';
import { buildProblemWorkflow } from '../../../src/commands/problems/install';
import { Person, Problem } from '../../../src/entities';
import { type AppHarness, HARNESS_ADMIN_TOKEN, startAppHarness } from '../../support/app-harness';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { FakeDingtalk } from '../../fakes/fake-dingtalk';
import { seedRoster } from '../visits/visit-fixtures';
import {
  apiFrom,
  ensureConsoleBuilt,
  hasChromium,
  freshPage,
  launch,
  openFromMenu,
  settled,
  shot,
} from './console-browser-kit';
import { badEdit, goodEdit, workbookOf } from './roster-workbook';
import { setAccount } from '../../support/accounts';

/** The demo roster's group robots, so the fake accepts the notifications' pushes. */
const GROUP_KEYS = [
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `demo-ent-${n}`),
  'demo-unit-zrzy',
  'demo-unit-zjj',
  'demo-unit-spj',
];
const DESCRIPTIONS = [
  '厂房规划许可迟迟未批',
  '施工许可办理慢',
  '配套学校学位不足',
  '渣土运输占道被罚',
  '用地指标尚未落实',
];
const FIRMS = [
  '秦创智能',
  '长安半导体',
  '曲江文化传媒',
  '丝路国际',
  '雁塔生物医药',
  '大雁软件',
  '古城新能源',
  '终南光电',
  '朱雀金融服务',
];

if (!hasChromium) {
  console.warn('console browser tests SKIPPED: /usr/bin/chromium is missing (apt-get install -y chromium)');
}
const suite = hasChromium ? describe : describe.skip;
jest.setTimeout(60_000);

let ds: DataSource;
let h: AppHarness;
let dingtalk: FakeDingtalk;
let browser: Browser;
/** Problem codes by firm short name. */
const codes = new Map<string, string[]>();

suite('web console in a real browser', () => {
  beforeAll(async () => {
    // The pages are built (when their sources changed) and Chromium starts while the database and the
    // app are set up (afterAll closes the browser even if they fail).
    const built = ensureConsoleBuilt();
    built.catch(() => undefined);
    const launched = launch().then((b) => (browser = b));
    launched.catch(() => undefined);
    ds = await testDataSource();
    await truncateAll(ds);
    await seedRoster(ds);
    // The enterprise contact of 长安半导体 signs in from DingTalk.
    await setAccount(ds, { mobile: '13929000052' }, 'dingtalk', 'dt-wanglixin');
    dingtalk = await new FakeDingtalk({ appKey: 'dingconsole', appSecret: 'console-secret' }).start();
    h = await startAppHarness({
      wecom: { webhookKeys: GROUP_KEYS },
      env: {
        CONSOLE_DEMO_LOGIN: '1',
        DINGTALK_APP_KEY: 'dingconsole',
        DINGTALK_APP_SECRET: 'console-secret',
        DINGTALK_API_BASE: dingtalk.url,
        DINGTALK_OAPI_BASE: dingtalk.url,
        DINGTALK_CORP_ID: 'dingcorpconsole',
      },
    });
    const workflow = buildProblemWorkflow(h.container, buildSending(h.container));
    const admin = await ds.getRepository(Person).findOneByOrFail({ mobile: '13929000001' });
    const actor = { personId: admin.id, roles: admin.roles, unitId: admin.unitId, enterpriseId: null };
    for (let i = 0; i < 27; i++) {
      const short = FIRMS[i % FIRMS.length];
      const [firm] = await ds.query(`SELECT id FROM enterprise WHERE short_name = $1 OR name = $1`, [short]);
      const description = `${DESCRIPTIONS[i % DESCRIPTIONS.length]}（第${i + 1}件）`;
      const inferred = await workflow.infer(description, null);
      const { problem } = await workflow.reportAndRoute(
        { enterpriseId: firm.id, description, categoryId: inferred.category?.id ?? null },
        actor,
      );
      codes.set(short, [...(codes.get(short) ?? []), problem.code]);
    }
    // One long overdue problem, so "overdue first" has something to put on top.
    const overdue = codes.get('终南光电')![0];
    await ds.getRepository(Problem).update({ code: overdue }, { dueOn: '2026-11-02' });
    // Visits on three days of November by each pair's cadre: some pairs meet 一月两见, most do not.
    await ds.query(
      `INSERT INTO visit (cadre_id, enterprise_id, pairing_id, visited_on, method, summary)
       SELECT pa.cadre_id, pa.enterprise_id, pa.id, d::date, m, '了解企业生产经营情况，听取诉求'
       FROM (SELECT *, row_number() OVER (ORDER BY id) AS n FROM pairing) pa
       CROSS JOIN LATERAL (VALUES ('2026-11-05', 'onsite'), ('2026-11-12', 'phone'), ('2026-11-19', 'video')) v(d, m)
       WHERE pa.n % 3 = 0 OR (pa.n % 3 = 1 AND v.d = '2026-11-05')`,
    );
    await built;
    await launched;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await dingtalk?.close();
    await closeTestDataSource();
  });

  /** Signs in through the fake WeCom OAuth as `userId` and lands on the ledger. */
  async function wecomLogin(userId: string, phone = false): Promise<Page> {
    const page = await freshPage(browser, phone);
    h.fake.oauthUser = userId;
    await page.goto(`${h.base}/console/login`);
    await page.getByText('企业微信登录').click();
    await page.waitForURL(/\/console\/problems(#.*)?$/);
    await settled(page);
    return page;
  }

  const allProblems = async (page: Page) => {
    const r = await apiFrom(page, '/api/console/problems?pageSize=200');
    expect(r.status).toBe(200);
    return r.body.items as { code: string; enterprise: string; district: string; leadUnit: string | null }[];
  };

  it('a leader signs in through WeCom OAuth and sees only 雁塔区 (firms there or units under it)', async () => {
    const page = await wecomLogin('liangweidong');
    await shot(page, 'problems');
    const items = await allProblems(page);
    expect(items.length).toBeGreaterThan(0);
    for (const p of items) expect(p.district).toBe('雁塔区');
    const yanta = (await ds.query(
      `SELECT count(*)::int AS n FROM problem p JOIN enterprise e ON e.id = p.enterprise_id
       JOIN org_unit d ON d.id = e.district_id WHERE d.name = '雁塔区'`,
    )) as { n: number }[];
    expect(items).toHaveLength(yanta[0].n);
    // The contract's city-wide routes are the campaign office's only.
    expect((await apiFrom(page, '/api/problems')).status).toBe(403);
  });

  it('a leader on a phone reads the visit list as cards, with no sideways scroll', async () => {
    const page = await wecomLogin('liangweidong', true);
    await page.goto(`${h.base}/console/visits`);
    await page.locator('[data-test=visit-cards] .item-card').first().waitFor();
    await shot(page, 'visits-phone');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const first = await page.locator('[data-test=visit-cards] .item-card').first().innerText();
    expect(first).toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(first).toMatch(/已确认|未确认/);
  });

  it("a digest's link to 统计 keeps its dates through the WeCom sign-in, and the page asks for that window", async () => {
    const page = await freshPage(browser);
    h.fake.oauthUser = 'liangweidong';
    await page.goto(`${h.base}/console/stats?from=2026-10-01&to=2026-10-31`);
    await page.waitForURL(/\/console\/login\?next=/);
    const asked = page.waitForRequest((r) => r.url().includes('/api/console/stats?'));
    await page.getByText('企业微信登录').click();
    const window = new URL((await asked).url()).searchParams;
    expect([window.get('from'), window.get('to')]).toEqual(['2026-10-01', '2026-10-31']);
    await page.waitForURL(/\/console\/stats\?from=2026-10-01&to=2026-10-31/);
    const range = page.locator('.el-range-input');
    expect([await range.nth(0).inputValue(), await range.nth(1).inputValue()]).toEqual([
      '2026-10-01',
      '2026-10-31',
    ]);
    // Signed in already: the link opens its window (and trend) at once.
    const again = page.waitForRequest((r) => r.url().includes('/api/console/stats?'));
    await page.goto(`${h.base}/console/stats?from=2026-11-01&to=2026-11-30&by=month`);
    const monthly = new URL((await again).url()).searchParams;
    expect([monthly.get('from'), monthly.get('to'), monthly.get('by')]).toEqual([
      '2026-11-01',
      '2026-11-30',
      'month',
    ]);
    // 一月两见's rest-of-list link from chat names its month; the page opens on it.
    const compliance = page.waitForRequest((r) => r.url().includes('/api/console/compliance?'));
    await page.goto(`${h.base}/console/compliance?month=2026-10`);
    expect(new URL((await compliance).url()).searchParams.get('month')).toBe('2026-10');
  });

  it("a cadre sees the firms paired with them only; another firm's problem is refused", async () => {
    const page = await wecomLogin('yuhaoran');
    const items = await allProblems(page);
    expect(items.map((p) => p.code).sort()).toEqual([...(codes.get('朱雀金融服务') ?? [])].sort());
    const elsewhere = codes.get('长安半导体')![0];
    const r = await apiFrom(page, `/api/console/problems/${elsewhere}`);
    expect(r.status).toBe(404);
    const act = await apiFrom(page, `/api/console/problems/${elsewhere}/actions`, {
      method: 'POST',
      body: { action: 'urge' },
      csrf: true,
    });
    expect(act.status).toBe(403);
    expect(act.body.message).toBe('该问题不在您的职责范围内，您不能催办。');
  });

  it('an enterprise contact signs in from DingTalk (H5 authCode) and sees their firm only', async () => {
    // A tab of its own: the init script stays with the tab it is added to.
    const page = await freshPage(browser, true, { newTab: true });
    const code = dingtalk.issueAuthCode('dt-wanglixin');
    // DingTalk's container provides the JSAPI; the fake's stands in for it (in this page only).
    await page.addInitScript({
      content: `window.dd = { runtime: { permission: { requestAuthCode: (o) => o.onSuccess({ code: ${JSON.stringify(code)} }) } } };`,
    });
    await page.goto(`${h.base}/console/login`);
    await page.waitForURL(/\/console\/problems(#.*)?$/);
    // On a phone the ledger is a list of cards with its filters folded away: nothing scrolls sideways.
    await page.locator('[data-test=problem-cards] .item-card').first().waitFor();
    await shot(page, 'problems-phone');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await expect(page.getByText('牵头单位', { exact: true }).isVisible()).resolves.toBe(false);
    await page.locator('[data-test=filter-toggle]').click();
    await page.getByText('牵头单位', { exact: true }).waitFor();
    await page.locator('[data-test=filter-toggle]').click();
    const items = await allProblems(page);
    expect(items.map((p) => p.code).sort()).toEqual([...codes.get('长安半导体')!].sort());
    expect((await apiFrom(page, '/api/console/stats')).status).toBe(403);
    expect((await apiFrom(page, '/api/console/roster/people')).status).toBe(403);
    // A used authCode is refused by the platform: signing in again with it fails.
    const again = await apiFrom(page, '/console/auth/dingtalk', { method: 'POST', body: { authCode: code } });
    expect(again.status).toBe(401);
  });

  it("a unit handler sees the problems their unit leads, accepts and answers one in the console, and the firm's group hears it", async () => {
    const page = await wecomLogin('yesiyuan');
    const items = await allProblems(page);
    expect(items.length).toBeGreaterThan(0);
    for (const p of items) expect(p.leadUnit).toBe('市自然资源和规划局');
    const target = items.find((p) => p.enterprise.includes('秦创智能'))!;
    await page.goto(`${h.base}/console/problems/${target.code}`);
    await page.getByRole('button', { name: '受理' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await page.getByText('已受理').first().waitFor();
    await page.getByRole('button', { name: '答复' }).click();
    await page.getByRole('dialog').locator('textarea').fill('已完成规划许可审批，请企业查收。');
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await page.locator('.el-timeline-item', { hasText: '答复' }).waitFor();
    await shot(page, 'problem');
    const timeline = await page.locator('.el-timeline-item').allInnerTexts();
    expect(timeline.join('\n')).toMatch(/上报[\s\S]*交办[\s\S]*受理[\s\S]*答复/);
    // The same notification chat sends: the answer card in the enterprise's group.
    const card = await h.waitForSent(
      (r) =>
        r.api === 'webhook/send' && r.to === 'demo-ent-1' && JSON.stringify(r.body).includes(target.code),
    );
    expect(JSON.stringify(card.body)).toContain('已完成规划许可审批');
    // A state-changing call without the CSRF token is refused.
    const forged = await apiFrom(page, `/api/console/problems/${target.code}/actions`, {
      method: 'POST',
      body: { action: 'urge' },
    });
    expect(forged.status).toBe(403);
    expect(forged.body.error).toBe('csrf');
  });

  it('the campaign office signs in with the token form, filters, pages, exports and opens every page', async () => {
    const page = await freshPage(browser);
    await page.goto(`${h.base}/console/login`);
    await shot(page, 'login');
    await page.getByText('亲商助企办：管理口令登录').click();
    await page.locator('input[name=token]').fill(HARNESS_ADMIN_TOKEN);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(/\/console\/problems(#.*)?$/);
    await page.locator('.el-table__row').first().waitFor();
    await page.locator('.el-pagination__total', { hasText: '共 27 条' }).waitFor();
    // Overdue first.
    const first = await page.locator('.el-table__row').first().innerText();
    expect(first).toContain(codes.get('终南光电')![0]);
    // Paging: page 2 holds the other 7.
    await page.locator('.el-pager li', { hasText: '2' }).click();
    await page.locator('.el-pager li.is-active', { hasText: '2' }).waitFor();
    await settled(page);
    expect(await page.locator('.el-table__body .el-table__row').count()).toBe(7);
    // Text filter.
    await page.locator('input[name=q]').fill('施工许可');
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('.el-pagination__total', { hasText: '共 6 条' }).waitFor();
    // Export exactly as filtered, read back with exceljs.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByText('导出Excel').click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A1').value)).toContain('关键词“施工许可”');
    expect(ws.getRow(2).values).toEqual(expect.arrayContaining(['编号', '预警', '状态', '企业', '办理时限']));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.rowCount).toBe(2 + 6);
    expect(ws.getCell('J3').value).toBeInstanceOf(Date);
    expect(ws.getColumn(9).width).toBe(48);

    for (const name of ['visits', 'compliance', 'stats', 'roster']) {
      await openFromMenu(page, name);
      await page.locator('.card').first().waitFor();
      if (name === 'stats' || name === 'compliance') await page.locator('canvas').first().waitFor();
      await shot(page, name);
    }
  });

  it('the demo page lists the roster and signs in as the person picked', async () => {
    const page = await freshPage(browser);
    await page.goto(`${h.base}/console/login`);
    await page.getByPlaceholder('按姓名、单位或角色筛选').fill('姚建国');
    await page.getByRole('button', { name: '进入' }).click();
    await page.waitForURL(/\/console\/problems(#.*)?$/);
    const items = await allProblems(page);
    expect(items.map((p) => p.code).sort()).toEqual([...codes.get('秦创智能')!].sort());
  });

  it('an admin uploads a roster with errors, then a good one, previews, applies, and puts a person on leave', async () => {
    const page = await freshPage(browser);
    await demoLogin(page, '黄立新');
    await openFromMenu(page, 'roster');
    const file = (name: string, buffer: Buffer) => ({
      name,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
    await page
      .locator('[data-test=roster-file]')
      .setInputFiles(file('名册-有错.xlsx', await workbookOf(badEdit())));
    await page.locator('[data-test=roster-errors] .el-table__row').first().waitFor();
    const errors = await page.locator('[data-test=roster-errors]').innerText();
    expect(errors).toContain('人员 第58行 手机');
    expect(errors).toContain('包联 第62行 企业');
    await page.getByText(/名册有 \d+ 处错误，未写入任何数据/).waitFor();
    await shot(page, 'roster-upload-errors');

    await page
      .locator('[data-test=roster-file]')
      .setInputFiles(file('名册.xlsx', await workbookOf(goodEdit())));
    await page.locator('[data-test=roster-preview]').waitFor();
    const preview = await page.locator('[data-test=roster-preview]').innerText();
    expect(preview).toContain('预览：以下变化尚未写入');
    await shot(page, 'roster-upload-preview');
    expect(await ds.getRepository(Person).countBy({ name: '于浩然（新）' })).toBe(0);
    await page.locator('[data-test=roster-apply]').click();
    await page.getByText('名册已导入', { exact: true }).first().waitFor();
    expect(await ds.getRepository(Person).countBy({ name: '于浩然（新）' })).toBe(1);

    await page.getByRole('tab', { name: '人员' }).click();
    await page.getByPlaceholder('筛选').fill('于浩然');
    await page.locator('[data-test=status-away]').first().click();
    await page.getByRole('button', { name: /确定|OK/ }).click();
    await page.getByText('已设为离岗').waitFor();
    const yu = await ds.getRepository(Person).findOneByOrFail({ mobile: '13929000021' });
    expect(yu.leaveFrom).not.toBeNull();
    await shot(page, 'roster-people');

    // The monthly 工作台账 from the ledger page, read back.
    await openFromMenu(page, 'problems');
    await page.locator('.el-table__row').first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-test=monthly]').click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(['问题台账', '走访台账', '一月两见', '三率']),
    );

    // 送政策: a policy's PDF attachment, uploaded from the 政策与现场办公 page.
    const [unit] = await ds.query(`SELECT id FROM org_unit WHERE kind = 'handling' ORDER BY name LIMIT 1`);
    const admin = await ds.getRepository(Person).findOneByOrFail({ mobile: '13929000002' });
    const [policy] = await ds.query(
      `INSERT INTO policy (title, issuer, contact_unit_id, created_by_id) VALUES ('稳岗补贴', '市人社局', $1, $2) RETURNING number`,
      [unit.id, admin.id],
    );
    await openFromMenu(page, 'outreach');
    await page.locator('input[name=policy]').fill(String(policy.number));
    await page.locator('[data-test=policy-file]').setInputFiles({
      name: '稳岗补贴申报指南.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await page.getByText('已上传 稳岗补贴申报指南.pdf').waitFor();
    const [stored] = await ds.query(`SELECT file_ref FROM policy WHERE number = $1`, [policy.number]);
    expect(stored.file_ref).toMatch(/\/console\/files\/.+sig=/);
    await shot(page, 'outreach');

    const small = await freshPage(browser, true);
    await demoLogin(small, '黄立新');
    await small.goto(`${h.base}/console/roster`);
    await small.locator('.card').first().waitFor();
    await shot(small, 'roster-phone');
  });

  /** Signs in through the demo page as the person with this name. */
  async function demoLogin(page: Page, name: string): Promise<void> {
    await page.goto(`${h.base}/console/login`);
    await page.getByPlaceholder('按姓名、单位或角色筛选').fill(name);
    await page.getByRole('button', { name: '进入' }).click();
    await page.waitForURL(/\/console\/problems(#.*)?$/);
  }
});
