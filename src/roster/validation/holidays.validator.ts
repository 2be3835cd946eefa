import { q } from '../roster-errors';
import { HOLIDAY_KIND_LABELS, parseDate } from '../roster.fields';
import type { RawRow, RosterHoliday } from '../roster.types';
import type { ValidationContext } from './validation-context';

/** Rows of 节假日: real dates, each once, 休 or 班. */
export function validateHolidays(ctx: ValidationContext, rows: RawRow[]): RosterHoliday[] {
  const out: RosterHoliday[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    let ok = ctx.basics(r);
    const rawDate = r.cells['日期'] ?? '';
    const date = parseDate(rawDate);
    if (rawDate && !date) {
      ctx.errors.cell(r.sheet, r.row, '日期', `${q(rawDate)} 不是有效的日期（YYYY-MM-DD）`);
      ok = false;
    } else if (date && !ctx.unique(seen, date, r, '日期', date)) ok = false;
    const kind = ctx.label(r, '类型', HOLIDAY_KIND_LABELS, { expected: '休 或 班' });
    if (kind === null) ok = false;
    if (ok && date && kind) out.push({ row: r.row, date, kind, name: r.cells['名称'] ?? '' });
  }
  return out;
}
