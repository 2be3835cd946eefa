import { createHash } from 'node:crypto';
import { PermanentError } from '../lib/errors';
import { isPlatformError } from '../platforms/http';
import { type Clock, systemClock } from '../lib/clock';
import type { DingtalkRobotClient } from '../platforms/dingtalk/dingtalk-robot.client';
import { postBotResponse, type WecomAppClient } from '../platforms/wecom/wecom-app.client';
import { webhookKey, type WecomWebhookClient } from '../platforms/wecom/wecom-webhook.client';
import { type OutboundPayload, parsePayload } from './outbound-payload';
import type { OutboxRow, RobotRow } from './outbox.repository';
import { type AttachmentDeps, attachmentParts, type AttachmentRoute } from './attachment-parts';
import { renderDingtalkApi, renderDingtalkRobot } from './render-dingtalk';
import { renderWecomApp, renderWecomBotResponse, renderWecomWebhook } from './render-wecom';

/** How to send one outbox row: the rate-limit identity and the ordered parts. */
export interface SendPlan {
  /** Rate-limiter key (never a secret), or null where no per-robot limit applies. */
  robot: string | null;
  parts: (() => Promise<void>)[];
}

export interface ChannelRouterDeps {
  wecomApiBase: string;
  wecomApp: WecomAppClient | null;
  wecomWebhook: WecomWebhookClient;
  dingtalk: DingtalkRobotClient;
  findRobot: (groupChatId: string) => Promise<RobotRow | null>;
  clock?: Clock;
  /** Attachments (charts, the 通报 workbook): where their bytes are and the URL DingTalk fetches. */
  findMedia?: AttachmentDeps['findMedia'];
  mediaUrl?: AttachmentDeps['mediaUrl'];
  logger?: AttachmentDeps['logger'];
}

/** A sessionWebhook this close to its expiry is not used any more: the request would race it. */
const SESSION_MARGIN_MS = 60_000;

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex').slice(0, 24);

/** Turns a row (channel, target, neutral payload) into platform calls. */
export class ChannelRouter {
  private readonly clock: Clock;

