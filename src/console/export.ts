import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { METHOD_LABELS, STATUS_LABELS, TIER_LABELS, VERDICT_LABELS } from '../entities/labels';
import type { Tier, Verdict, VisitMethod } from '../entities/enums';
import { isoInZone, type IsoDate } from '../lib/time';
import type { Actor } from './authorize';
import type { ConsoleApiDeps } from './console-api.routes';
import { complianceView } from './console-api.routes';
import type { ConsoleProblemFilter, VisitFilterConsole } from './console.repository';
import { KIND_LABELS } from './labels';

export type ExportKind = 'problems' | 'visits' | 'compliance';
export type ExportRequest =
  | { kind: 'problems'; filter: ConsoleProblemFilter }
  | { kind: 'visits'; filter: VisitFilterConsole }
  | { kind: 'compliance'; month: string };

/** Rows fetched per query while streaming: memory stays flat however long the list. */
const BATCH = 1000;

/** Fill colours of the tiers (ARGB), as the ledger's colour code. */
const TIER_FILL: Partial<Record<Tier, string>> = { red: 'FFF8D7DA', yellow: 'FFFFF3CD', blue: 'FFD6E9FF' };

interface Column {
  header: string;
  width: number;
  date?: 'date' | 'time';
}

const BEIJING_MS = 8 * 3600_000;

/** A Beijing date as the Date exceljs writes for that calendar day (Excel has no zones). */
const excelDate = (d: IsoDate | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
/** A stored instant as its Beijing wall-clock time, for Excel. */
const excelTime = (d: Date | null) => (d ? new Date(d.getTime() + BEIJING_MS) : null);

/**
 * Streams one list as .xlsx, exactly as filtered on the page: a title row with the filter and the
 * time, Chinese headers in a frozen row, column widths, real dates, tier colours.
 */
export async function streamExport(
  res: Response,
  req: ExportRequest,
  actor: Actor,
  deps: ConsoleApiDeps,
  today: IsoDate,
): Promise<void> {
  const names = await deps.repo.options();
  const title = TITLES[req.kind];
  const filename = `${title}-${today}.xlsx`;
  res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true });
  wb.creator = '千人亲商助企';
  const ws = wb.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 2 }] });
  const columns = COLUMNS[req.kind];
  ws.columns = columns.map((c) => ({ width: c.width }));
  const nameOf = (list: { id: string; name: string }[], id?: string) =>
    list.find((x) => x.id === id)?.name ?? id;
  const filterText = describe(req, (kind, id) =>
    kind === 'unit'
      ? nameOf(names.allUnits, id)
      : kind === 'category'
        ? nameOf(names.categories, id)
        : nameOf(names.allUnits, id),
  );
  const titleRow = ws.addRow([
    `${title}  筛选：${filterText}  导出时间：${isoInZone(deps.clock.now()).slice(0, 16).replace('T', ' ')}`,
  ]);
  titleRow.font = { bold: true, size: 13 };
  ws.mergeCells(1, 1, 1, columns.length);
  titleRow.commit();
  const head = ws.addRow(columns.map((c) => c.header));
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  head.commit();
  const put = (values: unknown[], fill?: string) => {
    const row = ws.addRow(values);
    columns.forEach((c, i) => {
      if (c.date) row.getCell(i + 1).numFmt = c.date === 'date' ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm';
    });
    if (fill)
      row.eachCell(
        { includeEmpty: true },
        (cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } }),
      );
    row.commit();
  };

  if (req.kind === 'problems') {
    const calendar = deps.calendar.current();
    for (let offset = 0; ; offset += BATCH) {
      const { items } = await deps.repo.problems(actor, req.filter, today, calendar, {
        limit: BATCH,
        offset,
      });
      for (const p of items) {
        const tier = deps.workflow.ledger.tierOf(p);
        put(
          [
            p.code,
            TIER_LABELS[tier],
            KIND_LABELS[p.kind],
            STATUS_LABELS[p.status],
            p.enterprise,
            p.district,
            p.category ?? '',
            p.leadUnit ?? '',
            p.description,
            excelDate(p.dueOn),
            excelTime(p.createdAt),
            excelTime(p.closedAt),
            p.rating ? VERDICT_LABELS[p.rating as Verdict] : '',
          ],
          TIER_FILL[tier],
        );
      }
      if (items.length < BATCH) break;
    }
  } else if (req.kind === 'visits') {
    for (let offset = 0; ; offset += BATCH) {
      const { items } = await deps.repo.visits(actor, req.filter, { limit: BATCH, offset });
      for (const v of items) {
        put([
          excelDate(v.visitedOn),
          v.cadre,
          v.enterprise,
          v.district,
          METHOD_LABELS[v.method as VisitMethod] ?? v.method,
          v.summary,
          v.confirmedAt ? '已确认' : '未确认',
        ]);
      }
      if (items.length < BATCH) break;
    }
  } else {
    const view = await complianceView(deps, actor, req.month);
    for (const p of view.pairs) {
      put(
        [p.district, p.unit ?? '', p.cadre, p.enterprise, p.contacts, p.met ? '达标' : '未达标'],
        p.met ? undefined : TIER_FILL.yellow,
      );
    }
  }
  ws.commit();
  await wb.commit();
}

