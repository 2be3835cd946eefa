import type { ScheduledJobHandler } from '../catalogue';
import { addDays, dateOf, formatDateZh, mondayOf } from '../../lib/time';
import { aggregate, rankings, StatsService } from '../../services/stats.service';
import { sendToLeaders } from './digest-targets';
import { DEFAULT_FOLLOW_UP } from '../../config';
import { capped, markdown, pct, rankBlock, threeRates } from './format';
import { isoWeekOf } from './iso-week';
import type { JobDeps } from './job-deps';
import { keyPrefix, runPeriod } from './job-run';
import { inScope, type UnitScope } from './leader-scope';

const JOB = 'digest-weekly';

/**
 * digest-weekly (Mondays): last week's (Monday–Sunday) 三率, 回退率, 重办率 and 按时办结率, per unit
 * and per district, with the 红黑榜 of units; scoped per leader. The period is last week's ISO week.
 */
export function digestWeeklyJob(deps: JobDeps): ScheduledJobHandler {
  return async (at) => {
    const today = dateOf(at);
    const from = addDays(mondayOf(today), -7);
    const to = addDays(from, 6);
    const period = isoWeekOf(from);
    return runPeriod(deps, JOB, period, async () => {
      const stats = new StatsService(deps.ds);
      const cells = await stats.cells(from, to, deps.calendar.current(), today);
      const names = await stats.unitNames();
      const build = (scope: UnitScope, label: string | null) => {
        const r = aggregate(cells, names, from, to, (c) => inScope(scope, c.districtId, c.unitId));
        const o = r.overall;
        const floor = (deps.followUp ?? DEFAULT_FOLLOW_UP).rankingMinProblems;
        const { red, black } = rankings(r.units, 3, floor);
        const named = (us: typeof red) => us.map((u) => ({ name: u.unit.name, ...u }));
        return markdown('每周简报', [
          `### 每周简报 · ${period.replace(/^\d+-W0?/, '第')}周（${formatDateZh(from)}至${formatDateZh(to)}）`,
          `范围：${label ?? '全市'}`,
          `新增问题 ${o.counts.reported} 个，到期 ${o.counts.due} 个，已销号 ${o.counts.closed} 个，` +
            `逾期未评价 ${o.counts.closedUnrated} 个（不计入销号和满意）；评价 ${o.counts.rated} 次，其中代评 ${o.counts.ratedByProxy} 次。`,
          threeRates(o.rates),
          `回退率 ${pct(o.rates.return)} · 重办率 ${pct(o.rates.redo)} · 按时办结率 ${pct(o.rates.onTime)}`,
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
        ]);
      };
      const unreachable = await sendToLeaders(deps, keyPrefix(JOB, period), build);
      return unreachable ? `${unreachable} leader(s) unreachable` : undefined;
    });
  };
}
