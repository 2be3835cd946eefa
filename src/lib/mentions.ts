/** The bot's display name as people type it after @ in group chats. */
export const BOT_NAMES: readonly string[] = ['助企机器人'];

// WeCom puts U+2005 (four-per-em space) after a mention; DingTalk and people type ordinary spaces.
// A mention ends at white space or at the end of the text (a message that is only mentions says nothing).
const LEADING_MENTION = /^@[^\s\u2005]*(?:[\s\u2005]+|$)/u;

/**
 * Removes @mentions: the bot's name anywhere, and any run of `@name` at the start (a group message
 * often @s the bot and a colleague before the command); U+2005 becomes a space; the ends are trimmed.
 */
export function stripMentions(text: string, botNames: readonly string[] = BOT_NAMES): string {
  let out = text;
  for (const name of botNames) out = out.split(`@${name}`).join(' ');
  out = out.replace(/^[\s\u2005]+/u, '');
  while (out.startsWith('@')) out = out.replace(LEADING_MENTION, '');
  return out.replace(/\u2005/gu, ' ').trim();
}
