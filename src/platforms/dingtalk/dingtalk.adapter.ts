import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { InboundMessage } from '../../bot/inbound-message';
import { PermanentError } from '../../lib/errors';
import type { OutboundPayload } from '../../outbox/outbound-payload';
import type { OutboxRow } from '../../outbox/outbox.repository';
import type {
  AdapterDeps,
  PlanContext,
  PlatformAdapter,
  PlatformModule,
  SendPlan,
  SendTarget,
} from '../adapter';
import { DingtalkDirectory } from './dingtalk-directory';
import { DingtalkRobotClient } from './dingtalk-robot.client';
import { createDingtalkTokenCache } from './dingtalk-token';
import { renderDingtalkApi, renderDingtalkRobot } from './dingtalk.render';
import { dingtalkAttachmentPayloads } from './dingtalk.attachments';
import { dingtalkCallbacks, createDingtalkReceiver } from './dingtalk.receiver';
import { configuredPlatform } from '../kit/module';
import { dingtalkConsoleLogin } from './dingtalk.login';

/** Its reply route: the sessionWebhook until it expires, then the OpenAPI (1:1 batchSend or group send). */
export type DingtalkRoute = {
  kind: 'dingtalk_session';
  sessionWebhook: string;
  expiresAt: number;
  conversationId: string;
  isGroup: boolean;
  userId: string;
};

export const DINGTALK_CHANNELS = {
  /** target: a DingTalk message's sessionWebhook; payload.dingtalkSession says where to fall back. */
  session: 'dingtalk_session',
  /** target: group_chat row id, or the custom robot's webhook URL (unsigned). */
  robot: 'dingtalk_robot',
  /** target: DingTalk user id (1:1 through the OpenAPI). */
  apiUser: 'dingtalk_api_user',
  /** target: DingTalk openConversationId (group through the OpenAPI). */
  apiGroup: 'dingtalk_api_group',
} as const;

/** payload.dingtalkSession: where to send through the OpenAPI once the sessionWebhook has expired. */
const sessionSchema = z.object({
  dingtalkSession: z
    .object({ expiresAt: z.number(), conversationId: z.string(), isGroup: z.boolean(), userId: z.string() })
    .optional(),
});

/** A sessionWebhook this close to its expiry is not used any more: the request would race it. */
const SESSION_MARGIN_MS = 60_000;

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex').slice(0, 24);

