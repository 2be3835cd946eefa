import type { DataSource } from 'typeorm';
import type { Sender } from '../outbox/sender';
import type { AdapterLookup, SendTarget } from '../platforms/adapter';
import type { InboundMessage } from './inbound-message';
import type { Replier, ReplyPayload } from './reply';

/**
 * Replies through the outbox, keyed `reply-<platform>-<message id>-<n>`, so a redelivered message
 * or a retried job never answers twice. Where a reply goes is the receiving adapter's choice.
 */
export class OutboxReplier implements Replier {
  constructor(
    private readonly ds: DataSource,
    private readonly sender: Sender,
    private readonly platforms: AdapterLookup,
  ) {}

  async reply(msg: InboundMessage, payload: ReplyPayload, seq: number): Promise<void> {
    const to = await this.platforms.adapter(msg.platform).replyTarget(msg, seq);
    if (!to) return;
    await this.send(`reply-${msg.platform}-${msg.messageId}-${seq}`, to, payload);
  }

  async replyPrivately(msg: InboundMessage, payload: ReplyPayload, seq: number): Promise<void> {
    const to = this.platforms.adapter(msg.platform).privateTarget(msg);
    await this.send(`private-${msg.platform}-${msg.messageId}-${seq}`, to, payload);
  }

  async markPressed(msg: InboundMessage, label: string): Promise<void> {
    const to = this.platforms.adapter(msg.platform).pressedTarget?.(msg, label);
    if (!to) return;
    await this.send(`card-${msg.platform}-${msg.messageId}`, to, { msgtype: 'text', text: label });
  }

  private async send(key: string, to: SendTarget, payload: ReplyPayload): Promise<void> {
    await this.sender.send(this.ds, key, to.channel, to.target, {
      ...payload,
      ...to.extra,
    });
  }
}
