import type { DataSource } from 'typeorm';
import type { Bot } from '../../src/bot/bot';
import type { InboundMessage } from '../../src/bot/inbound-message';

/** A platform-neutral message as the receivers build it: 1:1 through the app, a group through the 智能机器人. */
export function inboundMessage(
  senderId: string,
  text: string,
  chatId: string | null,
  messageId: string,
): InboundMessage {
  return {
    platform: chatId ? 'wecom_bot' : 'wecom',
    messageId,
    senderId,
    chatId,
    text,
    sentAt: new Date().toISOString(),
    reply: chatId
      ? {
          kind: 'wecom_bot_response',
          responseUrl: `https://example.invalid/r/${messageId}`,
          chatId,
          userId: senderId,
        }
      : { kind: 'wecom_app', userId: senderId },
  };
}

/** Handles one message with the bot as the inbound worker does and returns its answer (text, or a card's title). */
export async function botSays(ds: DataSource, bot: Bot, msg: InboundMessage): Promise<string> {
  await bot.handle(msg);
  const rows: { payload: { text?: string; card?: { title: string } } }[] = await ds.query(
    `SELECT payload FROM outbound_message WHERE idempotency_key LIKE $1 ORDER BY id`,
    [`reply-${msg.platform}-${msg.messageId}-%`],
  );
  return rows.map((r) => r.payload.text ?? r.payload.card?.title ?? '').join('\n');
}
