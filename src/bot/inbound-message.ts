import type { Platform } from '../entities/enums';

/** How to answer a message: the cheapest channel the platform offered with it. */
export type ReplyRoute =
  /** WeCom self-built app: message/send to the user (1:1). */
  | { kind: 'wecom_app'; userId: string }
  /** WeCom 智能机器人: the one-shot response_url (valid 1 h), falling back to nothing. */
  | { kind: 'wecom_bot_response'; responseUrl: string; chatId: string | null; userId: string }
  /** DingTalk: the sessionWebhook until it expires, then the OpenAPI (1:1 batchSend or group send). */
  | {
      kind: 'dingtalk_session';
      sessionWebhook: string;
      expiresAt: number;
      conversationId: string;
      isGroup: boolean;
      userId: string;
    };

/** A button press on a card, delivered to the bot like a command. */
export interface InboundAction {
  /** The button key we set, e.g. `accept:W20261123-0001`. */
  key: string;
  /** WeCom template card task_id. */
  taskId?: string;
  /** WeCom ResponseCode for update_template_card (single use). */
  responseCode?: string;
}

/**
 * One platform-neutral message. Receivers build it; everything after the receiver sees only this.
 * It is stored as JSON in inbound_message.payload, so it holds only plain data.
 */
export interface InboundMessage {
  platform: Platform;
  /** Dedupe key: the platform's message id as a string (WeCom events: FromUserName + CreateTime). */
  messageId: string;
  /** The sender's platform user id (WeCom UserID, DingTalk staffId or senderId). */
  senderId: string;
  senderName?: string;
  /** Group chat id, or null for a 1:1 chat. */
  chatId: string | null;
  /** Text with @mentions of the bot removed and whitespace trimmed; '' for events. */
  text: string;
  /** When the platform says it was sent (ISO-8601). */
  sentAt: string;
  /** Set for card button presses and other events (enter_agent …). */
  action?: InboundAction;
  event?: string;
  reply: ReplyRoute;
  /** Set when NUL or lone surrogates were cleaned out: SHA-256 of the message as it arrived. */
  rawSha256?: string;
}
