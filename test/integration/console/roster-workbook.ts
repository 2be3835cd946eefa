import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { withCheckChar } from '../../../src/lib/credit-code';
import { DEMO_ROSTER_DIR } from '../../../src/roster/seed';

/** The credit code of the firm the good upload adds. */
export const UPLOAD_CODE = withCheckChar('91610113MA6000099');

/** The demo roster as grids per sheet (header row first), to edit and upload as a workbook. */
export function demoGrids(): Record<string, string[][]> {
  const grids: Record<string, string[][]> = {};
  for (const file of readdirSync(DEMO_ROSTER_DIR).filter((f) => f.endsWith('.csv'))) {
    const text = readFileSync(path.join(DEMO_ROSTER_DIR, file), 'utf8');
    grids[path.basename(file, '.csv')] = parse(text, { bom: true, relax_column_count: true }) as string[][];
  }
  return grids;
}

/** The grids as an .xlsx workbook's bytes, one sheet each. */
export async function workbookOf(grids: Record<string, string[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(grids)) wb.addWorksheet(name).addRows(rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The demo roster plus one firm (paired with 于浩然) and 于浩然 renamed: 1 new firm, 1 updated person, 1 new pair. */
export function goodEdit(): Record<string, string[][]> {
  const g = demoGrids();
  g['企业'].push(['西安上传测试科技有限公司', '上传测试', UPLOAD_CODE, '雁塔区', '软件', '企业']);
  g['包联'].push(['13929000021', '上传测试']);
  const yu = g['人员'].find((r) => r[1] === '13929000021')!;
  yu[0] = '于浩然（新）';
  return g;
}

/** The demo roster with two bad cells: a mobile that is no mobile and a pair naming no firm. */
export function badEdit(): Record<string, string[][]> {
  const g = demoGrids();
  g['人员'].push(['错号码', '1234', '雁塔区', '干部', '', '', '']);
  g['包联'].push(['13929000021', '不存在的企业']);
  return g;
}
