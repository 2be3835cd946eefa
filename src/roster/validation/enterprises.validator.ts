import { normalizeCreditCode } from '../../lib/credit-code';
import { ENTERPRISES } from '../roster.sheets';
import type { RawRow, RosterEnterprise } from '../roster.types';
import { readSheet } from './read-sheet';
import type { ValidationContext } from './validation-context';

/** Rows of 企业 (columns in `roster.sheets.ts`); a rejected firm is not reported again where it is named. */
export function validateEnterprises(ctx: ValidationContext, rows: RawRow[]): RosterEnterprise[] {
  return readSheet(ctx, ENTERPRISES, rows, {
    rejected: (v, r) => {
      const keys = [normalizeCreditCode(r.cells['统一社会信用代码'] ?? ''), v.name, v.shortName];
      for (const key of keys) if (key) ctx.rejected.enterprises.add(key);
    },
  });
}
