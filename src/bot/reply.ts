import type { MessageAttachment } from '../outbox/outbound-payload';
import type { InboundMessage } from './inbound-message';

/**
 * What the bot says: plain text, markdown, or a card with buttons that send commands back; any of
 * them may carry attachments (a chart picture) sent right after it.
 */
export type ReplyPayload = (
  | { msgtype: 'text'; text: string }
  | { msgtype: 'markdown'; markdown: { title: string; text: string } }
  | {
      msgtype: 'card';
      card: {
        title: string;
        description: string;
        buttons: { text: string; key: string; typed?: string }[];
      };
    }
) & { attachments?: MessageAttachment[] };

/** Sends replies to the chat a message came from, at most once per (message, sequence number). */
export interface Replier {
  reply(msg: InboundMessage, payload: ReplyPayload, seq: number): Promise<void>;
  /** Sends to the sender 1:1 wherever the message came from, at most once per (message, seq). */
  replyPrivately(msg: InboundMessage, payload: ReplyPayload, seq: number): Promise<void>;
  /** Marks the pressed card button as done (WeCom update_template_card), once per press. */
  markPressed(msg: InboundMessage, label: string): Promise<void>;
}

export const text = (t: string): ReplyPayload => ({ msgtype: 'text', text: t });
