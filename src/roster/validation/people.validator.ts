import type { Role } from '../../entities/enums';
import { q } from '../roster-errors';
import { parseMobile, PERSON_STATUS_LABELS, ROLE_LABELS, splitList } from '../roster.fields';
import type { RawRow, RosterPerson } from '../roster.types';
import { labelList, lookup, type ValidationContext } from './validation-context';

/** Rows of 人员: mobile, unit, roles, platform accounts held by nobody else, 所属企业 for contacts. */
export function validatePeople(ctx: ValidationContext, rows: RawRow[]): RosterPerson[] {
  const out: RosterPerson[] = [];
  const seen = new Map<string, number>();
  const accounts = new Map<string, number>();
  // A holder who is in this roster too may give the account up (checked for repeats below).
  const listed = new Set(rows.map((r) => parseMobile(r.cells['手机'] ?? '')).filter((m) => m !== null));
  for (const r of rows) {
    let ok = ctx.basics(r);
    const c = r.cells;
    const mobile = ctx.mobile(r, '手机');
    if (mobile === null || (mobile && !ctx.unique(seen, mobile, r, '手机', mobile))) ok = false;
    const unit = c['单位'] ?? '';
    if (unit && !ctx.unitRef(r, '单位', unit)) ok = false;
    const roles = parseRoles(ctx, r);
    if (!roles) ok = false;
    for (const [column, platform] of [
      ['企业微信账号', 'wecom'],
      ['钉钉账号', 'dingtalk'],
    ] as const) {
      const account = c[column] ?? '';
      if (!account) continue;
      if (!ctx.unique(accounts, `${platform}:${account}`, r, column, account)) ok = false;
      const holder = ctx.existing.accounts.get(`${platform}:${account}`);
      if (holder && mobile && holder !== mobile && !listed.has(holder)) {
        ctx.errors.cell(r.sheet, r.row, column, `${q(account)} 已属于系统中手机号为 ${holder} 的人员`);
        ok = false;
      }
    }
    const enterpriseRef = c['所属企业'] ?? '';
    let enterpriseCode: string | null = null;
    if (enterpriseRef) {
      enterpriseCode = ctx.enterpriseRef(r, '所属企业', enterpriseRef);
      if (!enterpriseCode) ok = false;
    } else if (roles?.includes('contact')) {
      ctx.errors.cell(r.sheet, r.row, '所属企业', '角色含企业联系人时必须填写所属企业');
      ok = false;
    }
    const status = ctx.label(r, '状态', PERSON_STATUS_LABELS, {
      blank: 'active',
      expected: `${labelList(PERSON_STATUS_LABELS)}（或留空表示在岗）`,
    });
    if (!status) ok = false;
    if (ok && mobile && roles && status) {
      out.push({
        row: r.row,
        name: c['姓名'],
        mobile,
        unitName: unit,
        roles,
        wecomUserId: c['企业微信账号'] || null,
        dingtalkUserId: c['钉钉账号'] || null,
        enterpriseCode,
        status,
      });
    } else if (mobile) {
      ctx.rejected.people.add(mobile);
    }
  }
  return out;
}

function parseRoles(ctx: ValidationContext, r: RawRow): Role[] | null {
  const raw = r.cells['角色'] ?? '';
  if (!raw) return null;
  const roles: Role[] = [];
  for (const label of splitList(raw)) {
    const role = lookup(ROLE_LABELS, label);
    if (!role) {
      ctx.errors.cell(r.sheet, r.row, '角色', `${q(label)} 不是有效的角色，应为 ${labelList(ROLE_LABELS)}`);
      return null;
    }
    if (!roles.includes(role)) roles.push(role);
  }
  return roles;
}
