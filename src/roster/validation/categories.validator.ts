import { q } from '../roster-errors';
import { categoryKind, parsePositiveInt, splitList } from '../roster.fields';
import type { RawRow, RosterCategory } from '../roster.types';
import type { ValidationContext } from './validation-context';

/** Rows of 问题类别: a known lead unit, a positive working-day limit, keywords; the kind follows the name. */
export function validateCategories(ctx: ValidationContext, rows: RawRow[]): RosterCategory[] {
  const out: RosterCategory[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    let ok = ctx.basics(r);
    const c = r.cells;
    const name = c['类别'] ?? '';
    if (name && !ctx.unique(seen, name, r, '类别', name)) ok = false;
    const lead = c['牵头单位'] ?? '';
    if (lead && !ctx.unitRef(r, '牵头单位', lead)) ok = false;
    const limitRaw = c['办理时限（工作日）'] ?? '';
    const limit = parsePositiveInt(limitRaw);
    if (limitRaw && limit === null) {
      ctx.errors.cell(r.sheet, r.row, '办理时限（工作日）', `${q(limitRaw)} 不是正整数`);
      ok = false;
    }
    if (ok && limit !== null) {
      out.push({
        row: r.row,
        name,
        kind: categoryKind(name),
        leadUnitName: lead,
        timeLimitDays: limit,
        keywords: splitList(c['关键词'] ?? ''),
      });
    }
  }
  return out;
}
