import type { DataSource } from 'typeorm';
import type { Sender } from '../outbox/sender';
import type { Channel, OutboundPayload } from '../outbox/outbound-payload';
import { GroupChat } from '../entities';
import { accountPlatformOf } from './identity.service';
import type { InboundMessage } from './inbound-message';
import type { Replier, ReplyPayload } from './reply';

/**
 * Replies through the outbox, keyed `reply-<platform>-<message id>-<n>`, so a redelivered message
 * or a retried job never answers twice. The WeCom 智能机器人's response_url is single-use: the
 * first reply takes it, later ones go to the group's push robot or, in 1:1, through the app.
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
        if (seq === 0) return { channel: 'wecom_bot_response', target: r.responseUrl };
        if (r.chatId) {
          const group = await this.ds.getRepository(GroupChat).findOne({
            where: { platform: accountPlatformOf(msg.platform), chatId: r.chatId },
          });
          return group?.webhookUrl ? { channel: 'wecom_webhook', target: group.id } : null;
        }
        return { channel: 'wecom_app', target: r.userId };
      }
    }
  }
}
