import { parseContactTarget } from '../../services/contact-rule';
import { isValidCreditCode, normalizeCreditCode } from '../../lib/credit-code';
import { q } from '../roster-errors';
import { ENTERPRISE_KIND_LABELS } from '../roster.fields';
import type { RawRow, RosterEnterprise } from '../roster.types';
import type { ValidationContext } from './validation-context';

/** Rows of 企业: a valid, unrepeated credit code, a district or zone, a known kind (企业 by default),
 * a valid 每月走访次数 when given. */
export function validateEnterprises(ctx: ValidationContext, rows: RawRow[]): RosterEnterprise[] {
  const out: RosterEnterprise[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    let ok = ctx.basics(r);
    const c = r.cells;
    const code = normalizeCreditCode(c['统一社会信用代码'] ?? '');
    if (code && !isValidCreditCode(code)) {
      ctx.errors.cell(
        r.sheet,
        r.row,
        '统一社会信用代码',
        `${q(c['统一社会信用代码'])} 不是有效的统一社会信用代码`,
      );
      ok = false;
    } else if (code && !ctx.unique(seen, code, r, '统一社会信用代码', code)) ok = false;
    const district = c['所属区县'] ?? '';
    if (district && !ctx.unitRef(r, '所属区县', district, true)) ok = false;
    const kind = ctx.label(r, '类型', ENTERPRISE_KIND_LABELS, {
      blank: 'enterprise',
      expected: '企业 或 项目单位',
    });
    if (!kind) ok = false;
    const target = parseContactTarget(c['每月走访次数'] ?? '');
    if (!target.ok) {
      ctx.errors.cell(r.sheet, r.row, '每月走访次数', target.reason);
      ok = false;
    }
    if (ok && kind && target.ok) {
      out.push({
        row: r.row,
        name: c['企业名称'],
        shortName: c['简称'] || null,
        creditCode: code,
        districtName: district,
        industry: c['行业'] || null,
        kind,
        contactTarget: target.value,
      });
    } else {
      for (const key of [code, c['企业名称'], c['简称']]) if (key) ctx.rejected.enterprises.add(key);
    }
  }
  return out;
}
