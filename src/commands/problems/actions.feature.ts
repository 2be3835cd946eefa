import type { Feature } from '../../bot/bot';
import { numberedQuestion, pickedIndex } from '../../bot/choice';
import type { BotContext } from '../../bot/context';
import { formatDateZh } from '../../lib/time';
import type { PickAction } from '../../repositories/problem.repository';
import { UNDELIVERED } from '../../services/delivery-plan';
import type { LedgerResult, StepOptions } from '../../services/problem-ledger.types';
import { isService } from '../../services/problem-ledger.transitions';
import type { Actor } from '../../services/problem-permissions';
import type { Command } from '../parser/types';
import { USAGE } from '../parser/usage';
import { actorFrom, briefLine, missedChoice, type ProblemFeatureDeps } from './problem-kit';

/** The problem actions whose code may be left out (the problem in context). */
type ActionCommand = Extract<Command, { name: PickAction | 'deliver' }>;
type ActionName = ActionCommand['name'];

/** How one action runs on the ledger and what the sender is told. */
interface ActionSpec<C extends ActionCommand> {
  verb: string;
  run(code: string, cmd: C, actor: Actor, opts: StepOptions): Promise<LedgerResult>;
  done(result: LedgerResult, cmd: C): string;
}

/**
 * Who the step's notice reached, as its event records it: "已通知牵头单位（单位群）。" or, when no
 * route reached anyone, says so and that the campaign office will see it in the daily digest.
 */
function reached(r: LedgerResult, whom: string): string {
  const delivery = r.events[0]?.delivery;
  if (!delivery) return '';
  if (delivery.startsWith(UNDELIVERED)) {
    return `但${whom}没有可联系的群或人员，通知未能送达，已列入亲商助企办的每日提醒。`;
  }
  return `已通知${whom}（${delivery}）。`;
}

const due = (r: LedgerResult) => (r.problem.dueOn ? formatDateZh(r.problem.dueOn) : '期限内');

/**
 * 受理, 转办 <单位>, 退回 <原因>, 答复 <结果>, 申请延期 <N个工作日> <原因>, 评价, 撤回, 催办, 督办,
 * 同意/不同意延期, 送达 — each handed to the workflow (ledger step + notifications) with the
 * message as idempotency key. Without a code the action applies to the sender's one matching
 * open problem, or the bot asks which with numbered choices.
 */
