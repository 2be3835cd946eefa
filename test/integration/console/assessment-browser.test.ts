import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { buildSending } from '../../../src/app/sending';
import { buildProblemWorkflow } from '../../../src/commands/problems/install';
import { Person } from '../../../src/entities';
import { type AppHarness, HARNESS_ADMIN_TOKEN, startAppHarness } from '../../support/app-harness';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { seedRoster } from '../visits/visit-fixtures';
import {
  apiFrom,
  ensureConsoleBuilt,
  freshPage,
  hasChromium,
  launch,
  openFromMenu,
  shot,
} from './console-browser-kit';

const GROUP_KEYS = [
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `demo-ent-${n}`),
  'demo-unit-zrzy',
  'demo-unit-zjj',
  'demo-unit-spj',
];
const FIRMS = ['秦创智能', '长安半导体', '曲江文化传媒', '雁塔生物医药', '朱雀金融服务'];

if (!hasChromium) console.warn('assessment browser tests SKIPPED: /usr/bin/chromium is missing');
const suite = hasChromium ? describe : describe.skip;
jest.setTimeout(60_000);

let ds: DataSource;
let h: AppHarness;
let browser: Browser;

interface Row {
  rank: number | null;
  name: string;
  group: string | null;
  score: number | null;
  figures: Record<string, number>;
}

suite('考核 page in a real browser', () => {
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
    h = await startAppHarness({ wecom: { webhookKeys: GROUP_KEYS } });
    const workflow = buildProblemWorkflow(h.container, buildSending(h.container));
    const admin = await ds.getRepository(Person).findOneByOrFail({ mobile: '13929000001' });
    const actor = { personId: admin.id, roles: admin.roles, unitId: admin.unitId, enterpriseId: null };
    for (const [i, short] of FIRMS.entries()) {
      const [firm] = await ds.query(`SELECT id FROM enterprise WHERE short_name = $1 OR name = $1`, [short]);
      const description = i % 2 ? '施工许可办理慢' : '厂房规划许可迟迟未批';
      const inferred = await workflow.infer(description, null);
      await workflow.reportAndRoute(
        { enterpriseId: firm.id, description, categoryId: inferred.category?.id ?? null },
        actor,
      );
    }
    // November visits: every pair met 一月两见 on the 5th and 12th.
    await ds.query(
      `INSERT INTO visit (cadre_id, enterprise_id, pairing_id, visited_on, method, summary)
       SELECT pa.cadre_id, pa.enterprise_id, pa.id, d::date, 'onsite', '了解企业生产经营情况'
       FROM pairing pa CROSS JOIN (VALUES ('2026-11-05'), ('2026-11-12')) v(d)`,
    );
    await built;
    await launched;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await closeTestDataSource();
  });

  async function wecomLogin(userId: string): Promise<Page> {
    const page = await freshPage(browser);
    h.fake.oauthUser = userId;
    await page.goto(`${h.base}/console/login`);
    await page.getByText('企业微信登录').click();
    await page.waitForURL(/\/console\/problems(#.*)?$/);
    return page;
  }

  it('the campaign office sees every level ranked with its inputs, and exports the same table', async () => {
    const page = await freshPage(browser);
    await page.goto(`${h.base}/console/login`);
    await page.getByText('亲商助企办：管理口令登录').click();
    await page.locator('input[name=token]').fill(HARNESS_ADMIN_TOKEN);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(/\/console\/problems(#.*)?$/);
    await page.getByRole('menuitem', { name: '考核' }).click();
    await page.waitForURL(/\/console\/assessment$/);
    await page.locator('.assessment-table .el-table__row').first().waitFor();
    await page.getByText('一月两见达标率（30）').first().waitFor();
    await shot(page, 'assessment');

    const r = await apiFrom(page, '/api/console/assessment?period=2026H2');
    expect(r.status).toBe(200);
    const body = r.body as unknown as { levels: Record<string, Row[]>; period: { label: string } };
    expect(body.period.label).toBe('2026年下半年');
    const cadres = body.levels.cadre;
    expect(cadres.length).toBeGreaterThan(0);
    // Every pair met 一月两见 in November and in no other month of the half-year.
    const nov = await apiFrom(page, '/api/console/assessment?period=2026-11');
    const novCadres = (nov.body as unknown as { levels: Record<string, (Row & { id: string })[]> }).levels
      .cadre;
    for (const c of novCadres) expect(c.figures.pairMonthsMet).toBe(c.figures.pairMonths);
    for (const c of cadres as (Row & { id: string })[]) {
      const inNov = novCadres.find((n) => n.id === c.id)?.figures.pairMonths ?? 0;
      expect(c.figures.pairMonthsMet).toBe(inNov);
      expect(c.figures.pairMonths).toBeGreaterThanOrEqual(inNov);
    }
    const scores = cadres.map((c) => c.score ?? -1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(body.levels.unit.length).toBeGreaterThan(0);
    expect(body.levels.district.map((d) => d.name)).toEqual(expect.arrayContaining(['雁塔区']));

    await page.getByRole('tab', { name: '办理单位' }).click();
    await page.getByText('按时办结率（25）').first().waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByText('导出Excel').click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['干部', '办理单位', '区县', '计分说明']);
    const ws = wb.getWorksheet('干部')!;
    expect(String(ws.getCell('A1').value)).toContain('2026年下半年干部考核得分');
    expect(ws.getRow(2).values).toEqual(expect.arrayContaining(['排名', '干部', '得分']));
    expect(ws.rowCount).toBe(2 + cadres.length);
    expect(ws.getCell('B3').value).toBe(cadres[0].name);

    expect((await apiFrom(page, '/api/console/assessment?period=2026Q3')).status).toBe(400);
  });

  it('a district leader sees only what is under 雁塔区; a cadre may not open the page', async () => {
    const leader = await wecomLogin('liangweidong');
    const r = await apiFrom(leader, '/api/console/assessment?period=2026-11');
    expect(r.status).toBe(200);
    const body = r.body as unknown as { levels: Record<string, Row[]> };
    expect(body.levels.district.map((d) => d.name)).toEqual(['雁塔区']);

    const cadre = await wecomLogin('yuhaoran');
    expect((await apiFrom(cadre, '/api/console/assessment')).status).toBe(403);
  });

  it('a leader finds a 一类事 across firms on the page and opens it; the 慢作为 list shows its month', async () => {
    const page = await wecomLogin('huyonggang'); // campaign office leader: the whole city
    await openFromMenu(page, 'assessment');
    await page.getByRole('tab', { name: '一类事' }).click();
    const row = page.locator('.cluster-table .el-table__row').first();
    await row.waitFor();
    expect(await row.innerText()).toContain('3');
    await row.getByRole('button', { name: '发起一类事' }).click();
    await page.getByRole('button', { name: '确定' }).click();
    await page.locator('.issue-table .el-table__row', { hasText: '待交办' }).waitFor();
    await shot(page, 'recurring');
    const [issue] = await ds.query(
      `SELECT number, title, (SELECT count(*)::int FROM recurring_issue_problem) AS n FROM recurring_issue`,
    );
    expect(issue).toMatchObject({ number: 1, n: 3 });
    expect(issue.title).toContain('规划许可');

    await page.getByRole('tab', { name: '慢作为/不作为' }).click();
    await page.locator('.accountability-table').waitFor();
  });
});
