import type { SheetName } from './roster.sheets';
import type { RosterError } from './roster.types';

/** Quotes a cell value the way the messages show it: “…”. */
export const q = (value: string) => `“${value}”`;

/** Collects every problem of a roster, each as one Chinese line naming sheet, row and column. */
export class RosterErrors {
  readonly list: RosterError[] = [];

  /** A problem with one cell. */
  cell(sheet: SheetName, row: number, column: string, detail: string): void {
    this.list.push({ sheet, row, column, message: `${sheet} 第${row}行 ${column}：${detail}` });
  }

  /** A problem with a whole sheet (missing) or its header row. */
  sheet(sheet: SheetName, detail: string, column: string | null = null): void {
    const where = column ? `${sheet} 第1行 ${column}` : sheet;
    this.list.push({ sheet, row: column ? 1 : null, column, message: `${where}：${detail}` });
  }

  get count(): number {
    return this.list.length;
  }
}
