import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { digestWeeklyJob } from '../../../src/jobs/handlers/digest-weekly.job';
import { monthlyReportJob } from '../../../src/jobs/handlers/monthly-report.job';
import { MediaRepository } from '../../../src/repositories/media.repository';
import type { Roster } from '../ledger/ledger-fixtures';
import { bj, jobHarness, type StoredMessage, visit, useJobs, acceptedProblem } from './jobs-fixtures';

/** Issue 16: the weekly digest's charts and trends, the monthly 通报's summary, charts and workbook. */
let ds: DataSource;
let h: Awaited<ReturnType<typeof jobHarness>>;
let r: Roster & { groups: Record<string, string> };
let code: string;

useJobs(
  (f) => ({ ds, h, r } = f),
  async () => {
    code = await acceptedProblem(ds, r);
    await visit(ds, r.people.cadreB.id, r.ent.b.id, ['2026-11-10', '2026-11-12']);
    await visit(ds, r.people.cadreA.id, r.ent.a.id, ['2026-11-18']);
  },
);

const byKey = async (key: string): Promise<StoredMessage> => {
  const [m] = await h.messages(key);
  if (!m) throw new Error(`no message ${key}`);
  return m;
};

describe('digest-weekly (issue 16)', () => {
  it('sets each figure beside last week, lists open and overdue problems, and carries two charts', async () => {
    h.deps.publicBaseUrl = 'https://qs.example.cn';
    await digestWeeklyJob(h.deps)(bj('2026-11-30T08:30:00'));
    const m = await byKey(`digest-weekly-2026-W48-leader-p${r.people.leaderYanta.id}`);
    const text = m.payload.markdown!.text;
    expect(text).toMatch(/新增问题 \d+ 个（上周 \d+，(↑\d+|↓\d+|持平)）/);
    expect(text).toMatch(/响应率 .*（上周 /);
    expect(text).toContain('**在办问题 1 个**：待交办 0 · 已交办 0 · 办理中 1 · 已答复 0');
    expect(text).toContain(`- 市规划局：${code} 西安甲科技有限公司，已超期 1 个工作日`);
    expect(text).toContain('干部满意度（企业评价干部）：暂无评价');
    expect(text).toContain('送政策：推送 0 家，已阅 0 家');
    expect(text).toContain('现场办公：已举行 0 场，待办结 0 场。');
    expect(text).toContain(
      '[在工作台查看](https://qs.example.cn/console/stats?from=2026-11-23&to=2026-11-29)',
    );
    expect(m.payload.attachments?.map((a) => [a.kind, a.name])).toEqual([
      ['image', '雁塔区三率'],
      ['image', '雁塔区一月两见'],
    ]);
    const media = new MediaRepository(ds);
    for (const a of m.payload.attachments ?? []) {
      const png = await media.find(a.mediaId);
      expect(png?.contentType).toBe('image/png');
      expect(png?.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
      if (process.env.SAVE_CHARTS) writeFileSync(`${process.env.SAVE_CHARTS}/${a.name}.png`, png!.bytes);
    }
    // Leaders of one scope share the charts; another scope has its own.
    const beilin = await byKey(`digest-weekly-2026-W48-leader-p${r.people.leaderBeilin.id}`);
    expect(beilin.payload.attachments?.map((a) => a.name)).toEqual(['碑林区一月两见']);
    expect(beilin.payload.markdown!.text).not.toContain(code);
  });
});

describe('monthly-report (issue 16)', () => {
  it('is a short summary with two charts and the full 通报 as an .xlsx', async () => {
    await monthlyReportJob(h.deps)(bj('2026-12-01T09:00:00'));
    const m = await byKey(`monthly-report-2026-11-leaders-g${r.groups.leaders}`);
    const text = m.payload.markdown!.text;
    expect(text).toContain('11月亲商助企工作通报');
    expect(text).toContain('完整名单（未达标干部、红色预警问题、红黑榜数据）见附件表格。');
    expect(Buffer.byteLength(text)).toBeLessThan(4096);
    expect(m.payload.attachments?.map((a) => a.kind)).toEqual(['image', 'image', 'file']);
    const file = m.payload.attachments![2];
    expect(file.name).toBe('2026-11亲商助企工作通报（全市）.xlsx');
    const stored = await new MediaRepository(ds).find(file.mediaId);
    expect(stored?.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(stored!.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '概况',
      '一月两见未达标',
      '红色预警问题',
      '红黑榜',
      '区县一月两见',
    ]);
    const missed = wb.getWorksheet('一月两见未达标')!;
    expect(missed.getRow(1).values).toEqual([
      undefined,
      '序号',
      '干部',
      '单位',
      '未达标企业数',
      '包联企业数',
      '未达标企业（本月联系次数）',
    ]);
    expect(missed.getRow(2).values).toEqual([
      undefined,
      1,
      '干部甲',
      '雁塔区',
      1,
      1,
      '西安甲科技有限公司（1次）',
    ]);
    expect(missed.rowCount).toBe(2);
    const summary = wb.getWorksheet('概况')!;
    expect(summary.getRow(2).values).toEqual([undefined, '通报', '2026年11月亲商助企工作通报']);
    expect(wb.getWorksheet('区县一月两见')!.rowCount).toBe(3);
    // The district leader's workbook holds only their scope.
    const yanta = await byKey(`monthly-report-2026-11-leader-p${r.people.leaderBeilin.id}`);
    const beilinBook = await new MediaRepository(ds).find(yanta.payload.attachments!.at(-1)!.mediaId);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(beilinBook!.bytes as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('一月两见未达标')!.rowCount).toBe(1);
    if (process.env.SAVE_CHARTS) {
      for (const a of m.payload.attachments!.slice(0, 2)) {
        writeFileSync(
          `${process.env.SAVE_CHARTS}/月-${a.name}.png`,
          (await new MediaRepository(ds).find(a.mediaId))!.bytes,
        );
      }
    }
  });
});
