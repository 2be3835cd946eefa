import { UNIT_KIND_LABELS } from '../roster.fields';
import type { RawRow, RosterUnit } from '../roster.types';
import type { ValidationContext } from './validation-context';

/** Rows of 单位: name, kind, and no name twice. */
export function validateUnits(ctx: ValidationContext, rows: RawRow[]): RosterUnit[] {
  const out: RosterUnit[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    let ok = ctx.basics(r);
    const { 名称: name = '', 上级单位: parent = '' } = r.cells;
    const kind = ctx.label(r, '类型', UNIT_KIND_LABELS);
    if (kind === null) ok = false;
    if (name && !ctx.unique(seen, name, r, '名称', name)) ok = false;
    if (ok && kind) out.push({ row: r.row, name, kind, parentName: parent || null });
    else if (name) ctx.rejected.units.add(name);
  }
  return out;
}

/** Each parent exists, and following parents never leads back to the unit. */
export function checkUnitParents(ctx: ValidationContext, units: RosterUnit[]): void {
  for (const u of units) {
    if (u.parentName === null) continue;
    const at = { sheet: '单位' as const, row: u.row, cells: {} };
    if (!ctx.unitRef(at, '上级单位', u.parentName)) continue;
    const cycle = ctx.units.cycleFrom(u.name);
    if (cycle) ctx.errors.cell('单位', u.row, '上级单位', `上级关系形成循环：${cycle.join(' → ')}`);
  }
}
