import { addDays, mondayOf, type IsoDate } from '../../lib/time';

const DAY_MS = 86_400_000;

/** ISO-8601 week of a date, e.g. `2026-W48` (the week belongs to the year of its Thursday). */
export function isoWeekOf(date: IsoDate): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(mondayOf(`${year}-01-04`), 3);
  const week = 1 + Math.round((Date.parse(thursday) - Date.parse(firstThursday)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}