const TITLES: Record<ExportKind, string> = {
  problems: '工作台账',
  visits: '走访台账',
  compliance: '一月两见',
};

const COLUMNS: Record<ExportKind, Column[]> = {
  problems: [
    { header: '编号', width: 16 },
    { header: '预警', width: 6 },
    { header: '类型', width: 8 },
    { header: '状态', width: 8 },
    { header: '企业', width: 28 },
    { header: '区县', width: 10 },
    { header: '类别', width: 12 },
    { header: '牵头单位', width: 16 },
    { header: '问题描述', width: 48 },
    { header: '办理时限', width: 12, date: 'date' },
    { header: '上报时间', width: 17, date: 'time' },
    { header: '销号时间', width: 17, date: 'time' },
    { header: '评价', width: 9 },
  ],
  visits: [
    { header: '走访日期', width: 12, date: 'date' },
    { header: '干部', width: 10 },
    { header: '企业', width: 28 },
    { header: '区县', width: 10 },
    { header: '方式', width: 10 },
    { header: '走访内容', width: 48 },
    { header: '企业确认', width: 10 },
  ],
  compliance: [
    { header: '区县', width: 10 },
    { header: '干部单位', width: 16 },
    { header: '干部', width: 10 },
    { header: '企业', width: 28 },
    { header: '本月联系次数', width: 13 },
    { header: '一月两见', width: 10 },
  ],
};

/** The filter in words, for the title row ("全部" when nothing is chosen). */
function describe(
  req: ExportRequest,
  name: (kind: 'unit' | 'district' | 'category', id: string) => string | undefined,
): string {
  if (req.kind === 'compliance') return `月份 ${req.month}`;
  const parts: string[] = [];
  const f = req.filter as ConsoleProblemFilter & VisitFilterConsole;
  if (f.status) parts.push(`状态 ${STATUS_LABELS[f.status]}`);
  if (f.tier) parts.push(`预警 ${TIER_LABELS[f.tier]}`);
  if (f.kind) parts.push(`类型 ${KIND_LABELS[f.kind]}`);
  if (f.unit) parts.push(`牵头单位 ${name('unit', f.unit)}`);
  if (f.district) parts.push(`区县 ${name('district', f.district)}`);
  if (f.category) parts.push(`类别 ${name('category', f.category)}`);
  if (f.from || f.to) parts.push(`日期 ${f.from ?? '…'} 至 ${f.to ?? '…'}`);
  if (f.q) parts.push(`关键词“${f.q}”`);
  return parts.length ? parts.join('，') : '全部';
}
