import type { ScheduledJobHandler } from '../catalogue';
import { dateOf, formatDateZh, monthOf, monthWindow, previousMonth } from '../../lib/time';
import { ratesChart, tierChart } from '../../charts/leader-charts';
import type { MessageAttachment, OutboundPayload } from '../../outbox/outbound-payload';
import { ComplianceService, summarize } from '../../services/compliance.service';
import { DEFAULT_FOLLOW_UP } from '../../config';
import { rankings, type StatCounts, type StatRates } from '../../services/stats.service';
import { chartAttachment, consoleLink, fileAttachment } from '../../services/leader/chart-attachments';
import { loadLeaderData, scopedFigures } from '../../services/leader/leader-figures';
import { situationLines, trendLines } from '../../services/leader/leader-lines';
import {
  missedCadres,
  monthlyWorkbook,
  type RankEntry,
  XLSX_TYPE,
} from '../../services/leader/monthly-workbook';
import { sendToLeaders } from './digest-targets';
import { capped, markdown, pct, rankBlock } from '../../services/leader/format';
import type { JobDeps } from './job-deps';
import { keyPrefix, runPeriod } from './job-run';
import { inScope, type UnitScope } from '../../services/leader/leader-scope';
import { tieredProblems } from '../../services/tiered-problems';
import { listForReport } from '../../services/accountability/report-list';
import { accountabilityBlock } from './accountability-block';

const JOB = 'monthly-report';
/** Names in the chat summary; the workbook lists everyone. */
const SUMMARY_NAMES = 5;

