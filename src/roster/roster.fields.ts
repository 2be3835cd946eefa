import type { EnterpriseKind, GroupPurpose, ProblemKind, Role, UnitKind } from '../entities/enums';
import { ROLE_LABELS as ROLE_NAMES } from '../entities/labels';
import { invert } from '../lib/collections';

/** The roster's Chinese words for enum values. */
export const UNIT_KIND_LABELS: Record<string, UnitKind> = {
  区县: 'district',
  开发区: 'zone',
  市级部门: 'department',
  办理单位: 'handling',
  亲商助企办: 'campaign',
};
/** 角色: the words replies use for each role, read back (one table, `entities/labels`). */
export const ROLE_LABELS: Record<string, Role> = invert(ROLE_NAMES);
export const ENTERPRISE_KIND_LABELS: Record<string, EnterpriseKind> = {
  企业: 'enterprise',
  项目单位: 'project',
};
export const PURPOSE_LABELS: Record<string, GroupPurpose> = {
  企业群: 'enterprise',
  单位群: 'unit',
  区县群: 'district',
  领导群: 'leaders',
};
/** 人员.状态: empty or 在岗 (at work), 离岗 (away for a long time: kept, skipped, work handed on), 停用 (left). */
export type PersonStatus = 'active' | 'away' | 'disabled';
export const PERSON_STATUS_LABELS: Record<string, PersonStatus> = {
  在岗: 'active',
  离岗: 'away',
  停用: 'disabled',
};

export const HOLIDAY_KIND_LABELS: Record<string, 'off' | 'work'> = { 休: 'off', 班: 'work' };

/** The words of the category kinds: a category named one of these is of that kind, any other is a problem. */
export const CATEGORY_KIND_LABELS: Record<string, ProblemKind> = {
  问题: 'problem',
  帮办: 'assist',
  陪办: 'accompany',
  代办: 'proxy',
  绿色通道: 'green',
  诉求: 'request',
};

/** A category's kind follows from its name: the four services and 诉求 are special, the rest are problems. */
export function categoryKind(name: string): ProblemKind {
  return Object.hasOwn(CATEGORY_KIND_LABELS, name) ? CATEGORY_KIND_LABELS[name] : 'problem';
}

/** An 11-digit mainland mobile number (spaces and hyphens people type are dropped), or null. */
export function parseMobile(raw: string): string | null {
  const mobile = raw.replace(/[\s-]/g, '');
  return /^1[3-9]\d{9}$/.test(mobile) ? mobile : null;
}

/** Splits a list cell on 、，, / ; and spaces, dropping empty parts and repeats. */
export function splitList(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(/[、，,/；;\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** A YYYY-MM-DD string naming a real calendar day (no 2026-02-30), or null. */
export function parseDate(raw: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? raw : null;
}

/** A positive whole number (xlsx may give "5" for 5), or null. */
export function parsePositiveInt(raw: string): number | null {
  if (!/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return n > 0 && Number.isSafeInteger(n) ? n : null;
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
