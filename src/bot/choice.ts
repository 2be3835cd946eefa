import { foldWidth } from '../commands/parser/text';
import type { DialogueState } from './dialogue.store';

/** After this many replies that fit no numbered question the dialogue ends (every feature alike). */
export const MAX_MISSES = 3;

/** "1. …" lines for a numbered list. */
export const numberedLines = (labels: string[]): string => labels.map((l, i) => `${i + 1}. ${l}`).join('\n');

/** The question with numbered choices and how to answer (`orElse`: another way to answer). */
export function numberedQuestion(lead: string, labels: string[], orElse = ''): string {
  return `${lead}\n${numberedLines(labels)}\n请回复序号（如 1）${orElse}；发送“取消”放弃。`;
}

const NUMBER_REPLY = /^\s*第?\s*(\d{1,3})\s*(?:个|项|号)?\s*$/;

/** True when the reply is a number at all (in range or not), so it is not looked up as a name. */
export const isNumberReply = (text: string): boolean => NUMBER_REPLY.test(foldWidth(text));

/** The 0-based choice a reply such as "2", "第2个" or "２" picks, or null when it picks none. */
export function pickedIndex(text: string, state: DialogueState): number | null {
  const m = NUMBER_REPLY.exec(foldWidth(text));
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= (state.choices?.length ?? 0) ? n - 1 : null;
}

/** Counts one more reply that fit no choice: the new count, or null once MAX_MISSES is reached. */
export function countMiss(state: DialogueState): number | null {
  const misses = (state.misses ?? 0) + 1;
  return misses >= MAX_MISSES ? null : misses;
}
