import type * as ExcelJS from 'exceljs';
import type { Response } from 'express';
import { METHOD_LABELS, STATUS_LABELS, TIER_LABELS, VERDICT_LABELS } from '../entities/labels';
import type { Tier, Verdict, VisitMethod } from '../entities/enums';
import { isoInZone, monthWindow, type IsoDate, type IsoMonth } from '../lib/time';
import type { StatRates } from '../services/stats.service';
import { type Actor, hasRole } from './authorize';
import type { ConsoleApiDeps } from './console-api.routes';
import { complianceView, statsView } from './console-api.routes';
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
  percent?: boolean;
}

/** One row's cells and, optionally, the fill of the whole row. */
type Row = { values: unknown[]; fill?: string };

const BEIJING_MS = 8 * 3600_000;

/** A Beijing date as the Date exceljs writes for that calendar day (Excel has no zones). */
const excelDate = (d: IsoDate | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
/** A stored instant as its Beijing wall-clock time, for Excel. */
const excelTime = (d: Date | null) => (d ? new Date(d.getTime() + BEIJING_MS) : null);

/**
 * A workbook streamed to the response, one sheet after another, each laid out the same way: a title
 * row with the filter and the time, Chinese headers in a frozen row, column widths, real dates.
 */
class LedgerWorkbook {
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly stamp: string;

  private constructor(wb: ExcelJS.stream.xlsx.WorkbookWriter, now: Date) {
    this.wb = wb;
    this.wb.creator = '千人亲商助企';
    this.stamp = isoInZone(now).slice(0, 16).replace('T', ' ');
  }

  static async open(res: Response, filename: string, now: Date): Promise<LedgerWorkbook> {
    // exceljs (≈ 300 modules) is loaded by the export that uses it, not by every process that starts.
    const { default: excel } = await import('exceljs');
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
    return new LedgerWorkbook(new excel.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true }), now);
  }

  /** Writes one sheet from its rows (an async iterable, so long lists stream in batches). */
  async sheet(name: string, title: string, filter: string, columns: Column[], rows: AsyncIterable<Row>) {
    const ws = this.wb.addWorksheet(sheetName(name), { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.columns = columns.map((c) => ({ width: c.width }));
    const titleRow = ws.addRow([`${title}  筛选：${filter}  导出时间：${this.stamp}`]);
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
    for await (const { values, fill } of rows) {
      const row = ws.addRow(values);
      columns.forEach((c, i) => {
        const format = c.date === 'date' ? 'yyyy-mm-dd' : c.date === 'time' ? 'yyyy-mm-dd hh:mm' : undefined;
        if (format) row.getCell(i + 1).numFmt = format;
        else if (c.percent) row.getCell(i + 1).numFmt = '0.0%';
      });
      if (fill)
        row.eachCell(
          { includeEmpty: true },
          (cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } }),
        );
      row.commit();
    }
    ws.commit();
  }

  async close(): Promise<void> {
    await this.wb.commit();
  }
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\ . */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, '·').slice(0, 31);

/** Pages through a list the repository serves `BATCH` rows at a time. */
async function* paged<T>(page: (offset: number) => Promise<T[]>): AsyncIterable<T> {
  for (let offset = 0; ; offset += BATCH) {
    const items = await page(offset);
    yield* items;
    if (items.length < BATCH) return;
  }
}

async function* problemRows(
  deps: ConsoleApiDeps,
  actor: Actor,
  filter: ConsoleProblemFilter,
  today: IsoDate,
) {
  const calendar = deps.calendar.current();
  const page = async (offset: number) =>
    (await deps.repo.problems(actor, filter, today, calendar, { limit: BATCH, offset })).items;
  for await (const p of paged(page)) {
    const tier = deps.workflow.ledger.tierOf(p);
    yield {
      values: [
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
      fill: TIER_FILL[tier],
    } satisfies Row;
  }
}

async function* visitRows(deps: ConsoleApiDeps, actor: Actor, filter: VisitFilterConsole) {
  const page = async (offset: number) =>
    (await deps.repo.visits(actor, filter, { limit: BATCH, offset })).items;
  for await (const v of paged(page)) {
    yield {
      values: [
        excelDate(v.visitedOn),
        v.cadre,
        v.enterprise,
        v.district,
        METHOD_LABELS[v.method as VisitMethod] ?? v.method,
        v.summary,
        v.confirmedAt ? '已确认' : '未确认',
      ],
    } satisfies Row;
  }
}

async function* complianceRows(deps: ConsoleApiDeps, actor: Actor, month: string) {
  const view = await complianceView(deps, actor, month);
  for (const p of view.pairs) {
    yield {
      values: [p.district, p.unit ?? '', p.cadre, p.enterprise, p.contacts, p.met ? '达标' : '未达标'],
      fill: p.met ? undefined : TIER_FILL.yellow,
    } satisfies Row;
  }
}

/** 三率 of the month, per unit then per district, as the 统计 page shows them. */
async function* rateRows(deps: ConsoleApiDeps, actor: Actor, from: IsoDate, to: IsoDate, today: IsoDate) {
  const view = await statsView(deps, actor, from, to, 'month', today);
  const line = (
    kind: string,
    name: string,
    b: { counts: { reported: number; due: number; closed: number }; rates: StatRates },
  ) =>
    ({
      values: [
        kind,
        name,
        b.counts.reported,
        b.counts.due,
        b.counts.closed,
        b.rates.response,
        b.rates.resolution,
        b.rates.satisfaction,
      ],
    }) satisfies Row;
  if (hasRole(actor, 'admin')) yield line('全市', '全市', view.overall);
  for (const u of view.units) yield line('单位', u.unit.name, u);
  for (const d of view.districts) yield line('区县', d.district.name, d);
}

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
  const title = TITLES[req.kind];
  const book = await LedgerWorkbook.open(res, `${title}-${today}.xlsx`, deps.clock.now());
  const filter = describe(req, await nameOf(deps));
  const rows =
    req.kind === 'problems'
      ? problemRows(deps, actor, req.filter, today)
      : req.kind === 'visits'
        ? visitRows(deps, actor, req.filter)
        : complianceRows(deps, actor, req.month);
  await book.sheet(title, title, filter, COLUMNS[req.kind], rows);
  await book.close();
}

