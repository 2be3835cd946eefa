import { PermanentError } from '../../lib/errors';
import type { MessageAttachment } from '../../outbox/outbound-payload';
import type { MediaAccess, StoredMedia } from '../adapter';
import type { WecomAppClient } from './wecom-app.client';
import { WEBHOOK_IMAGE_MAX_BYTES, type WecomWebhookClient } from './wecom-webhook.client';

/** WeCom media/upload: images up to 10 MB (JPG/PNG), files up to 20 MB, anything above 5 bytes. */
export const WECOM_UPLOAD_IMAGE_MAX_BYTES = 10 * 1024 * 1024;
export const WECOM_UPLOAD_FILE_MAX_BYTES = 20 * 1024 * 1024;

/** Where WeCom attachments go: the app 1:1 or to an app chat, or a group robot's webhook URL. */
export type WecomAttachmentRoute =
  | { kind: 'app' | 'appchat'; target: string; app: WecomAppClient | null }
  | { kind: 'webhook'; url: string; webhook: WecomWebhookClient };

/** Loads a stored attachment or fails for good (it can never be sent). */
export async function loadMedia(media: MediaAccess | undefined, a: MessageAttachment): Promise<StoredMedia> {
  const found = media ? await media.find(a.mediaId) : null;
  if (!found) throw new PermanentError('outbox_no_media', `attachment ${a.mediaId} is not stored`);
  return found;
}

function tooBig(media: StoredMedia, limit: number): never {
  throw new PermanentError(
    'outbox_media_size',
    `attachment ${media.id} is ${media.bytes.length} bytes; the channel takes 6–${limit}`,
  );
}

/**
 * One send per attachment: group robots take images as base64 + md5 (≤ 2 MB) and files through
 * upload_media; the app uploads to media/upload and sends the media_id.
 */
export function wecomAttachmentParts(
  route: WecomAttachmentRoute,
  attachments: readonly MessageAttachment[] | undefined,
  media: MediaAccess | undefined,
): (() => Promise<void>)[] {
  return (attachments ?? []).map((a) => async () => {
    const m = await loadMedia(media, a);
    if (route.kind === 'webhook') {
      if (a.kind === 'image') {
        if (m.bytes.length > WEBHOOK_IMAGE_MAX_BYTES) tooBig(m, WEBHOOK_IMAGE_MAX_BYTES);
        await route.webhook.sendImage(route.url, m.bytes);
      } else {
        if (m.bytes.length > WECOM_UPLOAD_FILE_MAX_BYTES) tooBig(m, WECOM_UPLOAD_FILE_MAX_BYTES);
        await route.webhook.sendFile(route.url, m.bytes, m.filename, m.contentType);
      }
      return;
    }
    const app = route.app;
    if (!app) throw new PermanentError('outbox_no_wecom', 'WeCom app settings are not set');
    const limit = a.kind === 'image' ? WECOM_UPLOAD_IMAGE_MAX_BYTES : WECOM_UPLOAD_FILE_MAX_BYTES;
    if (m.bytes.length > limit || m.bytes.length <= 5) tooBig(m, limit);
    const mediaId = await app.uploadMedia(a.kind, m.bytes, m.filename, m.contentType);
    const message =
      a.kind === 'image'
        ? { msgtype: 'image' as const, image: { media_id: mediaId } }
        : { msgtype: 'file' as const, file: { media_id: mediaId } };
    if (route.kind === 'app') await app.send(route.target, message);
    else await app.sendToChat(route.target, message);
  });
}
