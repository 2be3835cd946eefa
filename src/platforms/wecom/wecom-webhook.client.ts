import { createHash } from 'node:crypto';
import { PlatformError, rebase, requestJson } from '../kit/http';
import { mediaForm } from './wecom-app.client';

/** A group robot (消息推送) message body. */
export type WecomWebhookMessage =
  | {
      msgtype: 'text';
      text: { content: string; mentioned_list?: string[]; mentioned_mobile_list?: string[] };
    }
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'image'; image: { base64: string; md5: string } }
  | { msgtype: 'file'; file: { media_id: string } };

/** The group robot takes images up to 2 MB (before base64), JPG or PNG (path/99110). */
export const WEBHOOK_IMAGE_MAX_BYTES = 2 * 1024 * 1024;

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

  /** webhook/upload_media?type=file (5 B–20 MB, media_id valid 3 days), then the file message. */
  async sendFile(
    webhookUrlOrKey: string,
    bytes: Buffer,
    filename: string,
    contentType: string,
  ): Promise<void> {
    const key = webhookKey(webhookUrlOrKey);
    const uploaded = await requestJson<{ media_id?: string }>(
      `${this.opts.apiBase}/cgi-bin/webhook/upload_media?key=${encodeURIComponent(key)}&type=file`,
      { platform: 'wecom', form: mediaForm(bytes, filename, contentType), timeoutMs: this.opts.timeoutMs },
    );
    if (!uploaded.media_id) {
      throw new PlatformError('wecom', 'no_media_id', 'webhook/upload_media answered without media_id');
    }
    await this.send(webhookUrlOrKey, { msgtype: 'file', file: { media_id: uploaded.media_id } });
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
