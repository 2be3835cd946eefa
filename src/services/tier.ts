import type { TierThresholds } from '../config';
import type { ProblemStatus, Tier } from '../entities/enums';
import { addDays, type IsoDate } from '../lib/time';
import type { WorkdayCalendar } from './workday-calendar';

/**
 * Statuses whose deadline runs; everything else is 'normal'. Answering stops the unit's clock: an
 * answered problem waits for the enterprise (rating reminders, then 逾期未评价), never for the unit.
 */
export const TIERED_STATUSES: readonly ProblemStatus[] = ['assigned', 'accepted'];

/** What a tier depends on. */
export interface TierInput {
  status: ProblemStatus;
  dueOn: IsoDate | null;
  redoCount: number;
}

/**
 * The colour of an open problem on `today`:
 * 红 — overdue by more than `redOverdueDays` working days, or `redRedoCount` redos;
 * 黄 — past its deadline by up to `redOverdueDays` working days (a weekend day right after the
 *      deadline counts as overdue too, by 0 working days), or at least one redo;
 * 蓝 — not overdue and due within `blueWithinDays` working days after today (due today included);
 * otherwise normal. Overdue by k = working days after dueOn up to and including today.
 */
export function tierOf(
  problem: TierInput,
  today: IsoDate,
  calendar: WorkdayCalendar,
  t: TierThresholds,
): Tier {
  if (!TIERED_STATUSES.includes(problem.status) || problem.dueOn === null) return 'normal';
  if (problem.redoCount >= t.redRedoCount) return 'red';
  // Both tests walk at most a few working days, however old the deadline (digests tier every open problem).
  if (today > problem.dueOn) {
    // Overdue by more than R ⇔ the (R+1)-th working day after the deadline has come.
    return calendar.addWorkdays(problem.dueOn, t.redOverdueDays + 1) <= today ? 'red' : 'yellow';
  }
  if (problem.redoCount >= 1) return 'yellow';
  // Due within B ⇔ due before the (B+1)-th working day after today.
  return problem.dueOn < calendar.addWorkdays(today, t.blueWithinDays + 1) ? 'blue' : 'normal';
}

/**
 * The dueOn ranges (inclusive) that give each tier on `today`, ignoring redos, so a list can be
 * filtered in SQL with plain date comparisons. Red is dueOn ≤ redUntil; yellow is
 * yellowFrom ≤ dueOn ≤ yellowUntil; blue is blueFrom ≤ dueOn ≤ blueUntil; later is normal.
 * Combine with redo counts as `tierOf` does (see `tierCondition`).
 */
export interface TierBoundaries {
  redUntil: IsoDate;
  yellowFrom: IsoDate;
  yellowUntil: IsoDate;
  blueFrom: IsoDate;
  blueUntil: IsoDate;
}

/** The dueOn date ranges of each tier on `today`. */
export function tierBoundaries(today: IsoDate, calendar: WorkdayCalendar, t: TierThresholds): TierBoundaries {
  // Overdue by ≤ R working days ⇔ dueOn ≥ the (R+1)-th working day counted back from today inclusive.
  const oldestYellow = calendar.addWorkdays(addDays(today, 1), -(t.redOverdueDays + 1));
  // Due within B working days ⇔ dueOn is before the (B+1)-th working day after today.
  const firstNormal = calendar.addWorkdays(today, t.blueWithinDays + 1);
  return {
    redUntil: addDays(oldestYellow, -1),
    yellowFrom: oldestYellow,
    yellowUntil: addDays(today, -1),
    blueFrom: today,
    blueUntil: addDays(firstNormal, -1),
  };
}

/** A SQL condition for one tier, with its named parameters (TypeORM `:name` style). */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The SQL condition equal to `tierOf(...) === tier` for rows of `problem` aliased `alias`,
 * using the boundaries of `today`.
 */
export function tierCondition(tier: Tier, b: TierBoundaries, t: TierThresholds, alias = 'p'): SqlCondition {
  const statuses = TIERED_STATUSES.map((st) => `'${st}'`).join(', ');
  const open = `${alias}.status IN (${statuses}) AND ${alias}.due_on IS NOT NULL`;
  const red = `(${alias}.redo_count >= :tierRedRedo OR ${alias}.due_on <= :tierRedUntil)`;
  const yellow = `(${alias}.redo_count >= 1 OR ${alias}.due_on <= :tierYellowUntil)`;
  const blue = `${alias}.due_on <= :tierBlueUntil`;
  const params = {
    tierRedRedo: t.redRedoCount,
    tierRedUntil: b.redUntil,
    tierYellowUntil: b.yellowUntil,
    tierBlueUntil: b.blueUntil,
  };
  const sql = {
    red: `(${open} AND ${red})`,
    yellow: `(${open} AND NOT ${red} AND ${yellow})`,
    blue: `(${open} AND NOT ${red} AND NOT ${yellow} AND ${blue})`,
    normal: `NOT (${open} AND (${red} OR ${yellow} OR ${blue}))`,
  }[tier];
  return { sql, params };
}
