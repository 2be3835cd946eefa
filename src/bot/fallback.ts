import type { CommandName } from '../commands/parser/types';
import { likelyCommands, SENTENCE_EXAMPLES } from '../commands/understand/suggest';

/** "没看懂…您可能想：1. …" with the two or three commands this sender most likely meant, as sentences. */
export function fallbackReply(text: string, allowed: readonly CommandName[]): string {
  const likely = likelyCommands(text, allowed);
  if (likely.length === 0) return '没看懂这条消息。发送“帮助”查看可用的命令。';
  const lines = likely.map((n, i) => `${i + 1}. ${SENTENCE_EXAMPLES[n]}`);
  return `没看懂这条消息。您可能想：\n${lines.join('\n')}\n也可以发送“帮助”查看全部。`;
}
