import type { DataSource, EntityManager } from 'typeorm';
import type { TierThresholds } from '../../config';
import { inScope, type UnitScope } from './leader-scope';
import { tieredProblems } from '../tiered-problems';
import { addDays, type IsoDate } from '../../lib/time';
import { LeaderRepository, type OpenProblemRow } from '../../repositories/leader.repository';
import { ComplianceService, type CompliancePair, summarize } from '../compliance.service';
import { aggregate, type StatCell, type StatsReport, StatsService } from '../stats.service';
import type { WorkdayCalendar } from '../workday-calendar';
import { targetMet } from '../contact-rule/contact-rule';

/** A period of Beijing dates, inclusive. */
export interface Period {
  from: IsoDate;
  to: IsoDate;
}

/** Everything leaders' figures are made of, city-wide; `scopedFigures` cuts it to a leader's scope. */
export interface LeaderData {
  cur: Period;
  prev: Period;
  today: IsoDate;
  cells: StatCell[];
  prevCells: StatCell[];
  names: Map<string, string>;
  open: (OpenProblemRow & { tier: 'normal' | 'blue' | 'yellow' | 'red'; overdueDays: number })[];
  cadre: Awaited<ReturnType<LeaderRepository['cadreScores']>>;
  prevCadre: Awaited<ReturnType<LeaderRepository['cadreScores']>>;
  policy: Awaited<ReturnType<LeaderRepository['policyReach']>>;
  prevPolicy: Awaited<ReturnType<LeaderRepository['policyReach']>>;
  sessions: Awaited<ReturnType<LeaderRepository['sessions']>>;
}

/** Open problems by status (待交办 … 已答复) and by age since reported. */
export interface OpenSummary {
  total: number;
  byStatus: { pending: number; assigned: number; accepted: number; answered: number };
  byAge: { under15: number; from15to30: number; over30: number };
  byTier: { normal: number; blue: number; yellow: number; red: number };
}

/** One leader's figures for a period and the one before it. */
export interface LeaderFigures {
  report: StatsReport;
  prevReport: StatsReport;
  open: OpenSummary;
  /** The oldest overdue problem of each lead unit, most overdue first. */
  oldestOverdue: { unit: string; code: string; firm: string; days: number }[];
  /** The red and yellow problems, most overdue first (超期问题). */
  overdue: LeaderData['open'];
  cadre: { average: number | null; n: number };
  prevCadre: { average: number | null; n: number };
  policy: { pushed: number; read: number };
  prevPolicy: { pushed: number; read: number };
  sessions: { held: number; pending: number };
}

export interface LeaderDataDeps {
  ds: DataSource | EntityManager;
  calendar: WorkdayCalendar;
  tiers: TierThresholds;
}

/** Reads the data of a period and the one before it (each a few aggregate queries). */
export async function loadLeaderData(
  deps: LeaderDataDeps,
  cur: Period,
  prev: Period,
  today: IsoDate,
): Promise<LeaderData> {
  const stats = new StatsService(deps.ds);
  const repo = new LeaderRepository(deps.ds);
  // Independent reads, side by side (on a DataSource each takes a pooled connection; in a transaction's
  // EntityManager they queue on its one connection, as one after the other did).
  const [tieredRows, openRows, cells, prevCells, names, cadre, prevCadre, policy, prevPolicy, sessions] =
    await Promise.all([
      tieredProblems(deps.ds, today, deps.calendar, deps.tiers),
      repo.openProblems(),
      stats.cells(cur.from, cur.to, deps.calendar, today),
      stats.cells(prev.from, prev.to, deps.calendar, today),
      stats.unitNames(),
      repo.cadreScores(cur.from, cur.to),
      repo.cadreScores(prev.from, prev.to),
      repo.policyReach(cur.from, cur.to),
      repo.policyReach(prev.from, prev.to),
      repo.sessions(cur.from, cur.to),
    ]);
  const tiered = new Map(tieredRows.map((p) => [p.code, p.tier]));
  const open = openRows.map((p) => ({
    ...p,
    tier: tiered.get(p.code) ?? ('normal' as const),
    overdueDays: p.dueOn && p.dueOn < today ? deps.calendar.workdaysBetween(p.dueOn, today) : 0,
  }));
  return { cur, prev, today, cells, prevCells, names, open, cadre, prevCadre, policy, prevPolicy, sessions };
}

const mean = (xs: number[]) =>
  xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null;

