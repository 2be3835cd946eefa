import { monthWindow, type IsoDate, type IsoMonth } from '../../lib/time';

/** An assessment period: a month (2026-11), a half-year (2026H1, 2026H2) or a year (2026). */
export interface AssessmentPeriod {
  /** As typed: `2026-11`, `2026H2`, `2026`. */
  key: string;
  /** How a person reads it: 2026年11月, 2026年下半年, 2026年. */
  label: string;
  months: IsoMonth[];
  /** First and last Beijing dates, inclusive. */
  from: IsoDate;
  to: IsoDate;
}

const pad = (m: number) => String(m).padStart(2, '0');

/** Parses a period, or null when it is none of the three forms. */
export function parsePeriod(text: string): AssessmentPeriod | null {
  const t = text.trim().toUpperCase();
  let year: number;
  let first: number;
  let last: number;
  let label: string;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(t))) {
    year = Number(m[1]);
    first = last = Number(m[2]);
    label = `${year}年${first}月`;
  } else if ((m = /^(\d{4})H([12])$/.exec(t))) {
    year = Number(m[1]);
    first = m[2] === '1' ? 1 : 7;
    last = first + 5;
    label = `${year}年${m[2] === '1' ? '上' : '下'}半年`;
  } else if ((m = /^(\d{4})$/.exec(t))) {
    year = Number(m[1]);
    first = 1;
    last = 12;
    label = `${year}年`;
  } else return null;
  if (year < 2000 || year > 2100) return null;
  const months = Array.from({ length: last - first + 1 }, (_, i) => `${year}-${pad(first + i)}`);
  return {
    key: t,
    label,
    months,
    from: monthWindow(months[0]).first,
    to: monthWindow(months[months.length - 1]).last,
  };
}

/** The message for a period that does not parse. */
export const PERIOD_HELP = '考核周期格式：月度 2026-11，半年 2026H1 / 2026H2，年度 2026';
