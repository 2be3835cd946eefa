import type { DataSource } from 'typeorm';
import { directory } from '../../repositories/directory.repository';
import type { Feature } from '../../bot/bot';
import type { BotContext } from '../../bot/context';
import { UserError } from '../../lib/errors';
import { formatDateZh, type IsoDate, monthOf } from '../../lib/time';
import type { EnterpriseLookupService, FirmRef } from '../../services/enterprise-lookup.service';
import type { Notifier } from '../../services/notifier';
import type { ProblemWorkflowService } from '../../services/problem-workflow.service';
import type { Actor } from '../../services/problem-permissions';
import type {
  CadreRatingService,
  GroupBindingService,
  MyEnterprisesService,
  VisitConfirmationService,
  VisitService,
} from '../../services/visits';
import { METHOD_LABELS } from '../../entities/labels';
import { guessCategory } from '../understand/category';
import { parseCommand } from '../parser';
import type { VisitCommand } from '../parser/types';
import { askForFirm, continuePick } from './enterprise-picker';
import { confirmCard, myEnterprisesReply, visitReply } from './visit-replies';

export interface VisitFeatureDeps {
  ds: DataSource;
  visits: VisitService;
  confirmations: VisitConfirmationService;
  myEnterprises: MyEnterprisesService;
  ratings: CadreRatingService;
  groups: GroupBindingService;
  lookup: EnterpriseLookupService;
  /** Reports a problem found on the visit and routes it by the catalogue, with its notifications. */
  workflow: ProblemWorkflowService;
  notifier: Notifier;
  /** Extra lines for 我的企业 (e.g. firms that have not acknowledged a pushed policy), or none. */
  myEnterprisesExtra?: (cadreId: string) => Promise<string[]>;
}

/** What a visit needs besides the firm; kept in the dialogue while the firm is asked for. */
type VisitDraft = Pick<VisitCommand, 'date' | 'method' | 'summary' | 'problem'>;

/** Own firms listed when asking "which firm?": a phone screen. */
const MAX_OWN_LISTED = 10;

function actorOf(ctx: BotContext): Actor {
  const p = ctx.person;
  if (!p) throw new UserError('系统还不认识您的账号，请先发送“绑定 手机号”。');
  return { personId: p.id, roles: p.roles, unitId: p.unitId, enterpriseId: p.enterpriseId };
}

/**
 * 登记走访, 我的企业, 确认走访, 评价干部 and 绑定企业, with the "which firm?" dialogue: a missing firm is
 * asked for with the cadre's own firms numbered, an ambiguous one with numbered matches.
 */