export function actionsFeature(deps: ProblemFeatureDeps): Feature {
  const { workflow: wf, repo } = deps;

  const specs: { [K in ActionName]: ActionSpec<Extract<ActionCommand, { name: K }>> } = {
    accept: {
      verb: '受理',
      run: (code, _c, a, o) => wf.step('accept', [code, a], o),
      done: (r) =>
        `已受理 ${r.problem.code}，请在${due(r)}前办结，完成后发送“答复 ${r.problem.code} 办理结果”。`,
    },
    transfer: {
      verb: '转办',
      run: async (code, c, a, o) => {
        const [unit] = await repo.findUnits(c.unit);
        return wf.step('transfer', [code, unit.id, a], o);
      },
      done: (r, c) => `已将 ${r.problem.code} 转办至${c.unit}，办理期限${due(r)}。`,
    },
    coHandle: {
      verb: '增加协办单位',
      run: async (code, c, a, o) => {
        const [unit] = await deps.repo.findUnits(c.unit);
        return wf.addCoUnit(code, unit.id, a, o);
      },
      done: (r, c) => `已将${c.unit}列为 ${r.problem.code} 的协办单位。${reached(r, '该单位')}`,
    },
    return: {
      verb: '退回',
      run: (code, c, a, o) => wf.step('returnProblem', [code, a], { ...o, note: c.reason }),
      done: (r) => `已退回 ${r.problem.code}，将由包联干部重新交办。`,
    },
    answer: {
      verb: '答复',
      run: (code, c, a, o) => wf.step('answer', [code, c.text, a], o),
      done: (r) =>
        isService(r.problem.kind)
          ? `已答复 ${r.problem.code}，送达企业后（发送“送达 ${r.problem.code}”）由企业评价。`
          : `已答复 ${r.problem.code}，已请企业评价。`,
    },
    extend: {
      verb: '申请延期',
      run: (code, c, a, o) => wf.step('requestExtension', [code, c.days, c.reason, a], o),
      done: (r, c) => `已提交 ${r.problem.code} 延期${c.days}个工作日的申请，等待领导审批。`,
    },
    rate: {
      verb: '评价',
      run: (code, c, a, o) => wf.step('rate', [code, c.verdict, c.comment ?? '', a], o),
      done: (r) =>
        r.problem.status === 'closed'
          ? `感谢评价！问题 ${r.problem.code} 已销号。`
          : `已收到您的意见，问题 ${r.problem.code} 已退回牵头单位重新办理。${reached(r, '牵头单位')}`,
    },
    rateProxy: {
      verb: '代评',
      run: (code, c, a, o) => wf.step('rateByProxy', [code, c.verdict, c.comment ?? '', a], o),
      done: (r) =>
        r.problem.status === 'closed'
          ? `已代企业评价（记为代评）！问题 ${r.problem.code} 已销号。`
          : `已代企业评价为不满意，问题 ${r.problem.code} 已退回牵头单位重新办理。${reached(r, '牵头单位')}`,
    },
    withdraw: {
      verb: '撤回',
      run: (code, c, a, o) => wf.step('withdraw', [code, a], { ...o, note: c.reason ?? undefined }),
      done: (r) => `已撤回问题 ${r.problem.code}。`,
    },
    urge: {
      verb: '催办',
      run: (code, _c, a, o) => wf.step('urge', [code, a], o),
      done: (r) => `已催办 ${r.problem.code}。${reached(r, '牵头单位')}`,
    },
    supervise: {
      verb: '督办',
      run: (code, _c, a, o) => wf.step('supervise', [code, a], o),
      done: (r) => `已督办 ${r.problem.code}。${reached(r, '牵头单位')}`,
    },
    decideExtension: {
      verb: '审批延期',
      run: (code, c, a, o) =>
        wf.step('decideExtension', [code, c.approve, a], { ...o, note: c.reason ?? undefined }),
      done: (r, c) =>
        c.approve
          ? `已同意 ${r.problem.code} 延期，新的办理期限为${due(r)}。`
          : `已不同意 ${r.problem.code} 延期，请牵头单位按原期限办结。`,
    },
    deliver: {
      verb: '送达',
      run: (code, _c, a, o) => wf.step('deliver', [code, a], o),
      done: (r) => `已记录 ${r.problem.code} 送达企业，已请企业评价。`,
    },
  };

  /** The code of the problem in context: the one candidate, or null after asking / refusing. */
  const resolveCode = async (cmd: ActionCommand, ctx: BotContext, actor: Actor): Promise<string | null> => {
    if (cmd.code) return cmd.code;
    const pick: PickAction = cmd.name;
    const found = await repo.candidates(actor, pick, ctx.groupEnterprise?.id ?? null);
    if (found.length === 1) return found[0].code;
    const verb = specs[cmd.name].verb;
    if (found.length === 0) {
      await ctx.reply(`您目前没有可以${verb}的问题。请带上问题编号，格式：${USAGE[cmd.name]}`);
      return null;
    }
    await ctx.ask(
      numberedQuestion(
        `要${verb}哪个问题？`,
        found.map((p) => briefLine(p)),
      ),
      {
        command: 'problemPick',
        expecting: 'code',
        choices: found.map((p) => ({ id: p.code, label: briefLine(p) })),
        data: { cmd },
      },
    );
    return null;
  };

  /** 转办: the unit by name or fragment; several → numbered choices. False when it asked or refused. */
  const unitReady = async (cmd: ActionCommand, ctx: BotContext): Promise<boolean> => {
    if (cmd.name !== 'transfer' && cmd.name !== 'coHandle') return true;
    const units = await repo.findUnits(cmd.unit);
    if (units.length === 1 && units[0].name === cmd.unit.replace(/\s+/g, '')) return true;
    if (units.length === 1) {
      cmd.unit = units[0].name;
      return true;
    }
    if (units.length === 0) {
      await ctx.reply(`找不到单位“${cmd.unit}”。请发送单位全称，格式：${USAGE[cmd.name]}`);
      return false;
    }
    await ctx.ask(
      numberedQuestion(
        cmd.name === 'transfer' ? '转办给哪个单位？' : '增加哪个协办单位？',
        units.map((u) => u.name),
      ),
      {
        command: 'transferUnit',
        expecting: 'unit',
        choices: units.map((u) => ({ id: u.name, label: u.name })),
        data: { cmd },
      },
    );
    return false;
  };

  const perform = async (cmd: ActionCommand, ctx: BotContext) => {
    const actor = actorFrom(ctx);
    if (!(await unitReady(cmd, ctx))) return;
    const code = await resolveCode(cmd, ctx, actor);
    if (code === null) return;
    const spec = specs[cmd.name] as ActionSpec<ActionCommand>;
    const result = await spec.run(code, cmd, actor, { idempotencyKey: ctx.sourceKey });
    await ctx.reply(spec.done(result, cmd));
  };

  /** Continues a numbered question: the picked value goes into `field` of the stored command. */
  const resumeWith =
    (field: 'code' | 'unit') =>
    async (text: string, state: Parameters<typeof pickedIndex>[1], ctx: BotContext) => {
      const index = pickedIndex(text, state);
      if (index === null) {
        await missedChoice(ctx, state, '');
        return;
      }
      await ctx.endDialogue();
      const cmd = { ...(state.data.cmd as ActionCommand), [field]: state.choices?.[index]?.id };
      await perform(cmd, ctx);
    };

  return {
    commands: {
      accept: perform,
      transfer: perform,
      coHandle: perform,
      return: perform,
      answer: perform,
      extend: perform,
      rate: perform,
      rateProxy: perform,
      withdraw: perform,
      urge: perform,
      supervise: perform,
      decideExtension: perform,
      deliver: perform,
      qualityAnswer: async ({ code, solved }, ctx) => {
        const outcome = await wf.answerQualityCheck(code, solved, actorFrom(ctx), {
          idempotencyKey: ctx.sourceKey,
        });
        const replies = {
          recorded: '感谢您的反馈！',
          reopened: `感谢反馈，问题 ${code} 已重新交由牵头单位办理。`,
          flagged: `感谢反馈，已转亲商助企办核查问题 ${code}。`,
          already: '您已回答过这次回访，感谢！',
        };
        await ctx.reply(replies[outcome]);
      },
    },
    dialogues: { problemPick: resumeWith('code'), transferUnit: resumeWith('unit') },
  };
}
