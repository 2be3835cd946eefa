import { z } from 'zod';

/**
 * Where an outbound message goes: a channel one platform adapter owns (see its `channels`); the
 * target's meaning is the adapter's.
 */
export type Channel = string;

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
 * The platform-neutral message every channel renders; stored as outbound_message.payload. Other
 * keys are kept: an adapter stores what it needs to plan the row there (a fallback route, a card's
 * response code …) and checks it with its own schema.
 */
export const outboundPayloadSchema = z.looseObject({
  msgtype: z.enum(['text', 'markdown', 'card']),
  text: z.string().optional(),
  markdown: z.object({ title: z.string(), text: z.string() }).optional(),
  card: z
    .object({ title: z.string().min(1), description: z.string(), buttons: z.array(button).max(6) })
    .optional(),
  mentions: z
    .object({ userIds: z.array(z.string()).optional(), mobiles: z.array(z.string()).optional() })
    .optional(),
});
export type OutboundPayload = z.infer<typeof outboundPayloadSchema>;
export type CardButton = z.infer<typeof button>;

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
