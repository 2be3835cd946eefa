import { normalizeCreditCode } from '../../lib/credit-code';
import { q, RosterErrors } from '../roster-errors';
import { type EnterpriseIndex, type PersonIndex, type Resolved, type UnitIndex } from '../roster-refs';
import type { AnyColumn } from '../column';
import { parseMobile } from '../roster.fields';
import type { ExistingRoster, RawRow } from '../roster.types';

/**
 * What the sheet validators share: the error list, the indexes of what references may point to (filled in
 * sheet order: units, enterprises, people) and the keys of rejected rows.
 */
export class ValidationContext {
  readonly errors = new RosterErrors();
  units!: UnitIndex;
  enterprises!: EnterpriseIndex;
  people!: PersonIndex;
  /** Keys of rows that were rejected: a reference to one is not reported again as missing. */
  readonly rejected = {
    units: new Set<string>(),
    enterprises: new Set<string>(),
    people: new Set<string>(),
  };
  /** Mobiles of the 人员 sheet's rows (a holder listed there may give an account up). */
  listedMobiles = new Set<string>();
  /** First row of each key, per sheet and column, for `unique`. */
  private readonly seen = new Map<string, Map<string, number>>();

  constructor(readonly existing: ExistingRoster) {}

  /** Required cells filled and lengths within the database's limits; false when the row cannot be used. */
  basics(r: RawRow, columns: readonly AnyColumn[]): boolean {
    let ok = true;
    for (const column of columns) {
      const value = r.cells[column.header] ?? '';
      if (column.required && value === '') {
        this.errors.cell(r.sheet, r.row, column.header, '必填，不能为空');
        ok = false;
      } else if (column.maxLength && [...value].length > column.maxLength) {
        this.errors.cell(r.sheet, r.row, column.header, `${q(value)} 超过${column.maxLength}个字`);
        ok = false;
      }
    }
    return ok;
  }
  /** Reports a second row with the same key in this sheet's `column`; returns false for it. */
  once(r: RawRow, column: string, key: string, shown: string): boolean {
    const id = `${r.sheet}|${column}`;
    const seen = this.seen.get(id) ?? new Map<string, number>();
    this.seen.set(id, seen);
    return this.unique(seen, key, r, column, shown);
  }
  /** Reports a second row with the same key; returns false for it. */
  unique(seen: Map<string, number>, key: string, r: RawRow, column: string, shown: string): boolean {
    const first = seen.get(key);
    if (first !== undefined) {
      this.errors.cell(r.sheet, r.row, column, `${q(shown)} 与第${first}行重复`);
      return false;
    }
    seen.set(key, r.row);
    return true;
  }
  /** The credit code a reference means, or null (reported). */
  enterpriseRef(r: RawRow, column: string, ref: string): string | null {
    const found: Resolved<string> = this.enterprises.resolve(ref);
    if (found.ok) return found.value;
    const rejected = this.rejected.enterprises;
    if (found.reason === 'missing' && (rejected.has(ref) || rejected.has(normalizeCreditCode(ref))))
      return null;
    this.errors.cell(
      r.sheet,
      r.row,
      column,
      found.reason === 'ambiguous'
        ? `${q(ref)} 对应多家企业，请改用统一社会信用代码`
        : `找不到企业${q(ref)}（企业表和系统中都没有）`,
    );
    return null;
  }
  /** True when the unit exists (and is a district or zone when asked); false is reported. */
  unitRef(r: RawRow, column: string, name: string, districtOnly = false): boolean {
    const kind = this.units.kind(name);
    if (!kind) {
      if (this.rejected.units.has(name)) return false;
      this.errors.cell(r.sheet, r.row, column, `找不到单位${q(name)}（单位表和系统中都没有）`);
      return false;
    }
    if (districtOnly && kind !== 'district' && kind !== 'zone') {
      this.errors.cell(r.sheet, r.row, column, `${q(name)} 不是区县或开发区`);
      return false;
    }
    return true;
  }
  /** The mobile in `column`: '' when empty (reported by basics), null when malformed (reported here). */
  mobile(r: RawRow, column: string): string | null {
    const raw = r.cells[column] ?? '';
    if (!raw) return '';
    const mobile = parseMobile(raw);
    if (!mobile) this.errors.cell(r.sheet, r.row, column, `${q(raw)} 不是有效的11位手机号`);
    return mobile;
  }
}
