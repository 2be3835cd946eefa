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
import { wecomAttachmentParts } from '../wecom/wecom.attachments';
import { WecomAppClient } from '../wecom/wecom-app.client';
import { WecomDirectory } from '../wecom/wecom-directory';
import { renderWecomApp, renderWecomWebhook } from '../wecom/wecom.render';
import { createWecomTokenCache } from '../wecom/wecom-token';
import { webhookKey, WecomWebhookClient } from '../wecom/wecom-webhook.client';
import { wecomAppCallbacks, createWecomAppReceiver } from './wecom-app.receiver';
import { configuredPlatform } from '../kit/module';
import { wecomConsoleLogin } from './wecom-app.login';

/** Its reply route: message/send to the user (1:1). */
export type WecomAppRoute = { kind: 'wecom_app'; userId: string };

/** The WeCom app's and the group robots' channels (the 智能机器人 falls back to them). */
export const WECOM_APP_CHANNELS = {
  /** target: WeCom user id (several joined by "|"). */
  app: 'wecom_app',
  /** target: chat id of an app-created group (appchat). */
  appchat: 'wecom_appchat',
  /** target: group_chat row id, or the robot's webhook URL. */
  webhook: 'wecom_webhook',
  /** target: the WeCom user who pressed a template card button; payload.cardUpdate has the code. */
  cardUpdate: 'wecom_card_update',
} as const;

const cardUpdateSchema = z.object({ cardUpdate: z.object({ responseCode: z.string().min(1) }).optional() });

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex').slice(0, 24);

/** The WeCom self-built app: `/wecom/callback`, message/send, card updates and the group push robots. */
export function createWecomAppAdapter(deps: AdapterDeps): PlatformAdapter {
  const { config, redis, clock, prefix, robots } = deps;
  const tokens = config.wecom
    ? createWecomTokenCache(redis, { apiBase: config.wecomApiBase, prefix, clock, ...config.wecom })
    : null;
  const app =
    config.wecom && tokens
      ? new WecomAppClient({ apiBase: config.wecomApiBase, agentId: config.wecom.agentId, tokens })
      : null;
  const webhook = new WecomWebhookClient({ apiBase: config.wecomApiBase });
  const C = WECOM_APP_CHANNELS;
  const noApp = () => new PermanentError('outbox_no_wecom', 'WeCom app settings are not set');

  const robotUrl = async (target: string): Promise<string> => {
    if (/^https?:\/\//.test(target)) return target;
    const row = await robots.findRobot(target);
    if (!row || row.platform !== 'wecom' || !row.webhookUrl) {
      throw new PermanentError('outbox_no_robot', `group chat ${target} has no wecom robot webhook`);
    }
    return row.webhookUrl;
  };

  return {
    name: 'wecom',
    accounts: 'wecom',
    label: '企业微信',
    channels: Object.values(C),
    sends: app !== null,
    directory: tokens ? new WecomDirectory({ apiBase: config.wecomApiBase, tokens }) : null,

    async plan(row: OutboxRow, payload: OutboundPayload, ctx?: PlanContext): Promise<SendPlan> {
      switch (row.channel) {
        case C.app:
        case C.appchat: {
          if (!app) throw noApp();
          const chat = row.channel === C.appchat;
          const send = chat ? app.sendToChat.bind(app) : app.send.bind(app);
          return {
            robot: `${row.channel}:${row.target}`,
            parts: [
              ...renderWecomApp(payload, row.idempotencyKey, chat).map((m) => async () => {
                await send(row.target, m);
              }),
              ...wecomAttachmentParts(
                { kind: chat ? 'appchat' : 'app', target: row.target, app },
                payload.attachments,
                ctx?.media,
              ),
            ],
          };
        }
        case C.cardUpdate: {
          const code = cardUpdateSchema.safeParse(payload).data?.cardUpdate?.responseCode;
          if (!app || !code)
            throw new PermanentError('outbox_bad_card_update', `row ${row.id}: no app or code`);
          const replaceName = payload.text ?? '已处理';
          return {
            robot: null,
            parts: [
              async () =>
                void (await app.updateTemplateCard({
                  userIds: [row.target],
                  responseCode: code,
                  replaceName,
                })),
            ],
          };
        }
        case C.webhook: {
          const url = await robotUrl(row.target);
          return {
            robot: `wecom_webhook:${digest(webhookKey(url))}`,
            parts: [
              ...renderWecomWebhook(payload).map((m) => () => webhook.send(url, m)),
              ...wecomAttachmentParts({ kind: 'webhook', url, webhook }, payload.attachments, ctx?.media),
            ],
          };
        }
        default:
          throw new PermanentError('outbox_bad_channel', `row ${row.id}: unknown channel ${row.channel}`);
      }
    },

    replyTarget: (msg) => Promise.resolve({ channel: C.app, target: (msg.reply as WecomAppRoute).userId }),
    privateTarget: (msg: InboundMessage) => ({ channel: C.app, target: (msg.reply as WecomAppRoute).userId }),
    pressedTarget: (msg: InboundMessage, label: string): SendTarget | null => {
      const code = msg.action?.responseCode;
      if (!code) return null;
      const { userId } = msg.reply as WecomAppRoute;
      return {
        channel: C.cardUpdate,
        target: userId,
        extra: { text: label, cardUpdate: { responseCode: code } },
      };
    },
    directTarget: (accountId) => ({ channel: C.app, target: accountId }),
    groupTarget: (groupChatId) => ({ channel: C.webhook, target: groupChatId }),
  };
}

export const wecomAppPlatform: PlatformModule = configuredPlatform({
  name: 'wecom',
  accounts: 'wecom',
  settings: (config) => config.wecom,
  receiver: createWecomAppReceiver,
  callbacks: wecomAppCallbacks,
  sendsDirect: true,
  roster: { accountColumn: '企业微信账号', accountField: 'wecomUserId', chatPlatform: '企业微信' },
  consoleLogin: wecomConsoleLogin,
  create: createWecomAppAdapter,
});
