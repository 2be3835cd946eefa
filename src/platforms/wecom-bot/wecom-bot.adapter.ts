import { z } from 'zod';
import type { InboundMessage } from '../../bot/inbound-message';
import { PermanentError } from '../../lib/errors';
import type { OutboundPayload } from '../../outbox/outbound-payload';
import type { OutboxRow } from '../../outbox/outbox.repository';
import { isPlatformError } from '../kit/http';
import type {
  AdapterDeps,
  PlanContext,
  PlatformAdapter,
  PlatformModule,
  SendPlan,
  SendTarget,
} from '../adapter';
import { WECOM_APP_CHANNELS } from '../wecom-app/wecom-app.adapter';
import { postBotResponse } from '../wecom/wecom-app.client';
import { renderWecomBotResponse } from '../wecom/wecom.render';
import { wecomBotCallbacks, createWecomBotReceiver } from './wecom-bot.receiver';
import { configuredPlatform } from '../kit/module';

/** Its reply route: the one-shot response_url (valid 1 h), falling back to the group robot or the app. */
export type WecomBotRoute = {
  kind: 'wecom_bot_response';
  responseUrl: string;
  chatId: string | null;
  userId: string;
};

/** target: a 智能机器人 response_url (single use, valid 1 h); payload.botFallback says where else to answer. */
export const WECOM_BOT_RESPONSE = 'wecom_bot_response';

/** A 智能机器人 response_url is valid for about an hour after the message (101138). */
const RESPONSE_URL_TTL_MS = 60 * 60 * 1000;
/** A response_url this close to its expiry is not used any more: the request would race it. */
const MARGIN_MS = 60_000;

/**
 * payload.botFallback: when the response_url expires (ms) and where to answer once it has expired
 * or was already used — the group's push robot (a group_chat row id) or the user 1:1.
 */
const fallbackSchema = z.object({
  botFallback: z
    .object({ expiresAt: z.number(), groupChatId: z.string().optional(), userId: z.string() })
    .optional(),
});
type Fallback = NonNullable<z.infer<typeof fallbackSchema>['botFallback']>;

/**
 * The WeCom 智能机器人: `/wecom/bot`, answers through the single-use response_url and, for later
 * replies, the group's push robot or the app 1:1 (the same corp, so the same user ids).
 */
export function createWecomBotAdapter(deps: AdapterDeps): PlatformAdapter {
  const { config, robots } = deps;

  /** The same message as a row for the group's push robot, or the app 1:1. */
  const fallbackRow = (row: OutboxRow, payload: OutboundPayload, fallback: Fallback): OutboxRow => {
    const rest = { ...payload, botFallback: undefined };
    return fallback.groupChatId
      ? { ...row, channel: WECOM_APP_CHANNELS.webhook, target: fallback.groupChatId, payload: rest }
      : { ...row, channel: WECOM_APP_CHANNELS.app, target: fallback.userId, payload: rest };
  };

  return {
    name: 'wecom_bot',
    accounts: 'wecom',
    label: '企业微信',
    channels: [WECOM_BOT_RESPONSE],
    sends: false,

    async plan(row: OutboxRow, payload: OutboundPayload, ctx: PlanContext): Promise<SendPlan> {
      const parsed = fallbackSchema.safeParse(payload);
      if (!parsed.success) {
        throw new PermanentError('outbox_bad_payload', `row ${row.id}: ${parsed.error.message}`);
      }
      const fallback = parsed.data.botFallback;
      const expired =
        row.target === '' || (fallback && fallback.expiresAt - MARGIN_MS <= ctx.clock.now().getTime());
      if (expired && fallback) return ctx.replan(fallbackRow(row, payload, fallback));
      if (!row.target) throw new PermanentError('outbox_no_response_url', `row ${row.id}: no response_url`);
      const body = renderWecomBotResponse(payload, row.idempotencyKey);
      const direct = () => postBotResponse(config.wecomApiBase, row.target, body);
      if (!fallback) return { robot: null, parts: [direct] };
      const { attachments, ...text } = payload;
      // Used already or refused for good (the platform does not say which): answer the other way.
      const orFallback = async () => {
        try {
          await direct();
        } catch (err) {
          if (!isPlatformError(err) || err.retryable) throw err;
          const other = await ctx.replan(fallbackRow(row, text, fallback));
          for (const part of other.parts) await part();
        }
      };
      // The single-use response_url takes one markdown answer: pictures and files go the fallback's way.
      const rest = attachments?.length
        ? (await ctx.replan(fallbackRow(row, { msgtype: 'text', text: '', attachments }, fallback))).parts
        : [];
      return { robot: null, parts: [orFallback, ...rest] };
    },

    async replyTarget(msg: InboundMessage, seq: number): Promise<SendTarget> {
      const r = msg.reply as WecomBotRoute;
      const groupChatId = r.chatId ? ((await robots.robotOfChat('wecom', r.chatId)) ?? undefined) : undefined;
      const botFallback = {
        expiresAt: Date.parse(msg.sentAt) + RESPONSE_URL_TTL_MS,
        groupChatId,
        userId: r.userId,
      };
      // The first reply takes the single-use response_url; the plan falls back once it has expired.
      if (seq === 0 && r.responseUrl) {
        return { channel: WECOM_BOT_RESPONSE, target: r.responseUrl, extra: { botFallback } };
      }
      // Later replies (and enter_chat, which has no response_url): the group's robot, else 1:1.
      return groupChatId
        ? { channel: WECOM_APP_CHANNELS.webhook, target: groupChatId }
        : { channel: WECOM_APP_CHANNELS.app, target: r.userId };
    },
    privateTarget: (msg) => ({
      channel: WECOM_APP_CHANNELS.app,
      target: (msg.reply as WecomBotRoute).userId,
    }),
  };
}

export const wecomBotPlatform: PlatformModule = configuredPlatform({
  name: 'wecom_bot',
  accounts: 'wecom',
  settings: (config) => config.wecomBot,
  receiver: createWecomBotReceiver,
  callbacks: wecomBotCallbacks,
  sendsDirect: false,
  create: createWecomBotAdapter,
});
