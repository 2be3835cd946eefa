import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { Feature } from '../../bot/bot';
import type { BotContext, CommandHandler } from '../../bot/context';
import { ratesChart, tierChart } from '../../charts/leader-charts';
import type { FollowUpRules, TierThresholds } from '../../config';
import { DEFAULT_FOLLOW_UP } from '../../config';
import { brief, cappedMap, pct, rankBlock } from '../../services/leader/format';

import { inScope, scopeOfPerson, type UnitScope } from '../../services/leader/leader-scope';
import { addDays, formatDateZh, mondayOf, monthOf, previousMonth, type IsoDate } from '../../lib/time';
import { LeaderRepository } from '../../repositories/leader.repository';
import { ComplianceService, summarize } from '../../services/compliance.service';
import { chartAttachment, consoleLink, consoleUrl } from '../../services/leader/chart-attachments';
import { loadLeaderData, type Period, scopedFigures } from '../../services/leader/leader-figures';
import { situationLines, trendLines } from '../../services/leader/leader-lines';
import { missedCadres } from '../../services/leader/monthly-workbook';
import { contactTarget, ruleName, targetMet } from '../../services/contact-rule';
import { rankings } from '../../services/stats.service';
import type { WorkdayCalendar } from '../../services/workday-calendar';
import { METHOD_LABELS, STATUS_LABELS } from '../../entities/labels';
import type { Command } from '../parser/types';

export interface LeaderFeatureDeps {
  ds: DataSource;
  redis: Redis;
  prefix: string;
  calendar: { current(): WorkdayCalendar };
  tiers: TierThresholds;
  followUp?: FollowUpRules;
  publicBaseUrl?: string | null;
  /** The problem feature's 查看 <编号>, which `查看 N` hands the N-th listed code to. */
  show: CommandHandler<Extract<Command, { name: 'show' }>>;
}

/** Items of the last 超期问题 list, kept a day for `查看 N`. */
const LIST_TTL_SECONDS = 24 * 60 * 60;
/** Lines of a chat list; the rest are counted. */
const LIST_LINES = 20;

/**
 * Where the rest of a chat list is, once it is longer than the chat shows (the chat keeps
 * LIST_LINES lines, each whole, and the outbox splits at line breaks within each platform's byte
 * limit): the console page, linked when the service has a public address.
 */
export function restOfList(
  count: number,
  publicBaseUrl: string | null | undefined,
  page: 'compliance' | 'problems',
  filter: Record<string, string> = {},
): string[] {
  if (count <= LIST_LINES) return [];
  const label = page === 'compliance' ? '一月两见' : '工作台账';
  const url = consoleUrl(publicBaseUrl, page, filter);
  return [
    url
      ? `完整清单共 ${count} 项：[在工作台查看](${url})`
      : `完整清单共 ${count} 项，请在工作台“${label}”页查看。`,
  ];
}

/** The same span of the period before: [from, to] shifted back by a month or a week. */
function periods(kind: 'month' | 'week', today: IsoDate): { cur: Period; prev: Period; prevLabel: string } {
  if (kind === 'week') {
    const from = mondayOf(today);
    return {
      cur: { from, to: today },
      prev: { from: addDays(from, -7), to: addDays(today, -7) },
      prevLabel: '上周同期',
    };
  }
  const from = `${today.slice(0, 7)}-01`;
  const prevFrom = `${previousMonth(today.slice(0, 7))}-01`;
  const prevLast = addDays(from, -1);
  // The same day of last month, or its last day when last month is shorter (31 March → 28 February).
  const sameDay = `${prevFrom.slice(0, 8)}${today.slice(8)}`;
  const prevTo = sameDay > prevLast ? prevLast : sameDay;
  return { cur: { from, to: today }, prev: { from: prevFrom, to: prevTo }, prevLabel: '上月同期' };
}

/**
 * Leaders ask in chat: 本月统计 / 本周统计 (figures and a chart), 红黑榜, 超期问题 (numbered; 查看 N opens
 * one), 一月两见 (who is short this month), 查询企业 <名称>. Every answer is cut to the sender's scope
 * exactly as their digest is (`scopeOfPerson`, the digests' `inScope`).
 */
