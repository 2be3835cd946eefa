import type { DataSource, EntityManager } from 'typeorm';
import { addDays, startOfDate, type IsoDate } from '../lib/time';
import type { WorkdayCalendar } from './workday-calendar';

/** Additive counts of one unit, district or the whole city over a date window. */
export interface StatCounts {
  /** Problems reported in the window. */
  reported: number;
  /** Problems (first) assigned in the window: the base of 响应率, 回退率 and 重办率. */
  assigned: number;
  /** …of which accepted within 1 working day of assignment. */
  respondedInTime: number;
  /** …of which returned (回退) at least once. */
  returned: number;
  /** …of which redone (重办) at least once. */
  redone: number;
  /** Problems whose deadline falls in the window (withdrawn ones excluded): the base of 解决率. */
  due: number;
  /** …of which closed (销号) by now with the enterprise's verdict (own or 代评) or by an admin. */
  closed: number;
  /** …of which closed as 逾期未评价 (answered, never rated): counted apart, never as closed or 满意. */
  closedUnrated: number;
  /** …of which closed on or before the deadline. */
  closedOnTime: number;
  /** Problems withdrawn in the window. */
  withdrawn: number;
  /** Unit ratings given in the window, and those 满意 or 基本满意. */
  rated: number;
  satisfied: number;
  /** …of the ratings, those recorded by the cadre on the firm's behalf (代评). */
  ratedByProxy: number;
}

/** The 三率 and the three other rates, 0–1 with three decimals; null when nothing counts yet. */
export interface StatRates {
  response: number | null;
  resolution: number | null;
  satisfaction: number | null;
  return: number | null;
  redo: number | null;
  onTime: number | null;
}

export interface StatsBlock {
  counts: StatCounts;
  rates: StatRates;
}

/** The `/api/stats` body (see the README's API section). */
export interface StatsReport {
  from: IsoDate;
  to: IsoDate;
  overall: StatsBlock;
  units: ({ unit: { id: string; name: string } } & StatsBlock)[];
  districts: ({ district: { id: string; name: string } } & StatsBlock)[];
}

const COUNT_KEYS: (keyof StatCounts)[] = [
  'reported',
  'assigned',
  'respondedInTime',
  'returned',
  'redone',
  'due',
  'closed',
  'closedUnrated',
  'closedOnTime',
  'withdrawn',
  'rated',
  'satisfied',
  'ratedByProxy',
];

const zero = (): StatCounts => Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as unknown as StatCounts;

const ratio = (n: number, d: number): number | null => (d > 0 ? Math.round((n / d) * 1000) / 1000 : null);

/** The rates of a set of counts. */
export function ratesOf(c: StatCounts): StatRates {
  return {
    response: ratio(c.respondedInTime, c.assigned),
    resolution: ratio(c.closed, c.due),
    satisfaction: ratio(c.satisfied, c.rated),
    return: ratio(c.returned, c.assigned),
    redo: ratio(c.redone, c.assigned),
    onTime: ratio(c.closedOnTime, c.due),
  };
}

/** One aggregate row: counts of problems led by `unitId` for firms in `districtId`. */
export interface StatCell {
  unitId: string | null;
  districtId: string;
  counts: StatCounts;
}

/** Working-day ordinals: ord(b) − ord(a) = working days after a up to and including b. */
function workdayOrdinals(calendar: WorkdayCalendar, from: IsoDate, to: IsoDate) {
  const days: IsoDate[] = [];
  const ords: number[] = [];
  let ord = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (calendar.isWorkday(d)) ord++;
    days.push(d);
    ords.push(ord);
  }
  return { days, ords };
}

/** A row of `StatsService.cells`' queries: a (lead unit, district) pair and the counts that query computes. */
type CellRow = { unitId: string | null; districtId: string } & Partial<StatCounts>;

/**
 * 三率 and friends, per unit (the lead unit) and per district (the enterprise's), from two SQL
 * aggregates grouped by (unit, district) and rolled up here. Windows are Beijing dates, inclusive.
 */
