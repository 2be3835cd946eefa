import data from 'chinese-days/dist/chinese-days.json';
import type { IsoDate } from '../lib/time';
import {
  type DayKind,
  type OfficialDays,
  type UncoveredYearListener,
  WorkdayCalendar,
  yearsIn,
} from './workday-calendar';

interface ChineseDaysData {
  holidays: Record<IsoDate, string>;
  workdays: Record<IsoDate, string>;
}

/**
 * The official calendar as published in the `chinese-days` package. We read its data file rather
 * than call its `isWorkday`: that parses `YYYY-MM-DD` at UTC midnight and then reads local-time
 * fields, so its answers shift by a day on servers west of UTC.
 */
export function chineseDaysOfficial(source: ChineseDaysData = data): OfficialDays {
  const days = new Map<IsoDate, DayKind>();
  for (const date of Object.keys(source.holidays)) days.set(date, 'off');
  for (const date of Object.keys(source.workdays)) days.set(date, 'work');
  // A year is covered only when it has holidays: make-up workdays alone would be a partial schedule.
  return { days, years: yearsIn(Object.keys(source.holidays)) };
}

let cached: OfficialDays | null = null;

/** A calendar on chinese-days plus overrides, with no database (tests, scripts, the pure core). */
export function officialCalendar(
  overrides: ReadonlyMap<IsoDate, DayKind> = new Map(),
  onUncoveredYear?: UncoveredYearListener,
  completeOverrideYears?: Iterable<number>,
): WorkdayCalendar {
  cached ??= chineseDaysOfficial();
  return new WorkdayCalendar(overrides, cached, onUncoveredYear, completeOverrideYears);
}