/**
 * The monthly 工作台账 for the office's meeting, within the viewer's scope: every problem on the
 * ledger that month (reported in it, or still open from before), one sheet per category of problem,
 * the month's visits, its 一月两见 and its 三率 per unit and district.
 */
export async function streamMonthlyWorkbook(
  res: Response,
  month: IsoMonth,
  actor: Actor,
  deps: ConsoleApiDeps,
  today: IsoDate,
): Promise<void> {
  const window = monthWindow(month);
  const book = await LedgerWorkbook.open(res, `工作台账-${month}.xlsx`, deps.clock.now());
  const activeIn = { start: window.start, end: window.end };
  const scope = `${month}（当月受理及此前未办结的问题）`;
  await book.sheet(
    '问题台账',
    `${month} 工作台账`,
    scope,
    COLUMNS.problems,
    problemRows(deps, actor, { activeIn }, today),
  );
  const categories = await deps.repo.categoriesUsed(actor, activeIn);
  for (const c of categories) {
    const rows = problemRows(deps, actor, { activeIn, category: c.id }, today);
    await book.sheet(`类别-${c.name}`, `${month} 工作台账：${c.name}`, scope, COLUMNS.problems, rows);
  }
  const visits = visitRows(deps, actor, { from: window.first, to: window.last });
  await book.sheet(
    '走访台账',
    `${month} 走访台账`,
    `走访日期 ${window.first} 至 ${window.last}`,
    COLUMNS.visits,
    visits,
  );
  await book.sheet(
    '一月两见',
    `${month} 一月两见`,
    `月份 ${month}`,
    COLUMNS.compliance,
    complianceRows(deps, actor, month),
  );
  const last = window.last < today ? window.last : today;
  if (window.first <= last) {
    const rows = rateRows(deps, actor, window.first, last, today);
    await book.sheet('三率', `${month} 三率`, `${window.first} 至 ${last}`, RATE_COLUMNS, rows);
  }
  await book.close();
}

/** Unit, district and category names by id, for the filter in words. */
async function nameOf(deps: ConsoleApiDeps): Promise<(id: string) => string> {
  const names = await deps.repo.options();
  const all = new Map([...names.allUnits, ...names.categories].map((x) => [x.id, x.name]));
  return (id) => all.get(id) ?? id;
}

const TITLES: Record<ExportKind, string> = {
  problems: '工作台账',
  visits: '走访台账',
  compliance: '一月两见',
};

type ColumnSpec = [header: string, width: number, format?: 'date' | 'time' | 'percent'];
const columns = (...specs: ColumnSpec[]): Column[] =>
  specs.map(([header, width, format]) =>
    format === 'percent' ? { header, width, percent: true } : { header, width, date: format },
  );

// One line per sheet: the layout reads as the header row it becomes.
// prettier-ignore
const COLUMNS: Record<ExportKind, Column[]> = {
  problems: columns(['编号', 16], ['预警', 6], ['类型', 8], ['状态', 8], ['企业', 28], ['区县', 10], ['类别', 12], ['牵头单位', 16], ['问题描述', 48], ['办理时限', 12, 'date'], ['上报时间', 17, 'time'], ['销号时间', 17, 'time'], ['评价', 9]),
  visits: columns(['走访日期', 12, 'date'], ['干部', 10], ['企业', 28], ['区县', 10], ['方式', 10], ['走访内容', 48], ['企业确认', 10]),
  compliance: columns(['区县', 10], ['干部单位', 16], ['干部', 10], ['企业', 28], ['本月联系次数', 13], ['一月两见', 10]),
};

// prettier-ignore
const RATE_COLUMNS = columns(['范围', 8], ['名称', 24], ['受理问题', 10], ['到期问题', 10], ['已销号', 10], ['响应率', 10, 'percent'], ['解决率', 10, 'percent'], ['满意率', 10, 'percent']);

/** The filter in words, for the title row ("全部" when nothing is chosen). */
function describe(req: ExportRequest, name: (id: string) => string): string {
  if (req.kind === 'compliance') return `月份 ${req.month}`;
  const parts: string[] = [];
  const f = req.filter as ConsoleProblemFilter & VisitFilterConsole;
  if (f.status) parts.push(`状态 ${STATUS_LABELS[f.status]}`);
  if (f.tier) parts.push(`预警 ${TIER_LABELS[f.tier]}`);
  if (f.kind) parts.push(`类型 ${KIND_LABELS[f.kind]}`);
  if (f.unit) parts.push(`牵头单位 ${name(f.unit)}`);
  if (f.district) parts.push(`区县 ${name(f.district)}`);
  if (f.category) parts.push(`类别 ${name(f.category)}`);
  if (f.from || f.to) parts.push(`日期 ${f.from ?? '…'} 至 ${f.to ?? '…'}`);
  if (f.q) parts.push(`关键词“${f.q}”`);
  return parts.length ? parts.join('，') : '全部';
}
