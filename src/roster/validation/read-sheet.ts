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
  const declared = columns.map(([, c]) => c);
  // First row of each unique key, per column.
  const seen = columns.map(() => new Map<string, number>());
  const out: ({ row: number } & R)[] = [];
  for (const r of rows) {
    let ok = ctx.basics(r, declared);
    // The row number first: derive() passes it on (a sheet without one returns these very values).
    const values: Record<string, unknown> = { row: r.row };
    const at = new Cell(ctx, r, values);
    for (let i = 0; i < columns.length; i++) {
      const [field, column] = columns[i];
      const raw = r.cells[column.header] ?? '';
      if (raw === '' && column.required) {
        values[field] = null; // reported by basics
        continue;
      }
      at.column = column.header;
      const value: unknown = raw === '' ? column.blank(at) : column.read(raw, at);
      if (value === INVALID) {
        ok = false;
        values[field] = null;
        continue;
      }
      values[field] = value;
      const key = column.unique && value !== '' && value !== null ? column.unique(value, at) : null;
      if (key !== null && !ctx.unique(seen[i], key, r, column.header, String(value))) ok = false;
    }
    const read = values as ValuesOf<C>;
    if (rules.check && !rules.check(read, r, ok)) ok = false;
    if (ok) {
      const row = sheet.derive(read) as { row: number } & R;
      rules.accepted?.(row);
      out.push(row);
    } else {
      rules.rejected?.(read, r);
    }
  }
  return out;
}

/** The cell being read (see CellAt); one per row, moved from column to column. */
class Cell implements CellAt {
  column = '';

  constructor(
    readonly ctx: ValidationContext,
    readonly r: RawRow,
    readonly values: Readonly<Record<string, unknown>>,
  ) {}

  fail(detail: string): typeof INVALID {
    this.ctx.errors.cell(this.r.sheet, this.r.row, this.column, detail);
    return INVALID;
  }
}
