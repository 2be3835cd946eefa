import { type CellAt, type Columns, INVALID, type RowOf, type SheetDef, type ValuesOf } from '../column';
import type { RawRow } from '../roster.types';
import type { ValidationContext } from './validation-context';

/** A sheet's own rules beyond its columns (rows that refer to each other, keys of rejected rows). */
export interface SheetRules<C extends Columns, R> {
  /**
   * Runs for every row after its cells were read (`ok`: every cell was right); may report, and false
   * rejects the row.
   */
  check?(values: ValuesOf<C>, r: RawRow, ok: boolean): boolean;
  /** Runs for a rejected row (to remember its keys, so references to it are not reported again). */
  rejected?(values: ValuesOf<C>, r: RawRow): void;
  /** Runs for an accepted row. */
  accepted?(row: { row: number } & R): void;
}

/**
 * Reads a sheet's rows by its column declarations: required cells and lengths first (every column, in
 * workbook order), then each cell by its column's reader and uniqueness, then the sheet's rules. Every
 * problem is reported; the rows without any are returned.
 */
export function readSheet<C extends Columns, R>(
  ctx: ValidationContext,
  sheet: SheetDef<C, R>,
  rows: readonly RawRow[],
  rules: SheetRules<C, R> = {},
): RowOf<SheetDef<C, R>>[] {
  const columns = Object.entries(sheet.columns);
  const out: ({ row: number } & R)[] = [];
  for (const r of rows) {
    let ok = ctx.basics(
      r,
      columns.map(([, c]) => c),
    );
    const values: Record<string, unknown> = {};
    for (const [field, column] of columns) {
      const raw = r.cells[column.header] ?? '';
      const at: CellAt = {
        ctx,
        r,
        column: column.header,
        values,
        fail: (detail) => {
          ctx.errors.cell(r.sheet, r.row, column.header, detail);
          return INVALID;
        },
      };
      if (raw === '' && column.required) {
        values[field] = null; // reported by basics
        continue;
      }
      const value: unknown = raw === '' ? column.blank(at) : column.read(raw, at);
      if (value === INVALID) {
        ok = false;
        values[field] = null;
        continue;
      }
      values[field] = value;
      const key = column.unique && value !== '' && value !== null ? column.unique(value, at) : null;
      if (key !== null && !ctx.once(r, column.header, key, String(value))) ok = false;
    }
    const read = values as ValuesOf<C>;
    if (rules.check && !rules.check(read, r, ok)) ok = false;
    if (ok) {
      const row = { row: r.row, ...sheet.derive(read) };
      rules.accepted?.(row);
      out.push(row);
    } else {
      rules.rejected?.(read, r);
    }
  }
  return out;
}
