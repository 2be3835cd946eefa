/**
 * How to answer a message: the cheapest channel the platform offered with it. Opaque to the core:
 * the adapter that received the message wrote it (`kind` names the variant) and reads it back.
 */
export type ReplyRoute = { kind: string } & Record<string, unknown>;

/** A button press on a card, delivered to the bot like a command. */
export interface InboundAction {
  /** The button key we set, e.g. `accept:W20261123-0001`. */
  key: string;
  /** The platform's card id for the press, where it has one. */
  taskId?: string;
  /** A single-use code to mark the card as handled, where the platform has one. */
  responseCode?: string;
}

/**
 * One platform-neutral message. Receivers build it; everything after the receiver sees only this.
 * It is stored as JSON in inbound_message.payload, so it holds only plain data.
 */
export interface InboundMessage {
  /** The adapter that received it (its `name` in src/platforms/registry.ts). */
  platform: string;
  /** Dedupe key: the platform's message id as a string (or what the adapter derives for events). */
  messageId: string;
  /** The sender's platform user id, in the adapter's account namespace. */
  senderId: string;
  senderName?: string;
  /** Group chat id, or null for a 1:1 chat. */
  chatId: string | null;
  /** Text with @mentions of the bot removed and whitespace trimmed; '' for events. */
  text: string;
  /** When the platform says it was sent (ISO-8601). */
  sentAt: string;
  /** Set for card button presses and other events. */
  action?: InboundAction;
  event?: string;
  reply: ReplyRoute;
  /** Set when NUL or lone surrogates were cleaned out: SHA-256 of the message as it arrived. */
  rawSha256?: string;
}