export function leaderFeature(deps: LeaderFeatureDeps): Feature {
  const listKey = (ctx: BotContext) => `${deps.prefix}:leader-list:${ctx.msg.platform}:${ctx.msg.senderId}`;
  const scope = async (ctx: BotContext) => {
    const s = ctx.person ? await scopeOfPerson(deps.ds, ctx.person) : null;
    if (!s) throw new Error('leader command reached a sender without a leader scope');
    return s;
  };
  const figures = async (kind: 'month' | 'week', ctx: BotContext, s: UnitScope) => {
    const p = periods(kind, ctx.today);
    const data = await loadLeaderData(
      { ds: deps.ds, calendar: deps.calendar.current(), tiers: deps.tiers },
      p.cur,
      p.prev,
      ctx.today,
    );
    return { ...p, f: scopedFigures(data, s) };
  };

  return {
    commands: {
      leaderStats: async ({ period }, ctx) => {
        const s = await scope(ctx);
        const { cur, prevLabel, f } = await figures(period, ctx, s.scope);
        const word = period === 'month' ? '本月' : '本周';
        const o = f.report.overall;
        const pairs = summarize(
          (await new ComplianceService(deps.ds).pairs(monthOf(ctx.now), { openAt: ctx.now })).filter((p) =>
            inScope(s.scope, p.enterprise.districtId, p.cadre.unitId),
          ),
        );
        const rows = f.report.units.map((u) => ({ name: u.unit.name, ...u.rates }));
        const label = s.label ?? '全市';
        const chart = rows.length
          ? await ratesChart(`${label}${word}各办理单位三率`, rows)
          : await tierChart(`${label}在办问题分级`, f.open.byTier);
        await ctx.reply({
          msgtype: 'markdown',
          markdown: {
            title: `${word}统计`,
            text: [
              `### ${word}统计（${formatDateZh(cur.from)}至${formatDateZh(cur.to)}）`,
              `范围：${label}`,
              ...trendLines(o, f.prevReport.overall, prevLabel),
              `回退率 ${pct(o.rates.return)} · 重办率 ${pct(o.rates.redo)} · 按时办结率 ${pct(o.rates.onTime)}`,
              `本月一月两见：包联 ${pairs.pairs} 对，已达标 ${pairs.met} 对（${pct(pairs.rate)}）。`,
              ...situationLines(f, prevLabel, 5),
              ...consoleLink(deps.publicBaseUrl, 'stats', cur.from, cur.to),
            ].join('\n'),
          },
          attachments: [await chartAttachment(deps.ds, deps.ds, chart, `${word}统计`)],
        });
      },

      leaderRankings: async (_cmd, ctx) => {
        const s = await scope(ctx);
        const { cur, f } = await figures('month', ctx, s.scope);
        const floor = (deps.followUp ?? DEFAULT_FOLLOW_UP).rankingMinProblems;
        const units = rankings(f.report.units, 3, floor);
        const districts = rankings(f.report.districts, 3, floor);
        const named = <
          T extends {
            rates: (typeof f.report.units)[number]['rates'];
            counts: (typeof f.report.units)[number]['counts'];
          },
        >(
          xs: T[],
          name: (x: T) => string,
        ) => xs.map((x) => ({ name: name(x), counts: x.counts, rates: x.rates }));
        await ctx.reply({
          msgtype: 'markdown',
          markdown: {
            title: '红黑榜',
            text: [
              `### 红黑榜（${formatDateZh(cur.from)}至${formatDateZh(cur.to)}）`,
              `范围：${s.label ?? '全市'}。按三率和按时办结率，只列本月至少 ${floor} 件的单位和区县。`,
              ...rankBlock(
                '**单位红榜**',
                named(units.red, (u) => u.unit.name),
              ),
              ...rankBlock(
                '**单位黑榜**',
                named(units.black, (u) => u.unit.name),
              ),
              ...rankBlock(
                '**区县红榜**',
                named(districts.red, (d) => d.district.name),
              ),
              ...rankBlock(
                '**区县黑榜**',
                named(districts.black, (d) => d.district.name),
              ),
            ].join('\n'),
          },
        });
      },

      overdueList: async (_cmd, ctx) => {
        const s = await scope(ctx);
        const { f } = await figures('month', ctx, s.scope);
        const list = f.overdue;
        await deps.redis.set(listKey(ctx), JSON.stringify(list.map((p) => p.code)), 'EX', LIST_TTL_SECONDS);
        if (list.length === 0) {
          await ctx.reply(`范围：${s.label ?? '全市'}。目前没有红色或黄色预警问题。`);
          return;
        }
        const reds = list.filter((p) => p.tier === 'red').length;
        let n = 0;
        await ctx.reply({
          msgtype: 'markdown',
          markdown: {
            title: '超期问题',
            text: [
              `### 超期问题（红色 ${reds} 个，黄色 ${list.length - reds} 个）`,
              `范围：${s.label ?? '全市'}`,
              ...cappedMap(list, LIST_LINES, (p) => {
                n++;
                const late = p.overdueDays > 0 ? `已超期 ${p.overdueDays} 个工作日` : '重办';
                return `${n}. ${p.tier === 'red' ? '🔴' : '🟡'} ${p.code} ${brief(p.enterpriseName, 12)}：${brief(p.description, 14)} · ${p.unitName ?? '未交办'}（${late}）`;
              }),
              ...restOfList(list.length, deps.publicBaseUrl, 'problems'),
              '回复“查看 序号”查看详情，例：查看 1',
            ].join('\n'),
          },
        });
      },

      openListed: async ({ index }, ctx) => {
        const raw = await deps.redis.get(listKey(ctx));
        const codes = raw ? (JSON.parse(raw) as string[]) : [];
        if (codes.length === 0) {
          await ctx.reply(
            '没有可按序号查看的清单。请先发送“超期问题”，或发送“查看 编号”，例：查看 W20261123-0007',
          );
          return;
        }
        const code = codes[index - 1];
        if (!code) {
          await ctx.reply(`清单只有 ${codes.length} 项，请回复 1 到 ${codes.length} 之间的序号，例：查看 1`);
          return;
        }
        await deps.show({ name: 'show', code }, ctx);
      },

      contactShortfall: async (_cmd, ctx) => {
        const s = await scope(ctx);
        const pairs = (
          await new ComplianceService(deps.ds).pairs(monthOf(ctx.now), { openAt: ctx.now })
        ).filter((p) => inScope(s.scope, p.enterprise.districtId, p.cadre.unitId));
        const sum = summarize(pairs);
        const missed = missedCadres(pairs);
        await ctx.reply({
          msgtype: 'markdown',
          markdown: {
            title: '一月两见',
            text: [
              `### 本月一月两见（截至${formatDateZh(ctx.today)}）`,
              `范围：${s.label ?? '全市'}。包联 ${sum.pairs} 对，已达标 ${sum.met} 对（${pct(sum.rate)}）。`,
              ...(missed.length
                ? [`**还未达标的干部 ${missed.length} 名：**`]
                : ['全部包联企业本月已见两次。']),
              ...cappedMap(
                missed,
                LIST_LINES,
                (c) =>
                  `- ${c.name}${c.unit ? `（${c.unit}）` : ''}：${c.missed}/${c.of} 家，${brief(c.firms.join('、'), 40)}`,
              ),
              ...restOfList(missed.length, deps.publicBaseUrl, 'compliance', { month: monthOf(ctx.now) }),
            ].join('\n'),
          },
        });
      },

      firmLookup: async ({ enterprise }, ctx) => {
        const s = await scope(ctx);
        const repo = new LeaderRepository(deps.ds);
        const found = (await repo.findFirms(enterprise, 20)).filter((e) =>
          inScope(s.scope, e.districtId, e.cadreUnitId),
        );
        if (found.length === 0) {
          await ctx.reply(
            `在您的范围（${s.label ?? '全市'}）内没有找到名称含“${enterprise}”的企业。请换个叫法再试，例：查询企业 曲江文旅`,
          );
          return;
        }
        const exact = found.find((e) => e.name === enterprise);
        if (!exact && found.length > 1) {
          await ctx.reply(
            `找到 ${found.length} 家企业，请说得更具体些：\n${found
              .slice(0, 8)
              .map((e, i) => `${i + 1}. ${e.name}（${e.districtName}）`)
              .join('\n')}\n例：查询企业 ${found[0].name}`,
          );
          return;
        }
        const firm = exact ?? found[0];
        const from = `${ctx.today.slice(0, 7)}-01`;
        const visits = await repo.firmVisits(firm.id, from, ctx.today);
        const open = await repo.firmOpenProblems(firm.id);
        const days = new Set(visits.map((v) => v.visitedOn)).size;
        // Judged against the firm's own target (a key firm's 一月三见), as the contact rule does.
        const target = contactTarget(firm.contactTarget);
        await ctx.reply({
          msgtype: 'markdown',
          markdown: {
            title: firm.name,
            text: [
              `### ${brief(firm.name, 40)}`,
              `区县：${firm.districtName}；包联干部：${firm.cadreName ? `${firm.cadreName}${firm.cadreMobile ? `（${firm.cadreMobile}）` : ''}` : '暂无'}`,
              `本月走访 ${visits.length} 次（${days} 天，${ruleName(target)}${targetMet(days, target) ? '已达标' : '未达标'}）${visits.length ? '：' : '。'}`,
              ...cappedMap(
                visits,
                10,
                (v) =>
                  `- ${formatDateZh(v.visitedOn)} ${METHOD_LABELS[v.method as keyof typeof METHOD_LABELS] ?? v.method}（${v.cadre}）`,
              ),
              open.length ? `**在办问题 ${open.length} 个：**` : '在办问题：无。',
              ...cappedMap(
                open,
                10,
                (p) =>
                  `- ${p.code} ${brief(p.description, 16)} · ${STATUS_LABELS[p.status as keyof typeof STATUS_LABELS] ?? p.status}` +
                  `${p.unitName ? ` · ${p.unitName}` : ''}${p.dueOn ? ` · 期限${formatDateZh(p.dueOn)}` : ''}`,
              ),
            ].join('\n'),
          },
        });
      },
    },
  };
}
