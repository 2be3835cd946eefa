import type { DataSource } from 'typeorm';
import { countMiss, numberedQuestion } from '../../bot/choice';
import type { BotContext } from '../../bot/context';
import type { DialogueState } from '../../bot/dialogue.store';
import { UserError } from '../../lib/errors';
import { formatDateZh } from '../../lib/time';
import type { ProblemBrief, ProblemRepository } from '../../repositories/problem.repository';
import type { EnterpriseLookupService } from '../../services/enterprise-lookup.service';
import type { Actor } from '../../services/problem-permissions';
import type { ProblemWorkflowService } from '../../services/problem-workflow.service';
import { STATUS_LABELS } from '../../entities/labels';

/** What the problem features need. */
export interface ProblemFeatureDeps {
  ds: DataSource;
  workflow: ProblemWorkflowService;
  repo: ProblemRepository;
  lookup: EnterpriseLookupService;
}

/** The ledger actor of the sender (the bot lets only known senders reach these handlers). */
export function actorFrom(ctx: BotContext): Actor {
  const p = ctx.person;
  if (!p) throw new UserError('请先发送“绑定 手机号”完成绑定。');
  return { personId: p.id, roles: p.roles, unitId: p.unitId, enterpriseId: p.enterpriseId };
}

const clip = (text: string, max = 24) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** "W20261120-0001 西安甲科技：规划许可迟迟未批（办理中，11月27日前）" */
export function briefLine(p: ProblemBrief): string {
  const due = p.dueOn && p.status !== 'pending' ? `，${formatDateZh(p.dueOn)}前` : '';
  return `${p.code} ${clip(p.firm, 12)}：${clip(p.description)}（${STATUS_LABELS[p.status]}${due}）`;
}

/** Re-asks after a reply that fits no choice, or ends the dialogue after MAX_MISSES. */
export async function missedChoice(ctx: BotContext, state: DialogueState, lead: string): Promise<void> {
  const misses = countMiss(state);
  if (misses === null) {
    await ctx.endDialogue();
    await ctx.reply('没能确定您的选择，本次操作已结束。请重新发送完整的命令，或发送“帮助”。');
    return;
  }
  const labels = (state.choices ?? []).map((c) => c.label);
  await ctx.ask(numberedQuestion(`请回复1到${labels.length}之间的序号。${lead}`, labels), {
    ...state,
    misses,
  });
}
