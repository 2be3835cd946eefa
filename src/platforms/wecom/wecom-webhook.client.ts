import { createHash } from 'node:crypto';
import { rebase, requestJson } from '../kit/http';

/** A group robot (消息推送) message body. */
export type WecomWebhookMessage =
  | {
      msgtype: 'text';
      text: { content: string; mentioned_list?: string[]; mentioned_mobile_list?: string[] };
    }
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'image'; image: { base64: string; md5: string } };

/** The WeCom group robot `webhook/send?key=` (20 messages per minute per robot). */
export class WecomWebhookClient {
  constructor(private readonly opts: { apiBase: string; timeoutMs?: number }) {}

  /** Sends to a stored webhook URL (real host) or a bare key, always via the configured API base. */
  async send(webhookUrlOrKey: string, message: WecomWebhookMessage): Promise<void> {
    await requestJson(this.url(webhookUrlOrKey), {
      platform: 'wecom',
      body: message,
      timeoutMs: this.opts.timeoutMs,
    });
  }

  /** Sends an image (JPG/PNG ≤ 2 MB): base64 of the bytes and md5 of the raw bytes. */
  sendImage(webhookUrlOrKey: string, bytes: Buffer): Promise<void> {
    return this.send(webhookUrlOrKey, {
      msgtype: 'image',
      image: { base64: bytes.toString('base64'), md5: createHash('md5').update(bytes).digest('hex') },
    });
  }

  private url(webhookUrlOrKey: string): string {
    if (/^https?:\/\//.test(webhookUrlOrKey)) return rebase(webhookUrlOrKey, this.opts.apiBase);
    return `${this.opts.apiBase}/cgi-bin/webhook/send?key=${encodeURIComponent(webhookUrlOrKey)}`;
  }
}

/** The robot's key from its webhook URL (the identity we rate-limit by). */
export function webhookKey(webhookUrlOrKey: string): string {
  if (!/^https?:\/\//.test(webhookUrlOrKey)) return webhookUrlOrKey;
  return new URL(webhookUrlOrKey).searchParams.get('key') ?? webhookUrlOrKey;
}
