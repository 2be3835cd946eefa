import { q } from './roster-errors';
import type { RawRow } from './roster.types';
import type { ValidationContext } from './validation/validation-context';

/**
 * The roster column kit: a column is one declaration (header, required, length, how a cell reads, where the
 * value is stored), and the sheet layout, the checks, the row type and the write are derived from it
 * (`roster.sheets.ts` holds the declarations, `validation/read-sheet.ts` reads rows by them,
 * `roster-upsert.ts` writes them).
 */

/** What a cell reader returns after reporting why a cell is wrong. */
export const INVALID: unique symbol = Symbol('invalid roster cell');
export type Invalid = typeof INVALID;

/** A database column type as the upsert's `unnest` parameter arrays name it. */
export type SqlType = 'varchar' | 'text' | 'smallint' | 'int' | 'date' | 'varchar[]';

/** Where a column's value is stored in its sheet's table. */
export type Store =
  /** The value itself, in `column`. */
  | { column: string; type: SqlType }
  /** The id of the `table` row whose `key` is the value (`optional`: null when there is none). */
  | { column: string; ref: { table: string; key: string; optional?: boolean } }
  /** Written by the sheet's own statement in `roster.repository.ts` (person_account, 状态's leave). */
  | { written: 'account' | 'status' | 'parent'; namespace?: string };

/** One cell being read: where it is, the row's earlier values, and how to report it. */
export interface CellAt {
  readonly ctx: ValidationContext;
  readonly r: RawRow;
  /** The column's header (what messages call it). */
  readonly column: string;
  /** Values of the columns declared before this one (null where a cell was wrong or empty). */
  readonly values: Readonly<Record<string, unknown>>;
  /** Reports `detail` for this cell and returns INVALID. */
  fail(detail: string): Invalid;
}

export interface Column<T> {
  header: string;
  required?: boolean;
  /** Longest value the database column holds, in characters. */
  maxLength?: number;
  /** The value of a filled cell, or INVALID after reporting why. */
  read(raw: string, at: CellAt): T | Invalid;
  /** The value of an empty optional cell (a required one is reported as empty and never reaches here). */
  blank(at: CellAt): T | Invalid;
  /** The key no two rows may share (checked after a successful read; null: not checked for this row). */
  unique?(value: T, at: CellAt): string | null;
  store?: Store;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a column of any value type
export type AnyColumn = Column<any>;
export type Columns = Record<string, AnyColumn>;

/** The values a row's columns read to, by field. */
export type ValuesOf<C extends Columns> = { [K in keyof C]: C[K] extends Column<infer T> ? T : never };

/** A sheet: its columns in workbook order and, optionally, what a valid row becomes. */
export interface SheetDef<C extends Columns, R> {
  optional?: boolean;
  columns: C;
  /** The row from its columns' values (e.g. a kind that follows from the name); identity when absent. */
  derive: (values: ValuesOf<C>) => R;
  /** Where derived fields are stored (those not a column's own value). */
  derivedStores?: Partial<Record<keyof R & string, Store>>;
}

/** A validated row of a sheet: its spreadsheet row and its derived values. */
export type RowOf<S> = S extends { derive: (values: never) => infer R } ? { row: number } & R : never;

export function sheet<C extends Columns, R = ValuesOf<C>>(def: {
  optional?: boolean;
  columns: C;
  derive?: (values: ValuesOf<C>) => R;
  derivedStores?: Partial<Record<keyof R & string, Store>>;
}): SheetDef<C, R> {
  return { ...def, derive: def.derive ?? ((v) => v as R) };
}

/** What code that walks every sheet needs of one. */
export interface AnySheet {
  optional?: boolean;
  columns: Columns;
  derivedStores?: Partial<Record<string, Store>>;
}

interface Options<T> {
  required?: boolean;
  maxLength?: number;
  unique?: Column<T>['unique'];
  store?: Store;
}

/** A column read by `read`; an empty optional cell is `blank` (null when not given). */
export function column<T>(
  header: string,
  read: Column<T>['read'],
  options: Options<T> & { blank?: Column<T>['blank'] } = {},
): Column<T> {
  const { blank, ...rest } = options;
  return { header, read, blank: blank ?? (() => null as T), ...rest };
}

/** Text as typed, required. */
export function text(header: string, options: Options<string> = {}): Column<string> {
  return column(header, (raw) => raw, { ...options, required: true });
}

/** Text as typed, or null when empty. */
export function optionalText(header: string, options: Options<string | null> = {}): Column<string | null> {
  return column<string | null>(header, (raw) => raw, options);
}

/** A label's value, ignoring Object.prototype keys such as "constructor". */
export const lookup = <T>(labels: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(labels, key) ? labels[key] : undefined;

/** The accepted labels, for messages: 区县、开发区、… */
export const labelList = (labels: Record<string, unknown>) => Object.keys(labels).join('、');

/**
 * A word from a list (`labels`: word → value). An empty cell is `blank`; a word not in the list is reported
 * with the valid words (or `expected`), the column's header naming the value.
 */
export function label<T>(
  header: string,
  labels: Record<string, T>,
  options: Options<T> & { blank?: NoInfer<T>; expected?: string } = {},
): Column<T> {
  const { blank, expected, ...rest } = options;
  return column<T>(
    header,
    (raw, at) =>
      lookup(labels, raw) ?? at.fail(`${q(raw)} 不是有效的${header}，应为 ${expected ?? labelList(labels)}`),
    {
      ...rest,
      required: blank === undefined,
      blank: () => blank as T,
    },
  );
}
