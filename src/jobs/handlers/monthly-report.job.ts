import type { ScheduledJobHandler } from '../catalogue';
import { dateOf, formatDateZh, monthOf, monthWindow, previousMonth } from '../../lib/time';
import { type CompliancePair, ComplianceService, summarize } from '../../services/compliance.service';
import { DEFAULT_FOLLOW_UP } from '../../config';
import {
  aggregate,
  rankings,
  type StatCounts,
  type StatRates,
  StatsService,
} from '../../services/stats.service';
import { sendToLeaders } from './digest-targets';
import { capped, markdown, pct, rankBlock } from './format';
import type { JobDeps } from './job-deps';
import { keyPrefix, runPeriod } from './job-run';
import { inScope, type UnitScope } from './leader-scope';
import { tieredProblems } from './tiered-problems';
import { listForReport } from '../../services/accountability/report-list';
import { accountabilityBlock } from './accountability-block';

const JOB = 'monthly-report';

/** Cadres with at least one pair short of 一月两见, most misses first. */
function missedByCadre(
  pairs: CompliancePair[],
): { name: string; unit: string; missed: number; of: number }[] {
  const byCadre = new Map<string, { name: string; unit: string; missed: number; of: number }>();
  for (const p of pairs) {
    const row = byCadre.get(p.cadre.id) ?? {
      name: p.cadre.name,
      unit: p.cadre.unitName ?? '',
      missed: 0,
      of: 0,
    };
    row.of++;
    if (!p.met) row.missed++;
    byCadre.set(p.cadre.id, row);
  }
  return [...byCadre.values()]
    .filter((c) => c.missed > 0)
    .sort((a, b) => b.missed - a.missed || a.name.localeCompare(b.name, 'zh'));
}

/**
 * monthly-report (first working day of the month): the 通报 of last month — cadres who missed
 * 一月两见, units with red problems now, 红黑榜 of units (last month's stats) and of districts
 * (一月两见 rate) — scoped per leader. The period is the month reported on.
 */
export function monthlyReportJob(deps: JobDeps): ScheduledJobHandler {
  return async (at) => {
    const today = dateOf(at);
    const cal = deps.calendar.current();
    const period = previousMonth(monthOf(at));
    if (cal.firstWorkdayOfMonth(monthOf(at)) !== today) {
      return { sent: 0, period, note: 'not the first working day of the month' };
    }
    return runPeriod(deps, JOB, period, async () => {
      const w = monthWindow(period);
      const pairs = await new ComplianceService(deps.ds).pairs(period);
      const stats = new StatsService(deps.ds);
      const cells = await stats.cells(w.first, w.last, cal, today);
      const names = await stats.unitNames();
      const red = await tieredProblems(deps.ds, today, cal, deps.tiers, 'red');
      const monthZh = `${Number(period.slice(5))}月`;
      // 慢作为/不作为 (issue 18): computed once, each reader gets the lines in their scope.
      const accountability = await listForReport(deps.ds, period, cal, at, deps.logger);

      const build = (scope: UnitScope, label: string | null) => {
        const own = pairs.filter((p) => inScope(scope, p.enterprise.districtId, p.cadre.unitId));
        const s = summarize(own);
        const missed = missedByCadre(own);
        const redByUnit = new Map<string, number>();
        for (const p of red.filter((q) => inScope(scope, q.districtId, q.unitId))) {
          const unit = p.unitName ?? '未交办';
          redByUnit.set(unit, (redByUnit.get(unit) ?? 0) + 1);
        }
        const districts = [...new Set(own.map((p) => p.enterprise.districtId))]
          .map((id) => {
            const ps = own.filter((p) => p.enterprise.districtId === id);
            return { name: ps[0].enterprise.districtName, ...summarize(ps) };
          })
          .sort((a, b) => b.rate - a.rate);
        const r = aggregate(cells, names, w.first, w.last, (c) => inScope(scope, c.districtId, c.unitId));
        const floor = (deps.followUp ?? DEFAULT_FOLLOW_UP).rankingMinProblems;
        const { red: good, black: bad } = rankings(r.units, 3, floor);
        const districtRanks = rankings(r.districts, 3, floor);
        const named = <U extends { counts: StatCounts; rates: StatRates }>(us: U[], name: (u: U) => string) =>
          us.map((u) => ({ name: name(u), counts: u.counts, rates: u.rates }));
        return markdown(`${monthZh}通报`, [
          `### ${monthZh}亲商助企工作通报`,
          `范围：${label ?? '全市'}`,
          `**一月两见**：包联 ${s.pairs} 对，达标 ${s.met} 对（${pct(s.rate)}）。`,
          ...(missed.length ? [`未达标干部 ${missed.length} 名：`] : ['全部干部达标。']),
          ...capped(
            missed.map((c) => `- ${c.name}${c.unit ? `（${c.unit}）` : ''}：${c.missed}/${c.of} 家未达标`),
            40,
          ),
          ...(districts.length > 1
            ? ['**区县一月两见达标率：**', ...districts.map((d) => `- ${d.name}：${pct(d.rate)}`)]
            : []),
          `**红色预警问题**（截至${formatDateZh(today)}）：${redByUnit.size ? '' : '无。'}`,
          ...[...redByUnit].sort((a, b) => b[1] - a[1]).map(([unit, n]) => `- ${unit}：${n} 个`),
          `红黑榜按${monthZh}三率，只列当月至少 ${floor} 件的单位和区县。`,
          ...rankBlock(
            '**单位红榜**',
            named(good, (u) => u.unit.name),
          ),
          ...rankBlock(
            '**单位黑榜**',
            named(bad, (u) => u.unit.name),
          ),
          ...rankBlock(
            '**区县红榜**',
            named(districtRanks.red, (d) => d.district.name),
          ),
          ...rankBlock(
            '**区县黑榜**',
            named(districtRanks.black, (d) => d.district.name),
          ),
          ...accountabilityBlock(accountability, (l) =>
            inScope(scope, l.subject.unitId, l.subject.id, ...l.districtIds),
          ),
        ]);
      };
      const unreachable = await sendToLeaders(deps, keyPrefix(JOB, period), build);
      return unreachable ? `${unreachable} leader(s) unreachable` : undefined;
    });
  };
}
