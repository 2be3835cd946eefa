import { PermanentError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { DingtalkApiMessage, DingtalkRobotClient } from '../platforms/dingtalk/dingtalk-robot.client';
import type { WecomAppClient } from '../platforms/wecom/wecom-app.client';
import { WEBHOOK_IMAGE_MAX_BYTES, type WecomWebhookClient } from '../platforms/wecom/wecom-webhook.client';
import type { StoredMedia } from '../repositories/media.repository';
import { escapeMarkdown } from './markdown-escape';
import type { Channel, MessageAttachment } from './outbound-payload';

/** WeCom media/upload: images up to 10 MB (JPG/PNG), files up to 20 MB, anything above 5 bytes. */
export const WECOM_UPLOAD_IMAGE_MAX_BYTES = 10 * 1024 * 1024;
export const WECOM_UPLOAD_FILE_MAX_BYTES = 20 * 1024 * 1024;

export interface AttachmentDeps {
  wecomApp: WecomAppClient | null;
  wecomWebhook: WecomWebhookClient;
  dingtalk: DingtalkRobotClient;
  findMedia?: (id: string) => Promise<StoredMedia | null>;
  /** The signed URL DingTalk fetches a picture or file from; null when the service has no public address. */
  mediaUrl?: (id: string) => string | null;
  logger?: Logger;
}

/** Where an attachment goes: the channel that really sends it (a fallback for single-use channels). */
export interface AttachmentRoute {
  channel: Channel;
  target: string;
  /** The DingTalk custom robot's 加签 secret, when the target is one. */
  secret?: string | null;
}

/**
 * One send per attachment, on the channel's own terms: WeCom group robots take images as base64
 * + md5 (≤ 2 MB) and files through upload_media; the WeCom app uploads to media/upload and sends
 * the media_id; DingTalk shows a picture by URL (markdown image or sampleImageMsg) and a file as a
 * link, both on the service's signed, expiring `/media/...` address.
 */
export function attachmentParts(
  deps: AttachmentDeps,
  route: AttachmentRoute,
  attachments: readonly MessageAttachment[],
): (() => Promise<void>)[] {
  return attachments.map((a) => async () => {
    const media = await load(deps, a);
    switch (route.channel) {
      case 'wecom_app':
      case 'wecom_appchat': {
        const app = deps.wecomApp;
        if (!app) throw new PermanentError('outbox_no_wecom', 'WeCom app settings are not set');
        const limit = a.kind === 'image' ? WECOM_UPLOAD_IMAGE_MAX_BYTES : WECOM_UPLOAD_FILE_MAX_BYTES;
        if (media.bytes.length > limit || media.bytes.length <= 5) tooBig(media, limit);
        const mediaId = await app.uploadMedia(a.kind, media.bytes, media.filename, media.contentType);
        const message =
          a.kind === 'image'
            ? { msgtype: 'image' as const, image: { media_id: mediaId } }
            : { msgtype: 'file' as const, file: { media_id: mediaId } };
        if (route.channel === 'wecom_app') await app.send(route.target, message);
        else await app.sendToChat(route.target, message);
        return;
      }
      case 'wecom_webhook': {
        if (a.kind === 'image') {
          if (media.bytes.length > WEBHOOK_IMAGE_MAX_BYTES) tooBig(media, WEBHOOK_IMAGE_MAX_BYTES);
          await deps.wecomWebhook.sendImage(route.target, media.bytes);
        } else {
          if (media.bytes.length > WECOM_UPLOAD_FILE_MAX_BYTES) tooBig(media, WECOM_UPLOAD_FILE_MAX_BYTES);
          await deps.wecomWebhook.sendFile(route.target, media.bytes, media.filename, media.contentType);
        }
        return;
      }
      case 'dingtalk_robot':
      case 'dingtalk_session':
      case 'dingtalk_api_user':
      case 'dingtalk_api_group': {
        const url = deps.mediaUrl?.(media.id) ?? null;
        if (!url) {
          // No public address: DingTalk has no way to fetch the bytes. Said once per part, not fatal.
          deps.logger?.warn(
            { media: media.id },
            'attachment skipped: DingTalk needs PUBLIC_BASE_URL and MEDIA_URL_SECRET',
          );
          return;
        }
        const title = escapeMarkdown(a.name, 'dingtalk');
        const text = a.kind === 'image' ? `![${title}](${url})` : `[📎 ${title}（点击下载）](${url})`;
        if (route.channel === 'dingtalk_api_user' || route.channel === 'dingtalk_api_group') {
          const message: DingtalkApiMessage =
            a.kind === 'image'
              ? { msgKey: 'sampleImageMsg', msgParam: { photoURL: url } }
              : { msgKey: 'sampleMarkdown', msgParam: { title: a.name, text } };
          if (route.channel === 'dingtalk_api_user') await deps.dingtalk.sendToUsers([route.target], message);
          else await deps.dingtalk.sendToGroup(route.target, message);
          return;
        }
        const message = { msgtype: 'markdown' as const, markdown: { title: a.name, text } };
        if (route.channel === 'dingtalk_robot')
          await deps.dingtalk.sendRobot(route.target, route.secret ?? null, message);
        else await deps.dingtalk.sendBySession(route.target, message);
        return;
      }
      default:
        throw new PermanentError(
          'outbox_attachment_channel',
          `attachments cannot go through ${route.channel}`,
        );
    }
  });
}

async function load(deps: AttachmentDeps, a: MessageAttachment): Promise<StoredMedia> {
  const media = deps.findMedia ? await deps.findMedia(a.mediaId) : null;
  if (!media) throw new PermanentError('outbox_no_media', `attachment ${a.mediaId} is not stored`);
  return media;
}

function tooBig(media: StoredMedia, limit: number): never {
  throw new PermanentError(
    'outbox_media_size',
    `attachment ${media.id} is ${media.bytes.length} bytes; the channel takes 6–${limit}`,
  );
}
