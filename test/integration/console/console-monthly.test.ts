import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { Person } from '../../../src/entities';
import { monthWindow } from '../../../src/lib/time';
import { type AppHarness, HARNESS_ADMIN_TOKEN } from '../../support/app-harness';
import { demoHeaders, startSeededApp, stopSeededApp } from './console-http-kit';

/** The monthly 工作台账 workbook: its sheets, headers and rows, scoped like the pages. */
let ds: DataSource;
let h: AppHarness;
/** The harness's clock reads 2026-11-23: the current month, its 三率 up to today. */
const month = '2026-11';
const { start } = monthWindow(month);

beforeAll(async () => {
  ({ ds, h } = await startSeededApp({ workers: false, env: { CONSOLE_DEMO_LOGIN: '1' } }));
  const tian = await ds.getRepository(Person).findOneByOrFail({ mobile: '13929000020' });
  const [land] = await ds.query(`SELECT id, lead_unit_id FROM category ORDER BY name LIMIT 1`);
  const [other] = await ds.query(`SELECT id, lead_unit_id FROM category ORDER BY name DESC LIMIT 1`);
  const [qc] = await ds.query(`SELECT id FROM enterprise WHERE short_name = '秦创智能'`);
  const [zq] = await ds.query(`SELECT id FROM enterprise WHERE short_name = '朱雀金融服务'`);
  const before = new Date(start.getTime() - 40 * 86_400_000);
  const rows: [string, string, string, string, Date, Date | null, { id: string; lead_unit_id: string }][] = [
    ['W20260101-0001', '本月受理的问题', 'assigned', qc.id, new Date(start.getTime() + 3600_000), null, land],
    ['W20260101-0002', '上月受理仍未办结', 'accepted', qc.id, before, null, other],
    ['W20260101-0003', '上月已销号', 'closed', zq.id, before, new Date(before.getTime() + 86_400_000), land],
  ];
  for (const [code, description, status, firm, createdAt, closedAt, cat] of rows) {
    await ds.query(
      `INSERT INTO problem (code, kind, description, status, enterprise_id, cadre_id, reporter_id, category_id,
         lead_unit_id, due_on, created_at, updated_at, closed_at)
       VALUES ($1, 'problem', $2, $3, $4, $5, $5, $6, $7, $8::date, $9, $9, $10)`,
      [code, description, status, firm, tian.id, cat.id, cat.lead_unit_id, '2026-12-31', createdAt, closedAt],
    );
  }
  await ds.query(
    `INSERT INTO visit (cadre_id, enterprise_id, visited_on, method, summary) VALUES ($1, $2, $3::date, 'onsite', '月度走访')`,
    [tian.id, qc.id, monthWindow(month).first],
  );
});
afterAll(() => stopSeededApp(h));

async function workbook(headers: Record<string, string>, query = `?month=${month}`) {
  const res = await fetch(`${h.base}/api/console/export/monthly${query}`, { headers });
  expect(res.status).toBe(200);
  expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(
    `工作台账-${month}.xlsx`,
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}
const column = (ws: ExcelJS.Worksheet, n: number) =>
  ws
    .getColumn(n)
    .values.slice(3)
    .map((v) => String(v ?? ''));

describe('monthly 工作台账 workbook', () => {
  it('holds the month’s ledger, a sheet per category, visits, 一月两见 and 三率, with Chinese headers', async () => {
    const wb = await workbook({ authorization: `Bearer ${HARNESS_ADMIN_TOKEN}` });
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('问题台账');
    expect(names.filter((n) => n.startsWith('类别-'))).toHaveLength(2);
    expect(names.slice(-3)).toEqual(['走访台账', '一月两见', '三率']);
    const ledger = wb.getWorksheet('问题台账')!;
    expect(String(ledger.getCell('A1').value)).toContain(`${month} 工作台账`);
    expect(ledger.getRow(2).values).toEqual(
      expect.arrayContaining(['编号', '状态', '预警', '牵头单位', '办理时限']),
    );
    // Reported this month, and still open from before; not the one closed last month.
    expect(column(ledger, 1).sort()).toEqual(['W20260101-0001', 'W20260101-0002']);
    expect(ledger.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ledger.getCell('J3').value).toBeInstanceOf(Date);
    expect(column(wb.getWorksheet('走访台账')!, 6)).toEqual(['月度走访']);
    expect(wb.getWorksheet('一月两见')!.getRow(2).values).toEqual(expect.arrayContaining(['一月两见']));
    expect(wb.getWorksheet('三率')!.getRow(2).values).toEqual(
      expect.arrayContaining(['响应率', '解决率', '满意率']),
    );
  });

  it('is scoped to the viewer: a cadre of other firms sees none of these problems', async () => {
    const { cookie } = await demoHeaders(h, ds, '13929000021');
    const wb = await workbook({ cookie });
    expect(column(wb.getWorksheet('问题台账')!, 1)).toEqual([]);
    expect(wb.worksheets.filter((w) => w.name.startsWith('类别-'))).toHaveLength(0);
  });

  it('refuses a month that is not YYYY-MM with a 400', async () => {
    const res = await fetch(`${h.base}/api/console/export/monthly?month=2026-13`, {
      headers: { authorization: `Bearer ${HARNESS_ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(400);
  });
});
