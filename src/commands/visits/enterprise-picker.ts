import { countMiss, isNumberReply, numberedLines, numberedQuestion, pickedIndex } from '../../bot/choice';
import type { BotContext } from '../../bot/context';
import type { DialogueState } from '../../bot/dialogue.store';
import { UserError } from '../../lib/errors';
import type { EnterpriseLookupService, FirmRef } from '../../services/enterprise-lookup.service';
import { foldWidth } from '../parser/text';

const firmLabels = (choices: FirmRef[]) => choices.map((c) => `${c.name}${c.own ? '（包联）' : ''}`);

/** "1. 西安秦创智能装备有限公司（包联）" lines for a numbered list. */
export const numbered = (choices: FirmRef[]): string => numberedLines(firmLabels(choices));

/** The question with its numbered firms and how to answer. */
export function pickQuestion(lead: string, choices: FirmRef[]): string {
  if (choices.length === 0) return `${lead}请发送企业名称，例：秦创智能。发送“取消”放弃。`;
  return numberedQuestion(lead, firmLabels(choices), '，或发送企业名称');
}

/** Asks which firm, keeping `data` for when the answer comes. */
export async function askForFirm(
  ctx: BotContext,
  command: string,
  lead: string,
  choices: FirmRef[],
  data: Record<string, unknown>,
  misses = 0,
): Promise<void> {
  // `own` rides along in the stored JSON so a re-asked list still marks the sender's firms.
  const stored = choices.map((c) => ({ id: c.id, label: c.name, own: c.own }));
  const state: DialogueState = {
    command,
    expecting: 'enterprise',
    choices: stored,
    data,
    misses,
  };
  await ctx.ask(pickQuestion(lead, choices), state);
}

const refsOf = (state: DialogueState): FirmRef[] =>
  (state.choices ?? []).map((c) => ({ id: c.id, name: c.label, own: (c as { own?: boolean }).own === true }));

/**
 * Continues a "which firm?" dialogue: a number picks from the list, a name is looked up again (one
 * match picks, several re-ask), anything else re-asks with an example; after MAX_MISSES (`bot/choice`) it ends.
 * The dialogue ends once `onPicked` succeeds or refuses; an unexpected failure keeps it for the retry.
 */
export async function continuePick(
  text: string,
  state: DialogueState,
  ctx: BotContext,
  lookup: EnterpriseLookupService,
  onPicked: (firm: FirmRef) => Promise<void>,
): Promise<void> {
  const answer = foldWidth(text).trim();
  const choices = refsOf(state);
  let picked: FirmRef | null = null;
  if (isNumberReply(answer)) {
    const index = pickedIndex(answer, state);
    picked = index === null ? null : (choices[index] ?? null);
  } else if (answer.length >= 2) {
    const found = await lookup.lookup(answer, ctx.person?.id ?? null);
    if (found.kind === 'found') picked = found.enterprise;
    else if (found.kind === 'choices') {
      await askForFirm(
        ctx,
        state.command,
        '找到几家相近的企业，是哪一家？',
        found.choices,
        state.data,
        state.misses,
      );
      return;
    }
  }
  if (picked === null) {
    const misses = countMiss(state);
    if (misses === null) {
      await ctx.endDialogue();
      await ctx.reply(
        '还是没能确定是哪家企业，本次操作已结束。请重新发送完整的命令，例：登记走访 秦创智能 昨天 上门 了解用工情况',
      );
      return;
    }
    const range = choices.length > 0 ? `请回复1到${choices.length}之间的序号，或发送企业名称。` : '';
    await askForFirm(ctx, state.command, `没看懂“${answer}”。${range}`, choices, state.data, misses);
    return;
  }
  try {
    await onPicked(picked);
  } catch (err) {
    if (err instanceof UserError) await ctx.endDialogue();
    throw err;
  }
  await ctx.endDialogue();
}
