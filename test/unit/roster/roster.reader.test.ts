import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readRoster, readWorkbook } from '../../../src/roster/roster.reader';
import { validateRoster } from '../../../src/roster/roster.validator';
import { validTables } from '../../fixtures/roster/roster.builder';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'roster-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes validTables() as an xlsx workbook, letting a test change cells as exceljs values first. */
async function workbookBytes(edit?: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, grid] of Object.entries(validTables())) wb.addWorksheet(name).addRows(grid);
  edit?.(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('readWorkbook', () => {
  it('reads every sheet with 1-based row numbers and headers without *', async () => {
    const raw = await readWorkbook(await workbookBytes());
    expect(raw['人员']?.headers).toEqual([
      '姓名',
      '手机',
      '单位',
      '角色',
      '企业微信账号',
      '钉钉账号',
      '所属企业',
    ]);
    expect(raw['人员']?.rows[0]).toEqual({
      sheet: '人员',
      row: 2,
      cells: {
        姓名: '张伟',
        手机: '13800000001',
        单位: '雁塔区',
        角色: '干部、领导',
        企业微信账号: 'zhangwei',
        钉钉账号: '',
        所属企业: '',
      },
    });
    expect(validateRoster(raw).ok).toBe(true);
  });

  it('reads numbers stored as numbers, date cells, rich text and padded text', async () => {
    const raw = await readWorkbook(
      await workbookBytes((wb) => {
        const people = wb.getWorksheet('人员')!;
        people.getCell('B2').value = 13800000001;
        people.getCell('A3').value = { richText: [{ text: '李' }, { text: '娜' }] };
        people.getCell('C4').value = '\u3000市自然资源和规划局 ';
        wb.getWorksheet('问题类别')!.getCell('C2').value = 15;
        wb.getWorksheet('节假日')!.getCell('A2').value = new Date(Date.UTC(2027, 0, 1));
      }),
    );
    const people = raw['人员']!.rows;
    expect([people[0].cells['手机'], people[1].cells['姓名'], people[2].cells['单位']]).toEqual([
      '13800000001',
      '李娜',
      '市自然资源和规划局',
    ]);
    expect(raw['节假日']!.rows[0].cells['日期']).toBe('2027-01-01');
    const result = validateRoster(raw);
    expect(result.ok && result.roster.categories[0].timeLimitDays).toBe(15);
  });

  it('skips trailing and blank rows but keeps the spreadsheet numbering', async () => {
    const raw = await readWorkbook(
      await workbookBytes((wb) => {
        const sheet = wb.getWorksheet('包联')!;
        sheet.spliceRows(3, 0, ['', '']);
        sheet.getCell('A10').value = ' ';
        sheet.getCell('B12').value = '';
      }),
    );
    expect(raw['包联']!.rows.map((r) => r.row)).toEqual([2, 4, 5]);
  });

  it('leaves out a sheet that is not there, and the validator names it', async () => {
    const raw = await readWorkbook(
      await workbookBytes((wb) => wb.removeWorksheet(wb.getWorksheet('群聊')!.id)),
    );
    expect(raw['群聊']).toBeUndefined();
    const result = validateRoster(raw);
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual(['群聊：缺少工作表“群聊”']);
  });

  it('reads a workbook file through readRoster', async () => {
    const file = path.join(dir, '花名册.xlsx');
    await writeFile(file, await workbookBytes());
    expect(Object.keys(await readRoster(file)).sort()).toEqual(Object.keys(validTables()).sort());
  });
});

describe('readRoster on a folder of CSVs', () => {
  async function writeCsvs(transform: (name: string, text: string) => string = (_n, t) => t): Promise<void> {
    for (const [name, grid] of Object.entries(validTables())) {
      const text = grid
        .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
        .join('\r\n');
      await writeFile(path.join(dir, `${name}.csv`), transform(name, text), 'utf8');
    }
  }

  it('reads UTF-8 with a BOM, CRLF, trailing empty rows and padded cells', async () => {
    await writeCsvs((name, text) => {
      const padded = name === '人员' ? text.replace('13800000002', ' 13800000002\u3000') : text;
      return `\uFEFF${padded}\r\n\r\n,,,\r\n`;
    });
    const raw = await readRoster(dir);
    expect(raw['单位']?.headers[0]).toBe('名称');
    expect(raw['人员']?.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
    expect(raw['人员']?.rows[1].cells['手机']).toBe('13800000002');
    expect(validateRoster(raw).ok).toBe(true);
  });

  it('ignores other files and leaves the optional 节假日 out when absent', async () => {
    await writeCsvs();
    await rm(path.join(dir, '节假日.csv'));
    await writeFile(path.join(dir, 'readme.txt'), 'x');
    await writeFile(path.join(dir, '其他.csv'), 'a,b\n1,2\n');
    const raw = await readRoster(dir);
    expect(Object.keys(raw).sort()).toEqual(['人员', '企业', '包联', '单位', '群聊', '问题类别'].sort());
    expect(validateRoster(raw).ok).toBe(true);
  });

  it('refuses a path that is neither a workbook nor a folder', async () => {
    const file = path.join(dir, 'roster.txt');
    await writeFile(file, 'x');
    await expect(readRoster(file)).rejects.toThrow('neither an .xlsx workbook nor a folder');
  });
});
