/**
 * The contact rule (一月两见): a cadre contacts each paired firm on at least `target` distinct Beijing days a
 * month. The target is 2 unless the roster gives a key firm its own (企业.每月走访次数, e.g. 3). Every
 * count, comparison and sentence about the target goes through this module.
 */

/** Contact days a firm needs each month when the roster says nothing. */
export const DEFAULT_CONTACT_TARGET = 2;
/** The range the roster accepts for 每月走访次数 (below 2 would undercut the campaign's rule). */
export const MIN_CONTACT_TARGET = 2;
export const MAX_CONTACT_TARGET = 10;

/** A firm's monthly target from its stored column (null = the default). */
export function contactTarget(stored: number | null | undefined): number {
  return stored ?? DEFAULT_CONTACT_TARGET;
}

/** The SQL expression of the target of the enterprise row aliased `alias` (for aggregates that compare). */
export function contactTargetSql(alias: string): string {
  return `coalesce(${alias}.contact_target, ${DEFAULT_CONTACT_TARGET})`;
}

/** The pair met its target this month. */
export function targetMet(contacts: number, target: number): boolean {
  return contacts >= target;
}

/** Contact days still missing this month (0 when met). */
export function contactsMissing(contacts: number, target: number): number {
  return Math.max(0, target - contacts);
}

const DIGITS = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];

/** "两", "三", … for a count of times (两次, 三次); digits beyond 十. */
export function timesZh(n: number): string {
  return Number.isInteger(n) && n >= 0 && n < DIGITS.length ? DIGITS[n] : String(n);
}

/** The rule's name for a target: 一月两见 (the default), 一月三见 for a key firm with 3. */
export function ruleName(target: number = DEFAULT_CONTACT_TARGET): string {
  return `一月${timesZh(target)}见`;
}

/**
 * A roster cell of 每月走访次数: empty means the default (null is stored); otherwise an integer in range.
 * Returns the value or a Chinese reason for the error report.
 */
export function parseContactTarget(
  cell: string,
): { ok: true; value: number | null } | { ok: false; reason: string } {
  const text = cell.trim();
  if (text === '') return { ok: true, value: null };
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < MIN_CONTACT_TARGET || n > MAX_CONTACT_TARGET) {
    return {
      ok: false,
      reason: `“${text}” 不是有效的每月走访次数，应为 ${MIN_CONTACT_TARGET} 到 ${MAX_CONTACT_TARGET} 的整数（留空为每月 ${DEFAULT_CONTACT_TARGET} 次）`,
    };
  }
  return { ok: true, value: n };
}
