import type { IsoDate, IsoMonth } from '../lib/time';

/** What a day is on the official calendar: 休 (off) or 班 (work), as the holiday table stores it. */
export type DayKind = 'off' | 'work';

/** A source of official days: explicit off/work dates and the years it knows about. */
export interface OfficialDays {
  /** Explicit dates; any date not listed is a plain weekday or weekend. */
  days: ReadonlyMap<IsoDate, DayKind>;
  /** Years the source has published data for. */
  years: ReadonlySet<number>;
}

/** Called the first time a calendar answers for a year no source covers. */
export type UncoveredYearListener = (year: number, message: string) => void;

const yearOf = (date: IsoDate) => Number(date.slice(0, 4));

const DAY_MS = 86_400_000;

/*
 * Calendar-date arithmetic on UTC day numbers. A `YYYY-MM-DD` names a day, not an instant, so UTC
 * arithmetic on it is zone-free; it is also ~100× faster than dayjs.tz, which matters because
 * tiers are computed for every open problem in digests and lists.
 */
const dayNumber = (date: IsoDate) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
const fromDayNumber = (n: number): IsoDate => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** 0 = Sunday … 6 = Saturday; day 0 (1970-01-01) was a Thursday. */
const weekdayOf = (date: IsoDate) => (((dayNumber(date) + 4) % 7) + 7) % 7;
const addDays = (date: IsoDate, days: number) => fromDayNumber(dayNumber(date) + days);
const lastOfMonth = (month: IsoMonth): IsoDate =>
  fromDayNumber(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1) / DAY_MS - 1);

/** The years that have at least one date in a map. */
export function yearsIn(days: Iterable<IsoDate>): Set<number> {
  const years = new Set<number>();
  for (const date of days) years.add(yearOf(date));
  return years;
}

/**
 * Working days on the Chinese official calendar (调休 included), pure and zone-free: dates are
 * `YYYY-MM-DD` strings. Overrides (the holiday table) win over the official source; a year neither
 * covers falls back to Mon–Fri and is reported once through the listener and `warnings()`.
 */
export class WorkdayCalendar {
  private readonly covered: Set<number>;
  private readonly uncoveredSeen = new Map<number, string>();

  /**
   * `completeOverrideYears`: the years the overrides hold a whole schedule for. The holiday table
   * passes only years its 节假日 sheet declares complete (see calendar-coverage.ts), so one stray row
   * does not make a year look covered; a caller handing a full schedule may leave it out (all years
   * of the overrides count).
   */
  constructor(
    private readonly overrides: ReadonlyMap<IsoDate, DayKind>,
    private readonly official: OfficialDays = { days: new Map(), years: new Set() },
    private readonly onUncoveredYear?: UncoveredYearListener,
    completeOverrideYears: Iterable<number> = yearsIn(overrides.keys()),
  ) {
    this.covered = new Set([...official.years, ...completeOverrideYears]);
  }

  /** Years whose days come from a source rather than the Mon–Fri fallback. */
  coveredYears(): number[] {
    return [...this.covered].sort((a, b) => a - b);
  }

  /** True when the official data or a complete 节假日 schedule has this year. */
  isCovered(year: number): boolean {
    return this.covered.has(year);
  }

  /** One line per year that was answered with the Mon–Fri fallback, for /healthz. */
  warnings(): string[] {
    return [...this.uncoveredSeen.entries()].sort(([a], [b]) => a - b).map(([, message]) => message);
  }

  /** True when people work on this date. */
  isWorkday(date: IsoDate): boolean {
    const override = this.overrides.get(date);
    if (override) return override === 'work';
    const year = yearOf(date);
    if (!this.covered.has(year)) this.noteUncovered(year);
    else if (this.official.years.has(year)) {
      const official = this.official.days.get(date);
      if (official) return official === 'work';
    }
    const weekday = weekdayOf(date);
    return weekday >= 1 && weekday <= 5;
  }

  /**
   * The n-th working day after `date` (n < 0: before). The start date itself never counts, so a
   * problem assigned on Friday with a 1-day limit is due on Monday; n = 0 returns `date` when it
   * is a working day, else the next one.
   */
  addWorkdays(date: IsoDate, n: number): IsoDate {
    if (n === 0) return this.isWorkday(date) ? date : this.nextWorkday(date);
    const step = n > 0 ? 1 : -1;
    let left = Math.abs(n);
    let day = date;
    while (left > 0) {
      day = addDays(day, step);
      if (this.isWorkday(day)) left--;
    }
    return day;
  }

  /**
   * Working days after `a` up to and including `b`; when `b` is before `a`, minus the count the
   * other way (antisymmetric). So `workdaysBetween(a, addWorkdays(a, n)) === n` for n > 0, and for
   * n < 0 when `a` is a working day.
   */
  workdaysBetween(a: IsoDate, b: IsoDate): number {
    if (a === b) return 0;
    if (b < a) return 0 - this.workdaysBetween(b, a) || 0;
    let count = 0;
    for (let day = addDays(a, 1); day <= b; day = addDays(day, 1)) {
      if (this.isWorkday(day)) count++;
    }
    return count;
  }

  /** The first working day strictly after `date`. */
  nextWorkday(date: IsoDate): IsoDate {
    return this.addWorkdays(date, 1);
  }

  /** The last working day strictly before `date`. */
  previousWorkday(date: IsoDate): IsoDate {
    return this.addWorkdays(date, -1);
  }

  /** True when `date` is a working day and one of the last n working days of its month. */
  isLastWorkdaysOfMonth(date: IsoDate, n: number): boolean {
    if (n <= 0 || !this.isWorkday(date)) return false;
    return this.workdaysBetween(date, lastOfMonth(date.slice(0, 7))) < n;
  }

  /** The first working day of a month (`YYYY-MM`). */
  firstWorkdayOfMonth(month: IsoMonth): IsoDate {
    return this.addWorkdays(`${month}-01`, 0);
  }

  /**
   * Warns now for every uncovered year from `from` to `days` calendar days later, so /healthz shows a
   * missing schedule before the first deadline lands in it.
   */
  lookAhead(from: IsoDate, days: number): void {
    const last = yearOf(addDays(from, days));
    for (let year = yearOf(from); year <= last; year++) {
      if (!this.covered.has(year)) this.noteUncovered(year);
    }
  }

  private noteUncovered(year: number): void {
    if (this.uncoveredSeen.has(year)) return;
    const message = `No official holiday data for ${year}: working days in ${year} are computed Mon–Fri; load the year's schedule in the roster's 节假日 sheet`;
    this.uncoveredSeen.set(year, message);
    this.onUncoveredYear?.(year, message);
  }
}