export function visitFeature(deps: VisitFeatureDeps): Feature {
  const { ds, visits, lookup, workflow, notifier } = deps;
  const { confirmations, myEnterprises, ratings, groups } = deps;

  /** Sends the confirmation card to the firm's groups, else to its contacts; true when someone got it. */
  async function askFirmToConfirm(
    result: Awaited<ReturnType<VisitService['registerVisit']>>,
  ): Promise<boolean> {
    const v = result.visit;
    if (v.confirmedAt) return false;
    const key = `visit-confirm-${v.id}`;
    const card = confirmCard(v);
    const groups = await notifier.toGroups(
      ds,
      { purpose: 'enterprise', enterpriseId: v.enterpriseId },
      key,
      card,
    );
    if (groups > 0) return true;
    const contacts = await directory.contacts(ds, v.enterpriseId);
    let reached = false;
    for (const c of contacts) reached = (await notifier.toPerson(ds, c.id, key, card)) || reached;
    return reached;
  }

  /** Registers the visit, reports the problem found (if any), asks the firm to confirm, replies. */
  async function finishVisit(draft: VisitDraft, firm: { id: string }, ctx: BotContext): Promise<void> {
    const actor = actorOf(ctx);
    const result = await visits.registerVisit(
      {
        cadreId: actor.personId,
        enterpriseId: firm.id,
        visitedOn: draft.date,
        method: draft.method,
        summary: draft.summary,
        sourceKey: ctx.sourceKey,
      },
      actor,
    );
    let problemLine: string | null = null;
    let problemCode: string | null = null;
    if (draft.problem) {
      try {
        // The shipped colloquial synonyms (拿地 → 土地) name the category when the roster's keywords do not.
        const guessed = guessCategory(draft.problem, await workflow.categories());
        const { category } = await workflow.infer(draft.problem, guessed);
        const reported = await workflow.reportAndRoute(
          {
            enterpriseId: firm.id,
            description: draft.problem,
            categoryId: category?.id ?? null,
            visitId: result.visit.id,
            sourceKey: `${ctx.sourceKey}-p`,
          },
          actor,
        );
        const code = reported.problem.code;
        problemCode = code;
        problemLine = reported.routed
          ? `发现的问题已登记为 ${code}（${category?.name}），已交办牵头单位。`
          : `发现的问题已登记为 ${code}，待交办：可发送“转办 ${code} 单位名称”。`;
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        problemLine = `发现的问题未能登记：${err.userMessage ?? err.message}`;
      }
    }
    const askedToConfirm = await askFirmToConfirm(result);
    if (!result.replayed) {
      await ctx.remember?.({ visits: [result.visit.id], problems: problemCode ? [problemCode] : [] });
    }
    await ctx.reply(
      visitReply(result, ctx.today, { problemLine, askedToConfirm, undoable: !result.replayed }),
    );
  }

  /** The draft of a visit whose firm was asked for: the first message read again as if in the firm's group. */
  function draftFromOriginal(data: Record<string, unknown>, firm: FirmRef, ctx: BotContext): VisitDraft {
    const today = (data.today as IsoDate | undefined) ?? ctx.today;
    const parsed = parseCommand(typeof data.original === 'string' ? data.original : '', {
      roles: ctx.roles,
      groupEnterprise: { id: firm.id, name: firm.name },
      today,
      inGroup: true,
    });
    if (parsed.ok && parsed.command.name === 'visit') return parsed.command;
    return { date: today, method: 'onsite', summary: '', problem: null };
  }

  /** Looks a typed firm up; found → `then`, several → numbered question, none → own firms or the message. */
  async function resolveFirm(
    query: string,
    command: string,
    data: Record<string, unknown>,
    ctx: BotContext,
    then: (firm: FirmRef) => Promise<void>,
  ): Promise<void> {
    const personId = actorOf(ctx).personId;
    const found = await lookup.lookup(query, personId);
    if (found.kind === 'found') return then(found.enterprise);
    if (found.kind === 'choices') {
      const lead =
        found.choices.length === 1
          ? `没有找到“${query}”，您是指这家吗？`
          : `“${query}”对应多家企业，是哪一家？`;
      return askForFirm(ctx, command, lead, found.choices, data);
    }
    const own = (await lookup.ownFirms(personId)).slice(0, MAX_OWN_LISTED);
    if (own.length === 0) {
      await ctx.reply(found.message);
      return;
    }
    return askForFirm(ctx, command, `${found.message}\n您包联的企业：`, own, data);
  }

  async function bindHere(firm: FirmRef, ctx: BotContext): Promise<void> {
    const chatId = ctx.msg.chatId;
    if (!chatId) throw new UserError('请在企业群里@我发送“绑定企业 企业名称”。');
    const result = await groups.bindGroup(actorOf(ctx), { platform: ctx.accounts, chatId }, firm.id);
    const lines = [
      result.unchanged
        ? `本群已是“${result.enterprise.name}”的企业群，无需重复绑定。`
        : `本群已绑定企业：${result.enterprise.name}。企业联系人可以在群里@我反映问题、确认走访。`,
    ];
    if (!result.hasRobot)
      lines.push('本群的群机器人地址尚未登记，暂时无法主动推送消息，请联系亲商助企办补充。');
    await ctx.reply(lines.join('\n'));
  }

  return {
    commands: {
      visit: async (cmd, ctx) => {
        const draft: VisitDraft = {
          date: cmd.date,
          method: cmd.method,
          summary: cmd.summary,
          problem: cmd.problem,
        };
        if (cmd.enterpriseId) return finishVisit(draft, { id: cmd.enterpriseId }, ctx);
        await resolveFirm(cmd.enterprise ?? '', 'visit', { draft, today: ctx.today }, ctx, (firm) =>
          finishVisit(draft, firm, ctx),
        );
      },

      myEnterprises: async (_cmd, ctx) => {
        const personId = actorOf(ctx).personId;
        const pairs = await myEnterprises.list(personId, ctx.today);
        const extra = (await deps.myEnterprisesExtra?.(personId)) ?? [];
        await ctx.reply([myEnterprisesReply(pairs, ctx.today), ...extra].join('\n'));
      },

      confirmVisit: async (cmd, ctx) => {
        const { visit, already } = await confirmations.confirmVisit(cmd.id, actorOf(ctx));
        const what = `${formatDateZh(visit.visitedOn)}${visit.cadreName}的${METHOD_LABELS[visit.method]}`;
        if (already) {
          await ctx.reply(`${what}已经确认过了，无需重复确认。`);
          return;
        }
        await notifier.toPerson(ds, visit.cadreId, `visit-confirmed-${visit.id}`, {
          msgtype: 'text',
          text: `${visit.enterpriseName}已确认您${formatDateZh(visit.visitedOn)}的${METHOD_LABELS[visit.method]}。`,
        });
        await ctx.reply(`已确认：${what}。感谢您的反馈！`);
      },

      rateCadre: async (cmd, ctx) => {
        const r = await ratings.rateCadre(actorOf(ctx), cmd.score, cmd.comment, monthOf(ctx.now));
        const month = `${Number(r.period.slice(5, 7))}月`;
        await ctx.reply(
          r.updated
            ? `已更新您对包联干部${r.cadre.name}${month}的评分为${r.score}分，本月的意见均已保留。谢谢您的反馈！`
            : `已收到您对包联干部${r.cadre.name}${month}的评价：${r.score}分。谢谢您的反馈！`,
        );
      },

      bindGroup: async (cmd, ctx) => {
        if (!ctx.msg.chatId) throw new UserError('请在企业群里@我发送“绑定企业 企业名称”。');
        await resolveFirm(cmd.enterprise, 'bindGroup', {}, ctx, (firm) => bindHere(firm, ctx));
      },
    },

    incomplete: {
      visit: async (parsed, ctx) => {
        if (!parsed.missing.includes('enterprise')) {
          await ctx.reply(parsed.hint);
          return;
        }
        const own = (await lookup.ownFirms(actorOf(ctx).personId)).slice(0, MAX_OWN_LISTED);
        const original = ctx.msg.action?.key ?? ctx.msg.text;
        await askForFirm(ctx, 'visit', '走访的是哪家企业？', own, { original, today: ctx.today });
      },
      bindGroup: async (_parsed, ctx) => {
        if (!ctx.msg.chatId) throw new UserError('请在企业群里@我发送“绑定企业 企业名称”。');
        const own = (await lookup.ownFirms(actorOf(ctx).personId)).slice(0, MAX_OWN_LISTED);
        await askForFirm(ctx, 'bindGroup', '本群要绑定哪家企业？', own, {});
      },
    },

    dialogues: {
      visit: (text, state, ctx) =>
        continuePick(text, state, ctx, lookup, (firm) => {
          const draft =
            (state.data.draft as VisitDraft | undefined) ?? draftFromOriginal(state.data, firm, ctx);
          return finishVisit(draft, firm, ctx);
        }),
      bindGroup: (text, state, ctx) => continuePick(text, state, ctx, lookup, (firm) => bindHere(firm, ctx)),
    },
  };
}
