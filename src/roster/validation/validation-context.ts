import { normalizeCreditCode } from '../../lib/credit-code';
import { q, RosterErrors } from '../roster-errors';
import { type EnterpriseIndex, type PersonIndex, type Resolved, type UnitIndex } from '../roster-refs';
import { parseMobile } from '../roster.fields';
import { SHEETS } from '../roster.sheets';
import type { ExistingRoster, RawRow } from '../roster.types';

/** A label's value, ignoring Object.prototype keys such as "constructor". */
export const lookup = <T>(labels: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(labels, key) ? labels[key] : undefined;

/** The accepted labels, for messages: 区县、开发区、… */
export const labelList = (labels: Record<string, unknown>) => Object.keys(labels).join('、');

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

  constructor(readonly existing: ExistingRoster) {}

  /** Required cells filled and lengths within the database's limits; false when the row cannot be used. */
  /**
   * The enum value a label cell names: `blank` when the cell is empty, null (reported, with the valid
   * labels or `expected`) when it names none. The column name is also what the message calls the value.
   */
  label<T>(
    r: RawRow,
    column: string,
    labels: Record<string, T>,
    { blank, expected }: { blank?: NoInfer<T>; expected?: string } = {},
  ): T | undefined | null {
    const value = r.cells[column] ?? '';
    if (!value) return blank;
    const found = lookup(labels, value);
    if (found !== undefined) return found;
    this.errors.cell(
      r.sheet,
      r.row,
      column,
      `${q(value)} 不是有效的${column}，应为 ${expected ?? labelList(labels)}`,
    );
    return null;
  }

  basics(r: RawRow): boolean {
    let ok = true;
    for (const column of SHEETS[r.sheet].columns) {
      const value = r.cells[column.name] ?? '';
      if (column.required && value === '') {
        this.errors.cell(r.sheet, r.row, column.name, '必填，不能为空');
        ok = false;
      } else if (column.maxLength && [...value].length > column.maxLength) {
        this.errors.cell(r.sheet, r.row, column.name, `${q(value)} 超过${column.maxLength}个字`);
        ok = false;
      }
    }
    return ok;
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
