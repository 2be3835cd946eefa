import type { CompliancePair } from '../compliance.service';
import type { StatCounts, StatRates } from '../stats.service';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A cadre short of 一月两见 in the month, with the firms short. */
export interface MissedCadre {
  name: string;
  unit: string;
  missed: number;
  of: number;
  firms: string[];
}

/** One red problem as the 通报 lists it. */
export interface RedLine {
  code: string;
  firm: string;
  description: string;
  unit: string;
  dueOn: string;
  overdueDays: number;
}

/** One entry of a 红黑榜. */
export interface RankEntry {
  list: string;
  name: string;
  counts: StatCounts;
  rates: StatRates;
}

export interface MonthlyWorkbook {
  title: string;
  scope: string;
  summary: [string, string | number][];
  missed: MissedCadre[];
  red: RedLine[];
  ranks: RankEntry[];
  districts: { name: string; pairs: number; met: number; rate: number }[];
}

const pctCell = (r: number | null) => (r === null ? '—' : Math.round(r * 1000) / 10);

/** Cadres with at least one pair short, most misses first, with the firms short. */
export function missedCadres(pairs: readonly CompliancePair[]): MissedCadre[] {
  const by = new Map<string, MissedCadre>();
  for (const p of pairs) {
    const row = by.get(p.cadre.id) ?? {
      name: p.cadre.name,
      unit: p.cadre.unitName ?? '',
      missed: 0,
      of: 0,
      firms: [],
    };
    row.of++;
    if (!p.met) {
      row.missed++;
      row.firms.push(`${p.enterprise.name}（${p.contacts}次）`);
    }
    by.set(p.cadre.id, row);
  }
  return [...by.values()]
    .filter((c) => c.missed > 0)
    .sort((a, b) => b.missed - a.missed || a.name.localeCompare(b.name, 'zh'));
}

/**
 * The full 通报 as a workbook: 概况, 一月两见未达标 (every cadre short, with counts and firms),
 * 红色预警问题, 红黑榜 (with figures) and 区县一月两见. Chat carries the short summary; this carries all.
 */
export async function monthlyWorkbook(w: MonthlyWorkbook): Promise<Buffer> {
  // exceljs (≈ 300 modules) is loaded by the report that uses it, not by every process that starts.
  const { default: excel } = await import('exceljs');
  const wb = new excel.Workbook();
  wb.creator = '千人亲商助企';
  const sheet = (name: string, header: string[], widths: number[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(header).font = { bold: true };
    ws.columns = widths.map((width) => ({ width }));
    return ws;
  };
  const s = sheet('概况', ['项目', '数值'], [28, 40]);
  s.addRows([['通报', w.title], ['范围', w.scope], ...w.summary]);
  const m = sheet(
    '一月两见未达标',
    ['序号', '干部', '单位', '未达标企业数', '包联企业数', '未达标企业（本月联系次数）'],
    [6, 12, 20, 14, 12, 60],
  );
  w.missed.forEach((c, i) => m.addRow([i + 1, c.name, c.unit, c.missed, c.of, c.firms.join('、')]));
  const r = sheet(
    '红色预警问题',
    ['序号', '编号', '企业', '问题', '牵头单位', '办结期限', '已超期（工作日）'],
    [6, 16, 24, 40, 20, 12, 16],
  );
  w.red.forEach((p, i) => r.addRow([i + 1, p.code, p.firm, p.description, p.unit, p.dueOn, p.overdueDays]));
  const k = sheet(
    '红黑榜',
    [
      '榜单',
      '名称',
      '件数',
      '响应率(%)',
      '解决率(%)',
      '满意率(%)',
      '按时办结率(%)',
      '回退率(%)',
      '重办率(%)',
    ],
    [12, 24, 8, 12, 12, 12, 14, 12, 12],
  );
  for (const e of w.ranks) {
    k.addRow([
      e.list,
      e.name,
      Math.max(e.counts.assigned, e.counts.due),
      pctCell(e.rates.response),
      pctCell(e.rates.resolution),
      pctCell(e.rates.satisfaction),
      pctCell(e.rates.onTime),
      pctCell(e.rates.return),
      pctCell(e.rates.redo),
    ]);
  }
  const d = sheet('区县一月两见', ['区县', '包联对数', '达标对数', '达标率(%)'], [20, 12, 12, 12]);
  for (const x of w.districts) d.addRow([x.name, x.pairs, x.met, pctCell(x.rate)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
