import { commandNamesForRoles, fallbackFor } from '../commands/parser/help';
import { likelyCommands, SENTENCE_EXAMPLES } from '../commands/understand/suggest';
import type { Role } from '../entities/enums';

/**
 * The answer to a message that is no command: the two or three commands this sender most likely
 * meant, as sentences ("您可能想：…"), then the role's own example and the words of every command the
 * permission rule lets them use — so it never offers what dispatch would then refuse.
 */
export function fallbackReply(text: string, roles: readonly Role[]): string {
  const base = fallbackFor(roles);
  const likely = likelyCommands(text, commandNamesForRoles(roles));
  if (likely.length === 0) return base;
  const lines = likely.map((n, i) => `${i + 1}. ${SENTENCE_EXAMPLES[n]}`);
  return `没看懂这条消息。您可能想：\n${lines.join('\n')}\n${base.replace(/^没看懂这条消息。/, '')}`;
}