  constructor(private readonly deps: ChannelRouterDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  /** The plan for a row; throws PermanentError when it can never be sent (bad payload, no robot). */
  async plan(row: OutboxRow): Promise<SendPlan> {
    let payload: OutboundPayload;
    try {
      payload = parsePayload(row.payload);
    } catch (err) {
      throw new PermanentError('outbox_bad_payload', `row ${row.id}: ${(err as Error).message}`);
    }
    const body = await this.planBody(row, payload);
    if (!payload.attachments?.length) return body;
    const route = await this.attachmentRoute(row, payload);
    if (!route) return body;
    return {
      robot: body.robot,
      parts: [...body.parts, ...attachmentParts(this.deps, route, payload.attachments)],
    };
  }

  /**
   * Where a row's attachments go: its own channel, except the single-use ones — a 智能机器人
   * response_url takes one markdown answer, so pictures go to the group's robot or 1:1, and an
   * expired sessionWebhook hands over to the OpenAPI. Null where nothing can carry them.
   */
  private async attachmentRoute(row: OutboxRow, payload: OutboundPayload): Promise<AttachmentRoute | null> {
    switch (row.channel) {
      case 'wecom_webhook':
        return { channel: row.channel, target: (await this.robot(row.target, 'wecom')).url };
      case 'dingtalk_robot': {
        const { url, secret } = await this.robot(row.target, 'dingtalk');
        return { channel: row.channel, target: url, secret };
      }
      case 'wecom_bot_response': {
        const fallback = payload.botFallback;
        if (!fallback) return null;
        if (!fallback.groupChatId) return { channel: 'wecom_app', target: fallback.userId };
        return { channel: 'wecom_webhook', target: (await this.robot(fallback.groupChatId, 'wecom')).url };
      }
      case 'dingtalk_session': {
        const session = payload.dingtalkSession;
        if (session && session.expiresAt - SESSION_MARGIN_MS <= this.clock.now().getTime()) {
          return session.isGroup
            ? { channel: 'dingtalk_api_group', target: session.conversationId }
            : { channel: 'dingtalk_api_user', target: session.userId };
        }
        return { channel: row.channel, target: row.target };
      }
      case 'wecom_card_update':
        return null;
      default:
        return { channel: row.channel, target: row.target };
    }
  }

  /** The plan of a row's text (and card); attachments are added by `plan`. */
  private async planBody(row: OutboxRow, payload: OutboundPayload): Promise<SendPlan> {
    const { deps } = this;
    switch (row.channel) {
      case 'wecom_app':
      case 'wecom_appchat': {
        const app = deps.wecomApp;
        if (!app) throw new PermanentError('outbox_no_wecom', 'WeCom app settings are not set');
        const chat = row.channel === 'wecom_appchat';
        const send = chat ? app.sendToChat.bind(app) : app.send.bind(app);
        return {
          robot: `${row.channel}:${row.target}`,
          parts: renderWecomApp(payload, row.idempotencyKey, chat).map((m) => async () => {
            await send(row.target, m);
          }),
        };
      }
      case 'wecom_card_update': {
        const app = deps.wecomApp;
        const code = payload.cardUpdate?.responseCode;
        if (!app || !code)
          throw new PermanentError('outbox_bad_card_update', `row ${row.id}: no app or code`);
        const replaceName = payload.text ?? '已处理';
        return {
          robot: null,
          parts: [
            async () =>
              void (await app.updateTemplateCard({ userIds: [row.target], responseCode: code, replaceName })),
          ],
        };
      }
      case 'wecom_bot_response': {
        const fallback = payload.botFallback;
        const expired =
          row.target === '' ||
          (fallback && fallback.expiresAt - SESSION_MARGIN_MS <= this.clock.now().getTime());
        if (expired && fallback) return this.planBody(...this.fallback(row, payload, fallback));
        if (!row.target) throw new PermanentError('outbox_no_response_url', `row ${row.id}: no response_url`);
        const body = renderWecomBotResponse(payload, row.idempotencyKey);
        const direct = () => postBotResponse(deps.wecomApiBase, row.target, body);
        if (!fallback) return { robot: null, parts: [direct] };
        // Used already or refused for good (the platform does not say which): answer the other way.
        const orFallback = async () => {
          try {
            await direct();
          } catch (err) {
            if (!isPlatformError(err) || err.retryable) throw err;
            const other = await this.planBody(...this.fallback(row, payload, fallback));
            for (const part of other.parts) await part();
          }
        };
        return { robot: null, parts: [orFallback] };
      }
      case 'wecom_webhook': {
        const { url } = await this.robot(row.target, 'wecom');
        return {
          robot: `wecom_webhook:${digest(webhookKey(url))}`,
          parts: renderWecomWebhook(payload).map((m) => () => deps.wecomWebhook.send(url, m)),
        };
      }
      case 'dingtalk_robot': {
        const { url, secret } = await this.robot(row.target, 'dingtalk');
        const token = new URL(url).searchParams.get('access_token') ?? url;
        return {
          robot: `dingtalk_robot:${digest(token)}`,
          parts: renderDingtalkRobot(payload).map((m) => () => deps.dingtalk.sendRobot(url, secret, m)),
        };
      }
      case 'dingtalk_session': {
        const session = payload.dingtalkSession;
        const expired = session && session.expiresAt - SESSION_MARGIN_MS <= this.clock.now().getTime();
        if (!expired) {
          return {
            robot: `dingtalk_session:${session?.conversationId ?? digest(row.target)}`,
            parts: renderDingtalkRobot(payload).map((m) => () => deps.dingtalk.sendBySession(row.target, m)),
          };
        }
        return session.isGroup
          ? this.apiGroup(session.conversationId, payload)
          : this.apiUser(session.userId, payload);
      }
      case 'dingtalk_api_user':
        return this.apiUser(row.target, payload);
      case 'dingtalk_api_group':
        return this.apiGroup(row.target, payload);
      default:
        throw new PermanentError(
          'outbox_bad_channel',
          `row ${row.id}: unknown channel ${String(row.channel)}`,
        );
    }
  }

  /** The fallback row and its payload, for planBody. */
  private fallback(
    row: OutboxRow,
    payload: OutboundPayload,
    fallback: NonNullable<OutboundPayload['botFallback']>,
  ): [OutboxRow, OutboundPayload] {
    const other = this.fallbackRow(row, payload, fallback);
    return [other, other.payload as OutboundPayload];
  }

  /** The same message as a row for the group's push robot, or the app 1:1. */
  private fallbackRow(
    row: OutboxRow,
    payload: OutboundPayload,
    fallback: NonNullable<OutboundPayload['botFallback']>,
  ): OutboxRow {
    const rest = { ...payload, botFallback: undefined };
    return fallback.groupChatId
      ? { ...row, channel: 'wecom_webhook', target: fallback.groupChatId, payload: rest }
      : { ...row, channel: 'wecom_app', target: fallback.userId, payload: rest };
  }

  private apiUser(userId: string, payload: OutboundPayload): SendPlan {
    return {
      robot: `dingtalk_api_user:${userId}`,
      parts: renderDingtalkApi(payload).map((m) => () => this.deps.dingtalk.sendToUsers([userId], m)),
    };
  }

  private apiGroup(conversationId: string, payload: OutboundPayload): SendPlan {
    return {
      robot: `dingtalk_api_group:${conversationId}`,
      parts: renderDingtalkApi(payload).map((m) => () => this.deps.dingtalk.sendToGroup(conversationId, m)),
    };
  }

  /** The robot behind a target: a group_chat row id, or a webhook URL given directly. */
  private async robot(target: string, platform: string): Promise<{ url: string; secret: string | null }> {
    if (/^https?:\/\//.test(target)) return { url: target, secret: null };
    const row = await this.deps.findRobot(target);
    if (!row || row.platform !== platform || !row.webhookUrl) {
      throw new PermanentError('outbox_no_robot', `group chat ${target} has no ${platform} robot webhook`);
    }
    return { url: row.webhookUrl, secret: row.webhookSecret };
  }
}
