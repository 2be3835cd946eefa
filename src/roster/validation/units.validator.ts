import { UNITS } from '../roster.sheets';
import type { RawRow, RosterUnit } from '../roster.types';
import { readSheet } from './read-sheet';
import type { ValidationContext } from './validation-context';

/** Rows of 单位 (columns in `roster.sheets.ts`), and no name twice. */
export function validateUnits(ctx: ValidationContext, rows: RawRow[]): RosterUnit[] {
  return readSheet(ctx, UNITS, rows, {
    check: (v, r) => !v.name || ctx.once(r, '名称', v.name, v.name),
    rejected: (v) => {
      if (v.name) ctx.rejected.units.add(v.name);
    },
  });
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
