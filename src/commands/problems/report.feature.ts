import type { Feature } from '../../bot/bot';
import { numberedQuestion, pickedIndex } from '../../bot/choice';
import type { BotContext } from '../../bot/context';
import type { Category } from '../../entities';
import { formatDateZh } from '../../lib/time';
import type { ReportCommand } from '../parser/types';
import { askForFirm } from '../visits/enterprise-picker';
import { actorFrom, missedChoice, type ProblemFeatureDeps } from './problem-kit';

/** A report waiting for its firm or category, kept in the dialogue. */
interface ReportDraft extends Record<string, unknown> {
  enterpriseId: string | null;
  description: string;
  categoryWord: string | null;
  kind: ReportCommand['kind'];
}

/** At most this many categories offered, plus 其他. */
const MAX_CATEGORY_CHOICES = 8;
const OTHER = '其他（由包联干部交办）';

/**
 * 上报问题 [企业] [【类别】] 描述: the firm is the group's, the contact's own, or the one a cadre
 * names (asked with numbered choices when unclear); the category comes from the catalogue's
 * keywords, else the bot asks with numbered choices. The reply gives the problem's code.
 */
export function reportFeature(deps: ProblemFeatureDeps): Feature {
  const { workflow, repo, lookup } = deps;

  const submit = async (ctx: BotContext, draft: ReportDraft, category: Category | null) => {
    const enterpriseId = draft.enterpriseId as string;
    const kind = category && category.kind !== 'problem' ? category.kind : draft.kind;
    const { problem, routed, replayed } = await workflow.reportAndRoute(
      {
        enterpriseId,
        description: draft.description,
        categoryId: category?.id ?? null,
        kind,
        sourceKey: ctx.sourceKey,
      },
      actorFrom(ctx),
    );
    const names = (await repo.names([problem])).get(problem.id);
    const undo = replayed ? '' : '如有误，回复“撤销”即可撤回。';
    if (!replayed) await ctx.remember?.({ problems: [problem.code] });
    const noun = kind === 'request' ? '诉求' : kind === 'problem' ? '问题' : '服务';
    if (routed && names?.leadUnit && problem.dueOn) {
      await ctx.reply(
        `已登记${noun} ${problem.code}（${names.category ?? '未分类'}），已交办${names.leadUnit.name}，` +
          `办理期限${formatDateZh(problem.dueOn)}。进展会通知您，也可发送“查看 ${problem.code}”。${undo}`,
      );
      return;
    }
    await ctx.reply(
      `已登记${noun} ${problem.code}，${problem.status === 'pending' ? '暂未分类，已请包联干部交办' : '正在办理'}。` +
        `发送“查看 ${problem.code}”了解进展。${undo}`,
    );
  };

  /** Infers the category, or asks with numbered choices. */
  const classify = async (ctx: BotContext, draft: ReportDraft) => {
    const { category, candidates } = await workflow.infer(draft.description, draft.categoryWord);
    if (category) {
      await submit(ctx, draft, category);
      return;
    }
    const rest = (await workflow.categories()).filter((c) => !candidates.includes(c));
    const offered = [...candidates, ...rest].slice(0, MAX_CATEGORY_CHOICES);
    const choices = [...offered.map((c) => ({ id: c.id, label: c.name })), { id: '', label: OTHER }];
    await ctx.ask(
      numberedQuestion(
        '这个问题属于哪一类？',
        choices.map((c) => c.label),
      ),
      { command: 'reportCategory', expecting: 'category', choices, data: draft },
    );
  };

  return {
    incomplete: {
      // "上报问题 厂房用地指标迟迟未批" from a cadre: keep the description, ask which of their firms.
      report: async (result, ctx) => {
        const partial = result.partial as Partial<ReportCommand> | undefined;
        const onlyFirmMissing = result.missing.length === 1 && result.missing[0] === 'enterprise';
        if (!onlyFirmMissing || !partial?.description || !ctx.person) {
          await ctx.reply(result.hint);
          return;
        }
        const draft: ReportDraft = {
          enterpriseId: null,
          description: partial.description,
          categoryWord: partial.category ?? null,
          kind: partial.kind ?? 'problem',
        };
        await askForFirm(
          ctx,
          'reportFirm',
          '是哪家企业的问题？',
          await lookup.ownFirms(ctx.person.id),
          draft,
        );
      },
    },
    commands: {
      report: async (cmd, ctx) => {
        const actor = actorFrom(ctx);
        const draft: ReportDraft = {
          enterpriseId: cmd.enterpriseId ?? null,
          description: cmd.description,
          categoryWord: cmd.category,
          kind: cmd.kind,
        };
        if (!draft.enterpriseId && cmd.enterprise) {
          const found = await lookup.lookup(cmd.enterprise, actor.personId);
          if (found.kind === 'none') {
            await ctx.reply(found.message);
            return;
          }
          if (found.kind === 'choices') {
            await askForFirm(ctx, 'reportFirm', '是哪家企业的问题？', found.choices, draft);
            return;
          }
          draft.enterpriseId = found.enterprise.id;
        }
        draft.enterpriseId ??= actor.enterpriseId;
        if (!draft.enterpriseId) {
          await ctx.reply('请写明企业名称，例：上报问题 曲江文旅 【土地】 厂房用地指标迟迟未批');
          return;
        }
        await classify(ctx, draft);
      },
    },
    dialogues: {
      reportFirm: async (text, state, ctx) => {
        const index = pickedIndex(text, state);
        let firmId = index === null ? null : (state.choices?.[index]?.id ?? null);
        if (firmId === null && text.trim().length >= 2) {
          const found = await lookup.lookup(text.trim(), ctx.person?.id ?? null);
          if (found.kind === 'found') firmId = found.enterprise.id;
        }
        if (firmId === null) {
          await missedChoice(ctx, state, '或发送企业全称。');
          return;
        }
        // classify may ask the next question, so this one ends first.
        await ctx.endDialogue();
        await classify(ctx, { ...(state.data as ReportDraft), enterpriseId: firmId });
      },
      reportCategory: async (text, state, ctx) => {
        const index = pickedIndex(text, state);
        if (index === null) {
          await missedChoice(ctx, state, '');
          return;
        }
        await ctx.endDialogue();
        const id = state.choices?.[index]?.id ?? '';
        const category = id ? ((await workflow.categories()).find((c) => c.id === id) ?? null) : null;
        await submit(ctx, state.data as ReportDraft, category);
      },
    },
  };
}
