import type { DataSource } from 'typeorm';
import type { Sender } from '../outbox/sender';
import type { Channel, OutboundPayload } from '../outbox/outbound-payload';
import { GroupChat } from '../entities';
import { accountPlatformOf } from './identity.service';
import type { InboundMessage } from './inbound-message';
import type { Replier, ReplyPayload } from './reply';

/** A 智能机器人 response_url is valid for about an hour after the message (101138). */
const RESPONSE_URL_TTL_MS = 60 * 60 * 1000;

/**
 * Replies through the outbox, keyed `reply-<platform>-<message id>-<n>`, so a redelivered message
 * or a retried job never answers twice. The WeCom 智能机器人's response_url is single-use: the
 * first reply takes it, later ones (and the first, once the URL has expired or was used) go to the
 * group's push robot or, without one, 1:1 through the app.
 */
export class OutboxReplier implements Replier {
  constructor(
    private readonly ds: DataSource,
    private readonly sender: Sender,
  ) {}

  async reply(msg: InboundMessage, payload: ReplyPayload, seq: number): Promise<void> {
    const route = await this.route(msg, seq);
    if (!route) return;
    const key = `reply-${msg.platform}-${msg.messageId}-${seq}`;
    await this.sender.send(this.ds, key, route.channel, route.target, {
      ...payload,
      ...route.extra,
    } as OutboundPayload);
  }

  async replyPrivately(msg: InboundMessage, payload: ReplyPayload, seq: number): Promise<void> {
    const r = msg.reply;
    const route: { channel: Channel; target: string } =
      r.kind === 'dingtalk_session'
        ? { channel: 'dingtalk_api_user', target: r.userId }
        : { channel: 'wecom_app', target: r.userId };
    await this.sender.send(
      this.ds,
      `private-${msg.platform}-${msg.messageId}-${seq}`,
      route.channel,
      route.target,
      payload as OutboundPayload,
    );
  }

  async markPressed(msg: InboundMessage, label: string): Promise<void> {
    const code = msg.action?.responseCode;
    if (msg.reply.kind !== 'wecom_app' || !code) return;
    await this.sender.send(
      this.ds,
      `card-${msg.platform}-${msg.messageId}`,
      'wecom_card_update',
      msg.reply.userId,
      {
        msgtype: 'text',
        text: label,
        cardUpdate: { responseCode: code },
      },
    );
  }

  /** The group_chat row id of a group with a push robot, if it has one. */
  private async groupRobot(msg: InboundMessage, chatId: string): Promise<string | undefined> {
    const group = await this.ds.getRepository(GroupChat).findOne({
      where: { platform: accountPlatformOf(msg.platform), chatId },
    });
    return group?.webhookUrl ? group.id : undefined;
  }

  private async route(
    msg: InboundMessage,
    seq: number,
  ): Promise<{ channel: Channel; target: string; extra?: Partial<OutboundPayload> } | null> {
    const r = msg.reply;
    switch (r.kind) {
      case 'wecom_app':
        return { channel: 'wecom_app', target: r.userId };
      case 'dingtalk_session':
        return {
          channel: 'dingtalk_session',
          target: r.sessionWebhook,
          extra: {
            dingtalkSession: {
              expiresAt: r.expiresAt,
              conversationId: r.conversationId,
              isGroup: r.isGroup,
              userId: r.userId,
            },
          },
        };
      case 'wecom_bot_response': {
        const groupChatId = r.chatId ? await this.groupRobot(msg, r.chatId) : undefined;
        const botFallback = {
          expiresAt: Date.parse(msg.sentAt) + RESPONSE_URL_TTL_MS,
          groupChatId,
          userId: r.userId,
        };
        // The first reply takes the single-use response_url; the router falls back once it has expired.
        if (seq === 0 && r.responseUrl) {
          return { channel: 'wecom_bot_response', target: r.responseUrl, extra: { botFallback } };
        }
        // Later replies (and enter_chat, which has no response_url): the group's robot, else 1:1.
        return groupChatId
          ? { channel: 'wecom_webhook', target: groupChatId }
          : { channel: 'wecom_app', target: r.userId };
      }
    }
  }
}