/**
 * monthly-report (first working day of the month): the 通报 of last month — a short chat summary
 * (一月两见 with the worst cadres, units with red problems now, 红黑榜 of units and districts, each
 * figure beside the month before) with two charts (三率 per district, open problems by tier), and
 * the full 通报 as an `.xlsx` file message (every cadre short, every red problem, 红黑榜 with
 * figures) — scoped per leader. The period is the month reported on.
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
      const before = monthWindow(previousMonth(period));
      const pairs = await new ComplianceService(deps.ds).pairs(period);
      const data = await loadLeaderData(
        { ds: deps.ds, calendar: cal, tiers: deps.tiers },
        { from: w.first, to: w.last },
        { from: before.first, to: before.last },
        today,
      );
      const red = await tieredProblems(deps.ds, today, cal, deps.tiers, 'red');
      const monthZh = `${Number(period.slice(5))}月`;
      // 慢作为/不作为 (issue 18): computed once, each reader gets the lines in their scope.
      const accountability = await listForReport(deps.ds, period, cal, at, deps.logger);
      const attachments = new Map<string, MessageAttachment[]>();

      const build = async (scope: UnitScope, label: string | null): Promise<OutboundPayload> => {
        const own = pairs.filter((p) => inScope(scope, p.enterprise.districtId, p.cadre.unitId));
        const s = summarize(own);
        const missed = missedCadres(own);
        const reds = red.filter((q) => inScope(scope, q.districtId, q.unitId));
        const redByUnit = new Map<string, number>();
        for (const p of reds) {
          const unit = p.unitName ?? '未交办';
          redByUnit.set(unit, (redByUnit.get(unit) ?? 0) + 1);
        }
        const districts = [...new Set(own.map((p) => p.enterprise.districtId))]
          .map((id) => {
            const ps = own.filter((p) => p.enterprise.districtId === id);
            return { name: ps[0].enterprise.districtName, ...summarize(ps) };
          })
          .sort((a, b) => b.rate - a.rate);
        const f = scopedFigures(data, scope);
        const r = f.report;
        const floor = (deps.followUp ?? DEFAULT_FOLLOW_UP).rankingMinProblems;
        const { red: good, black: bad } = rankings(r.units, 3, floor);
        const districtRanks = rankings(r.districts, 3, floor);
        const named = <U extends { counts: StatCounts; rates: StatRates }>(us: U[], name: (u: U) => string) =>
          us.map((u) => ({ name: name(u), counts: u.counts, rates: u.rates }));
        const key = label ?? '全市';
        let files = attachments.get(key);
        if (!files) {
          const ranks: RankEntry[] = [
            ...named(good, (u) => u.unit.name).map((e) => ({ list: '单位红榜', ...e })),
            ...named(bad, (u) => u.unit.name).map((e) => ({ list: '单位黑榜', ...e })),
            ...named(districtRanks.red, (d) => d.district.name).map((e) => ({ list: '区县红榜', ...e })),
            ...named(districtRanks.black, (d) => d.district.name).map((e) => ({ list: '区县黑榜', ...e })),
          ];
          const book = await monthlyWorkbook({
            title: `${period.slice(0, 4)}年${monthZh}亲商助企工作通报`,
            scope: key,
            summary: [
              ['一月两见包联对数', s.pairs],
              ['一月两见达标对数', s.met],
              ['一月两见达标率(%)', Math.round(s.rate * 1000) / 10],
              ['新增问题', r.overall.counts.reported],
              ['到期问题', r.overall.counts.due],
              ['已销号', r.overall.counts.closed],
              ['响应率', pct(r.overall.rates.response)],
              ['解决率', pct(r.overall.rates.resolution)],
              ['满意率', pct(r.overall.rates.satisfaction)],
              ['干部满意度（平均分）', f.cadre.average ?? '—'],
              [`红色预警问题（截至${formatDateZh(today)}）`, reds.length],
            ],
            missed,
            red: reds.map((p) => ({
              code: p.code,
              firm: p.enterpriseName,
              description: p.description,
              unit: p.unitName ?? '未交办',
              dueOn: p.dueOn,
              overdueDays: cal.workdaysBetween(p.dueOn, today),
            })),
            ranks,
            districts,
          });
          const byDistrict = r.districts.map((d) => ({ name: d.district.name, ...d.rates }));
          files = [
            ...(byDistrict.length
              ? [
                  await chartAttachment(
                    deps.ds,
                    deps.ds,
                    await ratesChart(`${key}${monthZh}各区县三率`, byDistrict),
                    `${monthZh}各区县三率`,
                  ),
                ]
              : []),
            await chartAttachment(
              deps.ds,
              deps.ds,
              await tierChart(`${key}在办问题分级`, f.open.byTier),
              '在办问题分级',
            ),
            await fileAttachment(deps.ds, book, `${period}亲商助企工作通报（${key}）.xlsx`, XLSX_TYPE),
          ];
          attachments.set(key, files);
        }
        return {
          ...markdown(`${monthZh}通报`, [
            `### ${monthZh}亲商助企工作通报`,
            `范围：${key}`,
            `**一月两见**：包联 ${s.pairs} 对，达标 ${s.met} 对（${pct(s.rate)}）。`,
            ...(missed.length ? [`未达标干部 ${missed.length} 名：`] : ['全部干部达标。']),
            ...capped(
              missed.map((c) => `- ${c.name}${c.unit ? `（${c.unit}）` : ''}：${c.missed}/${c.of} 家未达标`),
              SUMMARY_NAMES,
            ),
            ...(districts.length > 1
              ? ['**区县一月两见达标率：**', ...districts.map((d) => `- ${d.name}：${pct(d.rate)}`)]
              : []),
            ...trendLines(r.overall, f.prevReport.overall, '上月'),
            `**红色预警问题**（截至${formatDateZh(today)}）：${redByUnit.size ? '' : '无。'}`,
            ...capped(
              [...redByUnit].sort((a, b) => b[1] - a[1]).map(([unit, n]) => `- ${unit}：${n} 个`),
              SUMMARY_NAMES,
            ),
            ...situationLines(f, '上月', SUMMARY_NAMES),
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
            '完整名单（未达标干部、红色预警问题、红黑榜数据）见附件表格。',
            ...consoleLink(deps.publicBaseUrl, 'stats', w.first, w.last),
          ]),
          attachments: files,
        };
      };
      const unreachable = await sendToLeaders(deps, keyPrefix(JOB, period), build);
      return unreachable ? `${unreachable} leader(s) unreachable` : undefined;
    });
  };
}
