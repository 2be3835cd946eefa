import { z } from 'zod';

/** Where an outbound message goes; the target's meaning depends on the channel. */
export const CHANNELS = [
  /** target: WeCom user id (several joined by "|"). */
  'wecom_app',
  /** target: chat id of an app-created group (appchat). */
  'wecom_appchat',
  /** target: group_chat row id, or the robot's webhook URL. */
  'wecom_webhook',
  /** target: the WeCom user who pressed a template card button; payload.cardUpdate has the code. */
  'wecom_card_update',
  /** target: a 智能机器人 response_url (single use, valid 1 h). */
  'wecom_bot_response',
  /** target: a DingTalk message's sessionWebhook; payload.dingtalkSession says where to fall back. */
  'dingtalk_session',
  /** target: group_chat row id, or the custom robot's webhook URL (unsigned). */
  'dingtalk_robot',
  /** target: DingTalk user id (1:1 through the OpenAPI). */
  'dingtalk_api_user',
  /** target: DingTalk openConversationId (group through the OpenAPI). */
  'dingtalk_api_group',
] as const;
export type Channel = (typeof CHANNELS)[number];

const button = z.object({
  text: z.string().min(1),
  /** What the press reports back (WeCom EventKey), e.g. `accept:W20261123-0001`. */
  key: z.string().min(1).max(128),
  /** The command a tap sends as text where a platform has no button events (DingTalk); default: key. */
  command: z.string().optional(),
  /**
   * What a person types where nothing can be tapped (group robot markdown has no buttons): short
   * words, never an id. Default: the command.
   */
  typed: z.string().optional(),
});

/**
 * A picture or document sent after the message's text, stored in media_asset: a chart PNG, or the
 * 通报 workbook. Each channel sends it its own way (see attachment-parts.ts).
 */
const attachment = z.object({
  kind: z.enum(['image', 'file']),
  mediaId: z.string().uuid(),
  /** The file name (file messages) or the picture's caption (DingTalk markdown). */
  name: z.string().min(1).max(200),
});

/** The platform-neutral message every channel renders; stored as outbound_message.payload. */
export const outboundPayloadSchema = z.object({
  msgtype: z.enum(['text', 'markdown', 'card']),
  text: z.string().optional(),
  markdown: z.object({ title: z.string(), text: z.string() }).optional(),
  card: z
    .object({ title: z.string().min(1), description: z.string(), buttons: z.array(button).max(6) })
    .optional(),
  /** Sent after the text, in order, as parts of the same row (so a retry never repeats one). */
  attachments: z.array(attachment).max(4).optional(),
  mentions: z
    .object({ userIds: z.array(z.string()).optional(), mobiles: z.array(z.string()).optional() })
    .optional(),
  /** For wecom_card_update: the single-use ResponseCode of the press; `text` is the button's new name. */
  cardUpdate: z.object({ responseCode: z.string().min(1) }).optional(),
  /**
   * For wecom_bot_response: when the response_url expires (ms) and where to answer once it has
   * expired or was already used — the group's push robot (a group_chat row id) or the user 1:1.
   */
  botFallback: z
    .object({ expiresAt: z.number(), groupChatId: z.string().optional(), userId: z.string() })
    .optional(),
  /** For dingtalk_session: where to send through the OpenAPI once the sessionWebhook has expired. */
  dingtalkSession: z
    .object({
      expiresAt: z.number(),
      conversationId: z.string(),
      isGroup: z.boolean(),
      userId: z.string(),
    })
    .optional(),
});
export type OutboundPayload = z.infer<typeof outboundPayloadSchema>;
export type CardButton = z.infer<typeof button>;
export type MessageAttachment = z.infer<typeof attachment>;

/** Checks a payload has the body its msgtype names; throws a ZodError or Error naming the gap. */
export function parsePayload(raw: unknown): OutboundPayload {
  const payload = outboundPayloadSchema.parse(raw);
  const body = { text: payload.text, markdown: payload.markdown, card: payload.card }[payload.msgtype];
  if (body === undefined)
    throw new Error(`payload.${payload.msgtype} is missing for msgtype ${payload.msgtype}`);
  return payload;
}

/** The text a button press sends where the platform has no button events. */
export const buttonCommand = (b: CardButton): string => b.command ?? b.key;
