import { q } from '../roster-errors';
import { PAIRINGS } from '../roster.sheets';
import type { RawRow, RosterPairing } from '../roster.types';
import { readSheet } from './read-sheet';
import type { ValidationContext } from './validation-context';

/** Rows of 包联 (a cadre and an enterprise): each pair once, each enterprise with one cadre (一对一). */
export function validatePairings(ctx: ValidationContext, rows: RawRow[]): RosterPairing[] {
  const seenPair = new Map<string, number>();
  const seenEnterprise = new Map<string, number>();
  return readSheet(ctx, PAIRINGS, rows, {
    check: ({ cadreMobile: mobile, enterpriseCode: code }, r, ok) => {
      if (!ok) return false;
      const ref = r.cells['企业'] ?? '';
      if (!ctx.unique(seenPair, `${mobile}|${code}`, r, '企业', ref)) return false;
      const other = seenEnterprise.get(code);
      if (other !== undefined) {
        ctx.errors.cell(r.sheet, r.row, '企业', `${q(ref)} 已在第${other}行包联给其他干部（一对一）`);
        return false;
      }
      seenEnterprise.set(code, r.row);
      return true;
    },
  });
}
