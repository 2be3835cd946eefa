import type { IsoDate } from '../lib/time';
import type { DayKind, WorkdayCalendar } from './workday-calendar';

/** A row of the holiday table as coverage needs it. */
export interface HolidayRow {
  date: IsoDate;
  kind: DayKind;
  name: string;
}

/**
 * The State Council's yearly notice always opens with the 春节 block (seven or more days off); a sheet
 * with at least this many 休 rows named 春节 in a year is taken as that year's whole schedule.
 */
export const SPRING_FESTIVAL_MIN_DAYS = 3;

/**
 * Years the 节假日 sheet declares complete: those holding the year's 春节 block (休 rows whose 名称
 * contains 春节). A year with only some rows (a single 调休 day, a New Year's Day) is not covered, so
 * its other holidays are not silently taken for working days.
 */
export function completeSheetYears(rows: readonly HolidayRow[]): Set<number> {
  const springDays = new Map<number, number>();
  for (const row of rows) {
    if (row.kind !== 'off' || !row.name.includes('春节')) continue;
    const year = Number(row.date.slice(0, 4));
    springDays.set(year, (springDays.get(year) ?? 0) + 1);
  }
  return new Set([...springDays].filter(([, n]) => n >= SPRING_FESTIVAL_MIN_DAYS).map(([year]) => year));
}

/** From 1 November (when the next year's schedule is published) until it is loaded: the next year. */
export function missingNextYear(calendar: WorkdayCalendar, today: IsoDate): number | null {
  const year = Number(today.slice(0, 4));
  if (Number(today.slice(5, 7)) < 11) return null;
  return calendar.isCovered(year + 1) ? null : year + 1;
}

/** The /healthz warning for a missing next year, or null. */
export function nextYearWarning(calendar: WorkdayCalendar, today: IsoDate): string | null {
  const year = missingNextYear(calendar, today);
  return year === null
    ? null
    : `No holiday schedule for ${year} yet: deadlines in ${year} are computed Mon–Fri. Load the State Council's ${year} schedule (with its 春节 rows) in the roster's 节假日 sheet and re-import`;
}

/** The daily digest's line for a missing next year, or null. */
export function nextYearDigestLine(calendar: WorkdayCalendar, today: IsoDate): string | null {
  const year = missingNextYear(calendar, today);
  return year === null
    ? null
    : `> ⚠️ 尚未载入${year}年节假日安排：${year}年的办理时限暂按周一至周五计算。请亲商助企办在花名册“节假日”表中载入${year}年安排（含春节各天）后重新导入。`;
}
