import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every calendar question in the campaign is asked in Beijing time. */
export const ZONE = 'Asia/Shanghai';

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;
/** A calendar month as `YYYY-MM`. */
export type IsoMonth = string;

/** The instant as a Dayjs in Asia/Shanghai. */
export function inZone(instant: Date | string | number): Dayjs {
  return dayjs(instant).tz(ZONE);
}

/**
 * The instant as ISO 8601 in Beijing time with its offset, e.g. "2026-11-25T09:00:00+08:00" — what
 * `inZone(ms).format()` gives, by fixed-offset arithmetic (China is UTC+8 all year since 1991): ≈ 2 µs
 * instead of ≈ 0.3 ms, for hot paths such as stamping a callback's sentAt.
 */
export function beijingIso(ms: number): string {
  const shifted = new Date(ms + 8 * 3_600_000);
  const iso = Number.isNaN(shifted.getTime()) ? '' : shifted.toISOString();
  // Outside years 0000–9999 (or before 1992, when the zone had summer time) let dayjs decide.
  if (!/^\d{4}-/.test(iso) || ms < 694_224_000_000) return inZone(ms).format();
  return `${iso.slice(0, 19)}+08:00`;
}

/** The Beijing calendar date of an instant. */
export function dateOf(instant: Date): IsoDate {
  return inZone(instant).format('YYYY-MM-DD');
}

/** The Beijing calendar month of an instant. */
export function monthOf(instant: Date): IsoMonth {
  return inZone(instant).format('YYYY-MM');
}

/** Midnight at the start of a Beijing calendar date. */
export function startOfDate(date: IsoDate): Date {
  return dayjs.tz(date, ZONE).toDate();
}

/** The half-open window [start, next start) of a Beijing calendar month. */
export function monthWindow(month: IsoMonth): { start: Date; end: Date; first: IsoDate; last: IsoDate } {
  const start = dayjs.tz(`${month}-01`, ZONE);
  const next = start.add(1, 'month');
  return {
    start: start.toDate(),
    end: next.toDate(),
    first: start.format('YYYY-MM-DD'),
    last: next.subtract(1, 'day').format('YYYY-MM-DD'),
  };
}

/** Adds whole calendar days to a date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return dayjs.tz(date, ZONE).add(days, 'day').format('YYYY-MM-DD');
}

/** The previous calendar month. */
export function previousMonth(month: IsoMonth): IsoMonth {
  return dayjs.tz(`${month}-01`, ZONE).subtract(1, 'month').format('YYYY-MM');
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** 0 = Sunday … 6 = Saturday, for a calendar date. */
export function weekdayOf(date: IsoDate): number {
  return dayjs.tz(date, ZONE).day();
}

/** The Monday of the Monday-first week holding a date: how Chinese speakers count 这周/上周, and ISO weeks. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** "11月20日（周五）" — how the bot echoes a resolved date. */
export function formatDateZh(date: IsoDate): string {
  const d = dayjs.tz(date, ZONE);
  return `${d.month() + 1}月${d.date()}日（${WEEKDAYS[d.day()]}）`;
}

/** ISO-8601 with the +08:00 offset, as the JSON API shows times. */
export function isoInZone(instant: Date): string {
  return inZone(instant).format('YYYY-MM-DDTHH:mm:ss.SSSZ');
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real `YYYY-MM-DD` calendar date. */
export function isIsoDate(value: string): boolean {
  return DATE_RE.test(value) && dayjs.tz(value, ZONE).format('YYYY-MM-DD') === value;
}

export { dayjs };
