import { q } from '../roster-errors';
import type { RawRow, RosterPairing } from '../roster.types';
import type { ValidationContext } from './validation-context';

/** Rows of 包联: a cadre and an enterprise, each pair once, each enterprise with one cadre (一对一). */
export function validatePairings(ctx: ValidationContext, rows: RawRow[]): RosterPairing[] {
  const out: RosterPairing[] = [];
  const seenPair = new Map<string, number>();
  const seenEnterprise = new Map<string, number>();
  for (const r of rows) {
    let ok = ctx.basics(r);
    const mobile = ctx.mobile(r, '干部手机');
    if (mobile === null) ok = false;
    else if (mobile) {
      const roles = ctx.people.rolesOf(mobile);
      if (!roles) {
        if (!ctx.rejected.people.has(mobile))
          ctx.errors.cell(r.sheet, r.row, '干部手机', `找不到手机号为${q(mobile)}的人员`);
        ok = false;
      } else if (!roles.includes('cadre')) {
        ctx.errors.cell(r.sheet, r.row, '干部手机', `手机号${q(mobile)}的人员不是干部`);
        ok = false;
      }
    }
    const ref = r.cells['企业'] ?? '';
    const code = ref ? ctx.enterpriseRef(r, '企业', ref) : null;
    if (ref && !code) ok = false;
    if (ok && mobile && code) {
      if (!ctx.unique(seenPair, `${mobile}|${code}`, r, '企业', ref)) continue;
      const other = seenEnterprise.get(code);
      if (other !== undefined) {
        ctx.errors.cell(r.sheet, r.row, '企业', `${q(ref)} 已在第${other}行包联给其他干部（一对一）`);
        continue;
      }
      seenEnterprise.set(code, r.row);
      out.push({ row: r.row, cadreMobile: mobile, enterpriseCode: code });
    }
  }
  return out;
}
