import type { Feature, Incomplete } from '../../bot/bot';
import type { BotContext } from '../../bot/context';
import type { DialogueState } from '../../bot/dialogue.store';
import { UserError } from '../../lib/errors';
import { dateOf, formatDateZh } from '../../lib/time';
import type { PolicyService } from '../../services/outreach/policy.service';
import { actorFrom } from '../problems/problem-kit';
import type { PolicyDraft } from '../parser/types';

/** What 发布政策 asks for when a part is missing, in this order. */
const QUESTIONS: [keyof PolicyDraft, string][] = [
  ['title', '请发送政策标题（可附链接，例：链接：https://…）。'],
  [
    'scope',
    '推送给哪些企业？请发送范围：全部，或区县、行业、企业/项目单位、统一社会信用代码（用“、”分隔），例：雁塔区、制造业。',
  ],
  ['contactUnit', '企业有疑问时由哪个单位答复？请发送咨询单位，例：市人力资源和社会保障局。'],
];

const missingOf = (d: PolicyDraft) => QUESTIONS.find(([k]) => !d[k]?.trim());

/** The firm a contact speaks for: the group's firm, else their own. */
function firmOf(ctx: BotContext): string {
  const id = ctx.groupEnterprise?.id ?? ctx.person?.enterpriseId ?? null;
  if (!id) throw new UserError('请在企业群里发送，或由企业联系人发送。');
  return id;
}

/** 发布政策 (with a dialogue for what is missing), 政策 N, and a firm's 已阅 / 咨询. */
export function policyFeature(policies: PolicyService): Feature {
  const publish = async (draft: PolicyDraft, ctx: BotContext) => {
    const r = await policies.publish(draft, actorFrom(ctx), ctx.sourceKey);
    const p = r.policy;
    await ctx.reply(
      `已发布政策 ${p.number}《${p.title}》：推送对象${r.targeted}家企业，将在下一次政策推送（每天15:00）合并发到各企业群，没有企业群的请包联干部转达。发送“政策 ${p.number}”查看送达、已阅和咨询情况。`,
    );
  };

  const askNext = async (draft: PolicyDraft, ctx: BotContext) => {
    const next = missingOf(draft);
    if (!next) {
      await ctx.endDialogue();
      await publish(draft, ctx);
      return;
    }
    await ctx.ask(`${next[1]}发送“取消”放弃。`, {
      command: 'publishPolicy',
      expecting: next[0],
      data: { draft: { ...draft } },
    });
  };

  return {
    incomplete: {
      publishPolicy: async (parsed: Incomplete, ctx) => {
        const partial = parsed.partial as { draft?: PolicyDraft } | undefined;
        await askNext(partial?.draft ?? {}, ctx);
      },
    },
    dialogues: {
      publishPolicy: async (text: string, state: DialogueState, ctx) => {
        const draft = { ...(state.data.draft as PolicyDraft), [state.expecting]: text.trim() };
        try {
          await askNext(draft, ctx);
        } catch (err) {
          if (!(err instanceof UserError)) throw err;
          await ctx.endDialogue();
          await ctx.reply(`${err.userMessage ?? err.message}请重新发送“发布政策 …”。`);
        }
      },
    },
    commands: {
      publishPolicy: async ({ draft }, ctx) => publish(draft, ctx),

      policyReport: async ({ number }, ctx) => {
        const found = await policies.report(number);
        if (!found) {
          await ctx.reply(`找不到编号为 ${number} 的政策。`);
          return;
        }
        const { policy: p, reach: r } = found;
        const pending = r.queued > 0 ? `，待推送${r.queued}` : '';
        await ctx.reply(
          [
            `政策 ${p.number}《${p.title}》（${p.issuer}，${formatDateZh(dateOf(p.createdAt))}发布）`,
            `推送对象${r.targeted}家：已送达${r.delivered}，送达失败${r.failed}${pending}；已阅${r.acknowledged}。`,
            `咨询${r.questions}件，已答复${r.answered}件。`,
          ].join('\n'),
        );
      },

      ackPolicy: async ({ number }, ctx) => {
        await ctx.reply(await policies.acknowledge(firmOf(ctx), number, actorFrom(ctx)));
      },

      consultPolicy: async ({ number, question }, ctx) => {
        const r = await policies.consult(firmOf(ctx), number, question, actorFrom(ctx), ctx.sourceKey);
        const due = r.dueOn ? `，${formatDateZh(r.dueOn)}前答复` : '';
        await ctx.reply(
          `已收到您对政策 ${r.number} 的咨询（${r.code}），已转${r.unit}${due}。可发送“查看 ${r.code}”了解进展。`,
        );
      },
    },
  };
}
