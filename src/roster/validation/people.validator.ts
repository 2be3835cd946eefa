import { parseMobile } from '../roster.fields';
import { PEOPLE } from '../roster.sheets';
import type { RawRow, RosterPerson } from '../roster.types';
import { readSheet } from './read-sheet';
import type { ValidationContext } from './validation-context';

/** Rows of 人员 (columns in `roster.sheets.ts`: mobile, unit, roles, accounts, 所属企业, 状态). */
export function validatePeople(ctx: ValidationContext, rows: RawRow[]): RosterPerson[] {
  // A holder who is in this roster too may give an account up (checked for repeats in the sheet).
  ctx.listedMobiles = new Set(rows.map((r) => parseMobile(r.cells['手机'] ?? '')).filter((m) => m !== null));
  return readSheet(ctx, PEOPLE, rows, {
    rejected: (v) => {
      if (v.mobile) ctx.rejected.people.add(v.mobile);
    },
  });
}
