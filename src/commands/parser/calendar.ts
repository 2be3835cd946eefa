import { dayjs, isIsoDate, ZONE, type IsoDate } from '../../lib/time';

/** `YYYY-MM-DD` from parts, or null when the parts do not make a real date (e.g. 2月30日). */
export function makeDate(year: number, month: number, day: number): IsoDate | null {
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** Calendar parts of a date, read from the string so no zone is involved. */
export function partsOf(date: IsoDate): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
}

/** The most recent date on or before today with this month and day (the year a person leaves out). */
export function latestMonthDay(month: number, day: number, today: IsoDate): IsoDate | null {
  const { year } = partsOf(today);
  // 2月29日 may need to reach back four years (eight across a century rule).
  for (let y = year; y > year - 9; y--) {
    const date = makeDate(y, month, day);
    if (date !== null && date <= today) return date;
  }
  return null;
}

/** The most recent date on or before today with this day of the month ("20号"). */
export function latestDayOfMonth(day: number, today: IsoDate): IsoDate | null {
  if (day < 1 || day > 31) return null;
  let month = dayjs.tz(today, ZONE).startOf('month');
  // A 31st can be up to two months back (e.g. asked on 3月1日: January).
  for (let i = 0; i < 3; i++, month = month.subtract(1, 'month')) {
    const date = makeDate(month.year(), month.month() + 1, day);
    if (date !== null && date <= today) return date;
  }
  return null;
}
