import type { ScheduledJobHandler } from '../catalogue';
import { addDays, dateOf, formatDateZh, monthOf, startOfDate, type IsoDate } from '../../lib/time';
import { nextYearDigestLine } from '../../services/calendar-coverage';
import { ComplianceService, summarize } from '../../services/compliance.service';
import { sendToLeaders } from './digest-targets';
import { brief, cappedMap, markdown, pct } from '../../services/leader/format';
import { countTrend } from '../../services/leader/leader-lines';
import type { JobDeps } from './job-deps';
import { keyPrefix, runPeriod } from './job-run';
import { officeFindings, sendOfficeDigest } from './office-digest';
import { inScope, type UnitScope } from '../../services/leader/leader-scope';
import { tieredProblems } from '../../services/tiered-problems';

const JOB = 'digest-daily';
/** Red problems listed by name in one digest; the rest are counted. */
const RED_LINES = 15;

interface Activity {
  kind: 'visit' | 'reported' | 'closed';
  districtId: string;
  unitId: string | null;
  n: number;
}

/** Visits, new and closed problems in [from, to] (Beijing dates), per (district, unit). */
async function activity(deps: JobDeps, from: IsoDate, to: IsoDate): Promise<Activity[]> {
  const rows: { kind: Activity['kind']; district_id: string; unit_id: string | null; n: number }[] =
    await deps.ds.query(
      `SELECT 'visit' AS kind, e.district_id, c.unit_id, count(*)::int AS n
       FROM visit v JOIN enterprise e ON e.id = v.enterprise_id JOIN person c ON c.id = v.cadre_id
       WHERE v.visited_on BETWEEN $1 AND $2 GROUP BY e.district_id, c.unit_id
       UNION ALL
       SELECT 'reported', e.district_id, p.lead_unit_id, count(*)::int
       FROM problem p JOIN enterprise e ON e.id = p.enterprise_id
       WHERE p.created_at >= $3 AND p.created_at < $4 GROUP BY e.district_id, p.lead_unit_id
       UNION ALL
       SELECT 'closed', e.district_id, p.lead_unit_id, count(*)::int
       FROM problem p JOIN enterprise e ON e.id = p.enterprise_id
       WHERE p.closed_at >= $3 AND p.closed_at < $4 GROUP BY e.district_id, p.lead_unit_id`,
      [from, to, startOfDate(from), startOfDate(addDays(to, 1))],
    );
  return rows.map((r) => ({ kind: r.kind, districtId: r.district_id, unitId: r.unit_id, n: r.n }));
}

/**
 * digest-daily (working days): since the previous working day — new visits, new and closed
 * problems — plus 待交办 count, today's red list and this month's 一月两见 progress, scoped per
 * leader; and the campaign office's admins get their own list (office-digest.ts): 待交办 problems,
 * problems nobody reachable can move (the liveness check), notices that reached nobody and
 * messages that failed for good.
 */
export function digestDailyJob(deps: JobDeps): ScheduledJobHandler {
  return async (at) => {
    const today = dateOf(at);
    const cal = deps.calendar.current();
    if (!cal.isWorkday(today)) return { sent: 0, period: today, note: 'not a working day' };
    return runPeriod(deps, JOB, today, async () => {
      const from = cal.previousWorkday(today);
      const to = addDays(today, -1);
      const acts = await activity(deps, from, to);
      // The period before, as long a span of working days back: each figure stands beside it.
      const prevFrom = cal.previousWorkday(from);
      const prevActs = await activity(deps, prevFrom, addDays(from, -1));
      const red = await tieredProblems(deps.ds, today, cal, deps.tiers, 'red');
      const pairs = await new ComplianceService(deps.ds).pairs(monthOf(at), { openAt: at });
      const findings = await officeFindings(deps.ds.manager, deps.notifier, from, today, cal);
      const pending: { district_id: string }[] = await deps.ds.query(
        `SELECT e.district_id FROM problem p JOIN enterprise e ON e.id = p.enterprise_id WHERE p.status = 'pending'`,
      );
      const calendarLine = nextYearDigestLine(cal, today);

      const build = (scope: UnitScope, label: string | null) => {
        const total = (list: Activity[], kind: Activity['kind']) =>
          list
            .filter((a) => a.kind === kind && inScope(scope, a.districtId, a.unitId))
            .reduce((n, a) => n + a.n, 0);
        const sum = (kind: Activity['kind']) =>
          `${total(acts, kind)} ${kind === 'visit' ? '次' : '个'}${countTrend(total(acts, kind), total(prevActs, kind), '前次')}`;
        const reds = red.filter((p) => inScope(scope, p.districtId, p.unitId));
        const s = summarize(pairs.filter((p) => inScope(scope, p.enterprise.districtId, p.cadre.unitId)));
        const since = from === to ? formatDateZh(from) : `${formatDateZh(from)}至${formatDateZh(to)}`;
        return markdown('每日简报', [
          `### 每日简报 · ${formatDateZh(today)}`,
          `范围：${label ?? '全市'}`,
          `${since}：新增走访 ${sum('visit')}，新增问题 ${sum('reported')}，销号 ${sum('closed')}。`,
          `待交办问题 ${pending.filter((p) => inScope(scope, p.district_id)).length} 个。`,
          reds.length ? `**红色预警 ${reds.length} 个：**` : '红色预警：无。',
          ...cappedMap(
            reds,
            RED_LINES,
            (p) =>
              `- ${p.code} ${p.enterpriseName}：${brief(p.description, 16)} · ${p.unitName ?? '未交办'}（已超期 ${cal.workdaysBetween(p.dueOn, today)} 个工作日）`,
          ),
          `本月一月两见：包联 ${s.pairs} 对，已达标 ${s.met} 对（${pct(s.rate)}）。`,
          ...(calendarLine ? [calendarLine] : []),
        ]);
      };
      const unreachable = await sendToLeaders(deps, keyPrefix(JOB, today), build);
      const office = await sendOfficeDigest(
        deps.ds.manager,
        deps.notifier,
        `${keyPrefix(JOB, today)}office`,
        findings,
        today,
      );
      const notes = [
        ...(unreachable ? [`${unreachable} leader(s) unreachable`] : []),
        ...(office.route ? [] : ['campaign office unreachable']),
        ...(findings.stalled.length
          ? [`${findings.stalled.length} problem(s) without a reachable next actor`]
          : []),
      ];
      return notes.length ? notes.join('; ') : undefined;
    });
  };
}