export class StatsService {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** The stats of [from, to] as of `today` (acceptances up to today count for 响应率). */
  async report(from: IsoDate, to: IsoDate, calendar: WorkdayCalendar, today: IsoDate): Promise<StatsReport> {
    return aggregate(await this.cells(from, to, calendar, today), await this.unitNames(), from, to);
  }

  /** Unit id → name, for labelling aggregates. */
  async unitNames(): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await this.db.query(`SELECT id, name FROM org_unit`);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Additive counts per (lead unit, enterprise district) for [from, to]; roll up with `aggregate`. */
  async cells(from: IsoDate, to: IsoDate, calendar: WorkdayCalendar, today: IsoDate): Promise<StatCell[]> {
    const { days, ords } = workdayOrdinals(calendar, from, today > to ? today : to);
    const start = startOfDate(from);
    const end = startOfDate(addDays(to, 1));
    const problems = await this.db.query<CellRow[]>(
      `WITH days AS (SELECT * FROM unnest($5::date[], $6::int[]) AS t(day, ord)),
       p AS (
         SELECT p.lead_unit_id, e.district_id, p.status, p.due_on, p.return_count, p.redo_count,
                p.created_at, p.assigned_at, p.withdrawn_at, coalesce(p.closure = 'unrated', false) AS unrated,
                (p.assigned_at AT TIME ZONE 'Asia/Shanghai')::date AS assigned_on,
                (p.accepted_at AT TIME ZONE 'Asia/Shanghai')::date AS accepted_on,
                (p.closed_at AT TIME ZONE 'Asia/Shanghai')::date AS closed_on
         FROM problem p JOIN enterprise e ON e.id = p.enterprise_id
         WHERE (p.created_at >= $1 AND p.created_at < $2) OR (p.assigned_at >= $1 AND p.assigned_at < $2)
            OR (p.due_on BETWEEN $3 AND $4) OR (p.withdrawn_at >= $1 AND p.withdrawn_at < $2)
       )
       SELECT p.lead_unit_id AS "unitId", p.district_id AS "districtId",
         count(*) FILTER (WHERE p.created_at >= $1 AND p.created_at < $2)::int AS reported,
         count(*) FILTER (WHERE p.assigned_at >= $1 AND p.assigned_at < $2)::int AS assigned,
         count(*) FILTER (WHERE p.assigned_at >= $1 AND p.assigned_at < $2 AND dc.ord - da.ord <= 1)::int
           AS "respondedInTime",
         count(*) FILTER (WHERE p.assigned_at >= $1 AND p.assigned_at < $2 AND p.return_count > 0)::int AS returned,
         count(*) FILTER (WHERE p.assigned_at >= $1 AND p.assigned_at < $2 AND p.redo_count > 0)::int AS redone,
         count(*) FILTER (WHERE p.due_on BETWEEN $3 AND $4 AND p.status <> 'withdrawn')::int AS due,
         count(*) FILTER (WHERE p.due_on BETWEEN $3 AND $4 AND p.status = 'closed' AND p.unrated)::int
           AS "closedUnrated",
         count(*) FILTER (WHERE p.due_on BETWEEN $3 AND $4 AND p.status = 'closed' AND NOT p.unrated)::int AS closed,
         count(*) FILTER (WHERE p.due_on BETWEEN $3 AND $4 AND p.status = 'closed' AND NOT p.unrated
                          AND p.closed_on <= p.due_on)::int AS "closedOnTime",
         count(*) FILTER (WHERE p.withdrawn_at >= $1 AND p.withdrawn_at < $2)::int AS withdrawn
       FROM p
       LEFT JOIN days da ON da.day = p.assigned_on
       LEFT JOIN days dc ON dc.day = p.accepted_on
       GROUP BY p.lead_unit_id, p.district_id`,
      [start, end, from, to, days, ords],
    );
    const ratings = await this.db.query<CellRow[]>(
      `SELECT r.unit_id AS "unitId", e.district_id AS "districtId", count(*)::int AS rated,
              count(*) FILTER (WHERE r.verdict IN ('satisfied', 'basic'))::int AS satisfied,
              count(*) FILTER (WHERE r.by_proxy)::int AS "ratedByProxy"
       FROM rating r JOIN enterprise e ON e.id = r.enterprise_id
       WHERE r.subject = 'unit' AND r.created_at >= $1 AND r.created_at < $2
       GROUP BY r.unit_id, e.district_id`,
      [start, end],
    );
    // Each row is one cell's counts under StatCounts' own names; the counts it does not carry are zero.
    return [...problems, ...ratings].map(({ unitId, districtId, ...counts }) => ({
      unitId,
      districtId,
      counts: { ...zero(), ...counts },
    }));
  }
}

