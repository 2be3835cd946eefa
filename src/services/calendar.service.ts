import type { DataSource, EntityManager } from 'typeorm';
import { Holiday } from '../entities';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { dateOf, type IsoDate } from '../lib/time';
import { officialCalendar } from './calendar-official';
import { completeSheetYears, nextYearWarning } from './calendar-coverage';
import type { DayKind, WorkdayCalendar } from './workday-calendar';

/** Anything that hands out the calendar in force now (it changes when the 节假日 sheet is imported). */
export interface CalendarSource {
  current(): WorkdayCalendar;
}

/** The holiday table's rows, with the years its 节假日 sheet declares complete. */
async function loadSheet(db: DataSource | EntityManager) {
  const rows = await db.getRepository(Holiday).find({ order: { date: 'ASC' } });
  return {
    overrides: new Map<IsoDate, DayKind>(rows.map((row) => [row.date, row.kind])),
    complete: completeSheetYears(rows),
  };
}

// Process-wide, so a year is logged once however often the calendar is reloaded.
const loggedYears = new Set<number>();
let active: WorkdayCalendar | null = null;

/** Builds the calendar from chinese-days plus the holiday table, and makes it the one /healthz reports. */
export async function loadCalendar(
  db: DataSource | EntityManager,
  logger?: Logger,
): Promise<WorkdayCalendar> {
  const sheet = await loadSheet(db);
  const calendar = officialCalendar(
    sheet.overrides,
    (year, message) => {
      if (loggedYears.has(year)) return;
      loggedYears.add(year);
      logger?.warn({ year }, message);
    },
    sheet.complete,
  );
  active = calendar;
  return calendar;
}

/** Warnings of the calendar loaded last (years computed Mon–Fri), for /healthz. */
export function calendarWarnings(): string[] {
  return active?.warnings() ?? [];
}

/** How far ahead a refresh looks for years without a schedule: longer than any deadline plus extension. */
export const LOOKAHEAD_DAYS = 90;

/** Holds the calendar in force; `refresh()` at start and after the holiday table changes. */
export class CalendarService implements CalendarSource {
  private calendar: WorkdayCalendar | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly logger?: Logger,
    private readonly clock?: Clock,
  ) {}

  /** Loads (or reloads) the calendar from the database; with a clock, warns ahead of an uncovered year. */
  async refresh(): Promise<WorkdayCalendar> {
    const calendar = await loadCalendar(this.ds, this.logger);
    if (this.clock) calendar.lookAhead(dateOf(this.clock.now()), LOOKAHEAD_DAYS);
    this.calendar = calendar;
    return calendar;
  }

  /** The calendar in force; `refresh()` must have run once (at start). */
  current(): WorkdayCalendar {
    if (!this.calendar) throw new Error('CalendarService.refresh() has not run yet');
    return this.calendar;
  }

  /** Warnings of the calendar in force, and from 1 November a missing next year (see calendar-coverage). */
  warnings(): string[] {
    if (!this.calendar) return [];
    const next = this.clock ? nextYearWarning(this.calendar, dateOf(this.clock.now())) : null;
    return [...this.calendar.warnings(), ...(next ? [next] : [])];
  }
}
