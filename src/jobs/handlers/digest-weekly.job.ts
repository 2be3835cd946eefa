import type { ScheduledJobHandler } from '../catalogue';
import { addDays, dateOf, formatDateZh, mondayOf } from '../../lib/time';
import { contactRateChart, ratesChart } from '../../charts/leader-charts';
import type { MessageAttachment, OutboundPayload } from '../../outbox/outbound-payload';
import { rankings } from '../../services/stats.service';
import { chartAttachment, consoleLink } from '../../services/leader/chart-attachments';
import { contactRateByWeek, loadLeaderData, scopedFigures } from '../../services/leader/leader-figures';
import { situationLines, trendLines } from '../../services/leader/leader-lines';
import { sendToLeaders } from './digest-targets';
import { DEFAULT_FOLLOW_UP } from '../../config';
import { capped, markdown, pct, rankBlock, threeRates } from '../../services/leader/format';
import { isoWeekOf } from './iso-week';
import type { JobDeps } from './job-deps';
import { keyPrefix, runPeriod } from './job-run';
import { inScope, type UnitScope } from '../../services/leader/leader-scope';
import { recurringBlock } from './recurring-block';
import { RecurringService } from '../../services/recurring/recurring.service';

const JOB = 'digest-weekly';
/** Weeks drawn in the 一月两见 line. */
const TREND_WEEKS = 6;

/**
 * digest-weekly (Mondays): last week's (Monday–Sunday) 三率, 回退率, 重办率 and 按时办结率 beside the
 * week before (↑/↓), per unit and per district, with the 红黑榜 of units; open problems by status
 * and age, the oldest overdue per unit, cadre and unit satisfaction, 送政策 已阅 and 现场办公; two
 * charts (三率 per unit, 一月两见 by week); scoped per leader. The period is last week's ISO week.
 */
export function digestWeeklyJob(deps: JobDeps): ScheduledJobHandler {
  return async (at) => {
    const today = dateOf(at);
    const from = addDays(mondayOf(today), -7);
    const to = addDays(from, 6);
    const period = isoWeekOf(from);
    return runPeriod(deps, JOB, period, async () => {
      // 一类事 (issue 18): clusters found once, each reader gets those of their lead units or districts.
      const clusters = await new RecurringService(deps.ds).clusters(at);
      const cal = deps.calendar.current();
      const data = await loadLeaderData(
        { ds: deps.ds, calendar: cal, tiers: deps.tiers },
        { from, to },
        { from: addDays(from, -7), to: addDays(to, -7) },
        today,
      );
      const weekEnds = Array.from({ length: TREND_WEEKS }, (_, i) => addDays(to, -7 * (TREND_WEEKS - 1 - i)));
      const charts = new Map<string, MessageAttachment[]>();
      const chartsFor = async (scope: UnitScope, label: string | null): Promise<MessageAttachment[]> => {
        // One pair of charts per scope: leaders of the same unit share them.
        const key = label ?? '全市';
        const cached = charts.get(key);
        if (cached) return cached;
        const f = scopedFigures(data, scope);
        const trend = await contactRateByWeek(deps.ds, weekEnds, [scope]);
        const rows = f.report.units.map((u) => ({ name: u.unit.name, ...u.rates }));
        const made = [
          ...(rows.length
            ? [
                await chartAttachment(
                  deps.ds,
                  deps.ds,
                  await ratesChart(`${key}各办理单位三率`, rows),
                  `${key}三率`,
                ),
              ]
            : []),
          await chartAttachment(
            deps.ds,
            deps.ds,
            await contactRateChart(
              `${key}一月两见达标率（按周）`,
              trend.map((t) => ({
                label: `${isoWeekOf(t.end).replace(/^\d+-W0?/, '第')}周`,
                rate: t.rates[0],
              })),
            ),
            `${key}一月两见`,
          ),
        ];
        charts.set(key, made);
        return made;
      };
      const build = async (scope: UnitScope, label: string | null): Promise<OutboundPayload> => {
        const f = scopedFigures(data, scope);
        const r = f.report;
        const o = r.overall;
        const floor = (deps.followUp ?? DEFAULT_FOLLOW_UP).rankingMinProblems;
        const { red, black } = rankings(r.units, 3, floor);
        const named = (us: typeof red) => us.map((u) => ({ name: u.unit.name, ...u }));
        return {
          ...markdown('每周简报', [
            `### 每周简报 · ${period.replace(/^\d+-W0?/, '第')}周（${formatDateZh(from)}至${formatDateZh(to)}）`,
            `范围：${label ?? '全市'}`,
            ...trendLines(o, f.prevReport.overall, '上周'),
            `逾期未评价 ${o.counts.closedUnrated} 个（不计入销号和满意）；评价 ${o.counts.rated} 次，其中代评 ${o.counts.ratedByProxy} 次。`,
            threeRates(o.rates),
            `回退率 ${pct(o.rates.return)} · 重办率 ${pct(o.rates.redo)} · 按时办结率 ${pct(o.rates.onTime)}`,
            ...situationLines(f, '上周'),
            ...(r.units.length ? ['**各办理单位：**'] : []),
            ...capped(
              r.units.map((u) => `- ${u.unit.name}：${threeRates(u.rates)}`),
              30,
            ),
            ...(r.districts.length ? ['**各区县：**'] : []),
            ...capped(
              r.districts.map((d) => `- ${d.district.name}：${threeRates(d.rates)}`),
              30,
            ),
            `红黑榜只列本周至少 ${floor} 件的单位。`,
            ...rankBlock('红榜', named(red)),
            ...rankBlock('黑榜', named(black)),
            ...recurringBlock(clusters, (c) =>
              inScope(scope, c.leadUnitId, ...c.problems.map((p) => p.districtId)),
            ),
            ...consoleLink(deps.publicBaseUrl, 'stats', from, to),
          ]),
          attachments: await chartsFor(scope, label),
        };
      };
      const unreachable = await sendToLeaders(deps, keyPrefix(JOB, period), build);
      return unreachable ? `${unreachable} leader(s) unreachable` : undefined;
    });
  };
}
