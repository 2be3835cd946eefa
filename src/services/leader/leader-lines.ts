import { brief, cappedMap, pct } from './format';
import type { StatCounts, StatRates } from '../stats.service';
import type { LeaderFigures } from './leader-figures';

/** "（上周 3，↑2）" / "（上周 3，持平）": a count beside the last period's. */
export function countTrend(cur: number, prev: number, prevLabel: string): string {
  const d = cur - prev;
  return `（${prevLabel} ${prev}，${d > 0 ? `↑${d}` : d < 0 ? `↓${-d}` : '持平'}）`;
}

/** "80%（上周 70%，↑10个百分点）": a rate beside the last period's; "—" where either is unknown. */
export function rateTrend(cur: number | null, prev: number | null, prevLabel: string): string {
  if (cur === null || prev === null) return `${pct(cur)}（${prevLabel} ${pct(prev)}）`;
  const d = Math.round(cur * 100) - Math.round(prev * 100);
  return `${pct(cur)}（${prevLabel} ${pct(prev)}，${d > 0 ? `↑${d}个百分点` : d < 0 ? `↓${-d}个百分点` : '持平'}）`;
}

/** "4.5 分（12 次）" or "暂无评价". */
const score = (c: { average: number | null; n: number }) =>
  c.average === null ? '暂无评价' : `${c.average} 分（${c.n} 次）`;

/** Lines of the 三率 and counts beside last period's. */
export function trendLines(
  cur: { counts: StatCounts; rates: StatRates },
  prev: { counts: StatCounts; rates: StatRates },
  prevLabel: string,
): string[] {
  const c = cur.counts;
  const p = prev.counts;
  return [
    `新增问题 ${c.reported} 个${countTrend(c.reported, p.reported, prevLabel)}，到期 ${c.due} 个${countTrend(c.due, p.due, prevLabel)}，` +
      `已销号 ${c.closed} 个${countTrend(c.closed, p.closed, prevLabel)}。`,
    `响应率 ${rateTrend(cur.rates.response, prev.rates.response, prevLabel)}`,
    `解决率 ${rateTrend(cur.rates.resolution, prev.rates.resolution, prevLabel)}`,
    `满意率（单位）${rateTrend(cur.rates.satisfaction, prev.rates.satisfaction, prevLabel)}`,
  ];
}

/** The open problems, the oldest overdue per unit, satisfaction, 送政策 and 现场办公 (digests and 本周统计). */
export function situationLines(f: LeaderFigures, prevLabel: string, maxUnits = 10): string[] {
  const o = f.open;
  return [
    `**在办问题 ${o.total} 个**：待交办 ${o.byStatus.pending} · 已交办 ${o.byStatus.assigned} · 办理中 ${o.byStatus.accepted} · 已答复 ${o.byStatus.answered}；` +
      `上报不足15天 ${o.byAge.under15} · 15至30天 ${o.byAge.from15to30} · 超过30天 ${o.byAge.over30}；红色 ${o.byTier.red} · 黄色 ${o.byTier.yellow}。`,
    ...(f.oldestOverdue.length ? ['**各单位最久超期的问题：**'] : ['超期问题：无。']),
    ...cappedMap(
      f.oldestOverdue,
      maxUnits,
      (u) => `- ${u.unit}：${u.code} ${brief(u.firm, 12)}，已超期 ${u.days} 个工作日`,
    ),
    `干部满意度（企业评价干部）：${score(f.cadre)}，${prevLabel} ${score(f.prevCadre)}。`,
    `单位满意率：${pct(f.report.overall.rates.satisfaction)}（评价 ${f.report.overall.counts.rated} 次），${prevLabel} ${pct(f.prevReport.overall.rates.satisfaction)}。`,
    `送政策：推送 ${f.policy.pushed} 家，已阅 ${f.policy.read} 家（已阅率 ${pct(f.policy.pushed ? f.policy.read / f.policy.pushed : null)}），` +
      `${prevLabel}已阅率 ${pct(f.prevPolicy.pushed ? f.prevPolicy.read / f.prevPolicy.pushed : null)}。`,
    `现场办公：已举行 ${f.sessions.held} 场，待办结 ${f.sessions.pending} 场。`,
  ];
}