/** The figures a leader with this scope sees: the same cut as the digests' (unit or district in scope). */
export function scopedFigures(d: LeaderData, scope: UnitScope): LeaderFigures {
  const keep = (r: { districtId: string; unitId: string | null }) => inScope(scope, r.districtId, r.unitId);
  const open = d.open.filter(keep);
  const age = (p: OpenProblemRow) => {
    const days = Math.round((Date.parse(d.today) - Date.parse(p.createdOn)) / 86_400_000);
    return days > 30 ? 'over30' : days >= 15 ? 'from15to30' : 'under15';
  };
  const summary: OpenSummary = {
    total: open.length,
    byStatus: { pending: 0, assigned: 0, accepted: 0, answered: 0 },
    byAge: { under15: 0, from15to30: 0, over30: 0 },
    byTier: { normal: 0, blue: 0, yellow: 0, red: 0 },
  };
  for (const p of open) {
    summary.byStatus[p.status]++;
    summary.byAge[age(p)]++;
    summary.byTier[p.tier]++;
  }
  const oldest = new Map<string, LeaderFigures['oldestOverdue'][number]>();
  for (const p of open) {
    if (p.overdueDays <= 0) continue;
    const unit = p.unitName ?? '未交办';
    const seen = oldest.get(unit);
    if (!seen || p.overdueDays > seen.days)
      oldest.set(unit, { unit, code: p.code, firm: p.enterpriseName, days: p.overdueDays });
  }
  const cadre = (rows: LeaderData['cadre']) => {
    const scores = rows.filter(keep).map((r) => r.score);
    return { average: mean(scores), n: scores.length };
  };
  const policy = (rows: LeaderData['policy']) => {
    const mine = rows.filter(keep);
    return { pushed: mine.length, read: mine.filter((r) => r.acknowledged).length };
  };
  const sessions = d.sessions.filter(keep);
  return {
    report: aggregate(d.cells, d.names, d.cur.from, d.cur.to, keep),
    prevReport: aggregate(d.prevCells, d.names, d.prev.from, d.prev.to, keep),
    open: summary,
    oldestOverdue: [...oldest.values()].sort((a, b) => b.days - a.days || a.unit.localeCompare(b.unit, 'zh')),
    overdue: open
      .filter((p) => p.tier === 'red' || p.tier === 'yellow')
      .sort(
        (a, b) =>
          (a.tier === b.tier ? 0 : a.tier === 'red' ? -1 : 1) ||
          b.overdueDays - a.overdueDays ||
          a.code.localeCompare(b.code),
      ),
    cadre: cadre(d.cadre),
    prevCadre: cadre(d.prevCadre),
    policy: policy(d.policy),
    prevPolicy: policy(d.prevPolicy),
    sessions: {
      held: sessions.filter((s) => s.done && s.heldOn >= d.cur.from && s.heldOn <= d.cur.to).length,
      pending: sessions.filter((s) => !s.done).length,
    },
  };
}

/**
 * 一月两见 达标率 at the end of each week (Monday–Sunday) ending on the given Sundays: the share of
 * the month's pairs (held at the week's end) that reached the firm's monthly target by then, in scope.
 */
export async function contactRateByWeek(
  db: DataSource | EntityManager,
  weekEnds: IsoDate[],
  scopes: UnitScope[],
): Promise<{ end: IsoDate; rates: number[] }[]> {
  const compliance = new ComplianceService(db);
  const out: { end: IsoDate; rates: number[] }[] = [];
  for (const end of weekEnds) {
    const month = end.slice(0, 7);
    const pairs: CompliancePair[] = await compliance.pairs(month, {
      openAt: new Date(`${addDays(end, 1)}T00:00:00+08:00`),
    });
    const counts: { enterprise_id: string; cadre_id: string; n: number }[] = await db.query(
      `SELECT enterprise_id, cadre_id, count(DISTINCT visited_on)::int AS n FROM visit
       WHERE visited_on BETWEEN $1 AND $2 GROUP BY enterprise_id, cadre_id`,
      [`${month}-01`, end],
    );
    const by = new Map(counts.map((c) => [`${c.enterprise_id}:${c.cadre_id}`, c.n]));
    const met = pairs.map((p) => ({
      ...p,
      met: targetMet(by.get(`${p.enterprise.id}:${p.cadre.id}`) ?? 0, p.target),
    }));
    out.push({
      end,
      rates: scopes.map(
        (s) => summarize(met.filter((p) => inScope(s, p.enterprise.districtId, p.cadre.unitId))).rate,
      ),
    });
  }
  return out;
}
