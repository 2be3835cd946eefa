import { createHash } from 'node:crypto';

/** The bot's display name as people type it after @ in group chats. */
export const BOT_NAMES = ['助企机器人'];

// WeCom puts U+2005 (four-per-em space) after a mention; DingTalk and people type ordinary spaces.
const LEADING_MENTION = /^@[^\s\u2005]+[\s\u2005]+/u;

/** Removes @mentions of the bot anywhere and any leading `@name ` mentions, then trims. */
export function stripBotMentions(text: string, botNames: string[] = BOT_NAMES): string {
  let out = text;
  for (const name of botNames) out = out.split(`@${name}`).join(' ');
  out = out.replace(/^[\s\u2005]+/u, '');
  while (LEADING_MENTION.test(out)) out = out.replace(LEADING_MENTION, '');
  return out.replace(/\u2005/gu, ' ').trim();
}

/** inbound_message.message_id holds at most this many characters. */
const MAX_ID_LENGTH = 200;

/**
 * A platform id made usable as a dedupe key and BullMQ job id: no ':' (BullMQ refuses it), and an
 * over-long id replaced by its hash, so the same callback always maps to the same key.
 */
export function jobSafeId(id: string): string {
  const safe = id.replace(/:/g, '-');
  return safe.length <= MAX_ID_LENGTH ? safe : `h-${createHash('sha256').update(id).digest('hex')}`;
}