/** The DingTalk enterprise robot: `/dingtalk/callback`, sessionWebhook, custom robots and the OpenAPI. */
export function createDingtalkAdapter(deps: AdapterDeps): PlatformAdapter {
  const { config, redis, clock, prefix, robots } = deps;
  const tokens = config.dingtalk
    ? createDingtalkTokenCache(redis, { apiBase: config.dingtalkApiBase, prefix, clock, ...config.dingtalk })
    : null;
  const client = new DingtalkRobotClient({
    apiBase: config.dingtalkApiBase,
    oapiBase: config.dingtalkOapiBase,
    appKey: config.dingtalk?.appKey ?? null,
    tokens,
    clock,
  });
  const C = DINGTALK_CHANNELS;

  const apiUser = (userId: string, payload: OutboundPayload): SendPlan => ({
    robot: `dingtalk_api_user:${userId}`,
    parts: renderDingtalkApi(payload).map((m) => () => client.sendToUsers([userId], m)),
  });
  const apiGroup = (conversationId: string, payload: OutboundPayload): SendPlan => ({
    robot: `dingtalk_api_group:${conversationId}`,
    parts: renderDingtalkApi(payload).map((m) => () => client.sendToGroup(conversationId, m)),
  });
  /** The robot behind a target: a group_chat row id, or a webhook URL given directly. */
  const robot = async (target: string): Promise<{ url: string; secret: string | null }> => {
    if (/^https?:\/\//.test(target)) return { url: target, secret: null };
    const row = await robots.findRobot(target);
    if (!row || row.platform !== 'dingtalk' || !row.webhookUrl) {
      throw new PermanentError('outbox_no_robot', `group chat ${target} has no dingtalk robot webhook`);
    }
    return { url: row.webhookUrl, secret: row.webhookSecret };
  };

  /** The plan of a row's text (and card); `plan` adds the attachments. */
  const planBody = async (row: OutboxRow, payload: OutboundPayload, ctx: PlanContext): Promise<SendPlan> => {
    switch (row.channel) {
      case C.robot: {
        const { url, secret } = await robot(row.target);
        const token = new URL(url).searchParams.get('access_token') ?? url;
        return {
          robot: `dingtalk_robot:${digest(token)}`,
          parts: renderDingtalkRobot(payload).map((m) => () => client.sendRobot(url, secret, m)),
        };
      }
      case C.session: {
        const parsed = sessionSchema.safeParse(payload);
        if (!parsed.success) {
          throw new PermanentError('outbox_bad_payload', `row ${row.id}: ${parsed.error.message}`);
        }
        const session = parsed.data.dingtalkSession;
        const expired = session && session.expiresAt - SESSION_MARGIN_MS <= ctx.clock.now().getTime();
        if (!expired) {
          return {
            robot: `dingtalk_session:${session?.conversationId ?? digest(row.target)}`,
            parts: renderDingtalkRobot(payload).map((m) => () => client.sendBySession(row.target, m)),
          };
        }
        return session.isGroup ? apiGroup(session.conversationId, payload) : apiUser(session.userId, payload);
      }
      case C.apiUser:
        return apiUser(row.target, payload);
      case C.apiGroup:
        return apiGroup(row.target, payload);
      default:
        throw new PermanentError('outbox_bad_channel', `row ${row.id}: unknown channel ${row.channel}`);
    }
  };

  return {
    name: 'dingtalk',
    accounts: 'dingtalk',
    label: '钉钉',
    channels: Object.values(C),
    sends: config.dingtalk !== null,
    directory: tokens ? new DingtalkDirectory({ oapiBase: config.dingtalkOapiBase, tokens }) : null,

    async plan(row: OutboxRow, payload: OutboundPayload, ctx: PlanContext): Promise<SendPlan> {
      const plan = await planBody(row, payload, ctx);
      // Pictures and files: markdown on the same route (session, robot or OpenAPI), after the text.
      for (const extra of dingtalkAttachmentPayloads(payload.attachments, ctx.media)) {
        const more = await planBody(
          row,
          { ...payload, attachments: undefined, text: undefined, card: undefined, ...extra },
          ctx,
        );
        plan.parts.push(...more.parts);
      }
      return plan;
    },

    replyTarget(msg: InboundMessage): Promise<SendTarget> {
      const r = msg.reply as DingtalkRoute;
      return Promise.resolve({
        channel: C.session,
        target: r.sessionWebhook,
        extra: {
          dingtalkSession: {
            expiresAt: r.expiresAt,
            conversationId: r.conversationId,
            isGroup: r.isGroup,
            userId: r.userId,
          },
        },
      });
    },
    privateTarget: (msg) => ({ channel: C.apiUser, target: (msg.reply as DingtalkRoute).userId }),
    directTarget: (accountId) => ({ channel: C.apiUser, target: accountId }),
    groupTarget: (groupChatId) => ({ channel: C.robot, target: groupChatId }),
  };
}

export const dingtalkPlatform: PlatformModule = configuredPlatform({
  name: 'dingtalk',
  accounts: 'dingtalk',
  settings: (config) => config.dingtalk,
  receiver: createDingtalkReceiver,
  callbacks: dingtalkCallbacks,
  sendsDirect: true,
  roster: { accountColumn: '钉钉账号', accountField: 'dingtalkUserId', chatPlatform: '钉钉' },
  consoleLogin: dingtalkConsoleLogin,
  create: createDingtalkAdapter,
});