/**
 * Rolls cells up overall, per unit and per district; `keep` restricts to a leader's scope (a cell
 * counts when its unit or its district is in scope, as the ledger scopes problems).
 */
export function aggregate(
  cells: readonly StatCell[],
  names: ReadonlyMap<string, string>,
  from: IsoDate,
  to: IsoDate,
  keep: (cell: StatCell) => boolean = () => true,
): StatsReport {
  const overall = zero();
  const units = new Map<string, StatCounts>();
  const districts = new Map<string, StatCounts>();
  for (const cell of cells) {
    if (!keep(cell)) continue;
    add(overall, cell.counts);
    if (cell.unitId) add(getOr(units, cell.unitId), cell.counts);
    add(getOr(districts, cell.districtId), cell.counts);
  }
  const labelled = (map: Map<string, StatCounts>) =>
    [...map]
      .map(([id, counts]) => ({ id, name: names.get(id) ?? '', counts }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  return {
    from,
    to,
    overall: { counts: overall, rates: ratesOf(overall) },
    units: labelled(units).map(({ id, name, counts }) => ({
      unit: { id, name },
      counts,
      rates: ratesOf(counts),
    })),
    districts: labelled(districts).map(({ id, name, counts }) => ({
      district: { id, name },
      counts,
      rates: ratesOf(counts),
    })),
  };
}

function add(into: StatCounts, more: StatCounts): void {
  for (const k of COUNT_KEYS) into[k] += more[k];
}

function getOr(map: Map<string, StatCounts>, key: string): StatCounts {
  let counts = map.get(key);
  if (!counts) map.set(key, (counts = zero()));
  return counts;
}

/** A unit's or district's standing: the mean of its known 三率 and 按时办结率 (null when none is known). */
export function scoreOf(rates: StatRates): number | null {
  const known = [rates.response, rates.resolution, rates.satisfaction, rates.onTime].filter(
    (r): r is number => r !== null,
  );
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

/**
 * 件数 of a unit or district in a period, the floor for 红黑榜: the larger of the problems assigned
 * to it in the period and the problems due in it.
 */
export function problemVolume(c: StatCounts): number {
  return Math.max(c.assigned, c.due);
}

/**
 * 红黑榜: the best and the worst `n` by score (nobody is on both; those with no score are on
 * neither). With counts, only those with at least `minProblems` problems (件数) and at least one
 * enter either list: a unit with nothing to handle is on neither.
 */
export function rankings<T extends { rates: StatRates; counts?: StatCounts }>(
  items: readonly T[],
  n = 3,
  minProblems = 1,
): { red: T[]; black: T[] } {
  const scored = items
    .filter((item) => !item.counts || problemVolume(item.counts) >= Math.max(1, minProblems))
    .map((item) => ({ item, score: scoreOf(item.rates) }))
    .filter((s): s is { item: T; score: number } => s.score !== null)
    .sort((a, b) => b.score - a.score);
  const red = scored.slice(0, n);
  const black = scored.slice(red.length).slice(-n).reverse();
  return { red: red.map((s) => s.item), black: black.map((s) => s.item) };
}
