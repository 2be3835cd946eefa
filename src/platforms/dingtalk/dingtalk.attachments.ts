import type { MessageAttachment, OutboundPayload } from '../../outbox/outbound-payload';
import type { MediaAccess } from '../adapter';
import { escapeMarkdown } from '../kit/markdown-escape';

/**
 * DingTalk fetches pictures itself: each attachment becomes a markdown message with the picture
 * (`![名称](signed URL)`) or a link to the file, on the service's signed, expiring `/media/...`
 * address, planned like any markdown (robot, sessionWebhook or OpenAPI). Without a public address
 * nothing can carry them: they are left out, and the log says so.
 */
export function dingtalkAttachmentPayloads(
  attachments: readonly MessageAttachment[] | undefined,
  media: MediaAccess | undefined,
): OutboundPayload[] {
  const out: OutboundPayload[] = [];
  for (const a of attachments ?? []) {
    const url = media?.url(a.mediaId) ?? null;
    if (!url) {
      media?.logger?.warn(
        { media: a.mediaId },
        'attachment skipped: DingTalk needs PUBLIC_BASE_URL and MEDIA_URL_SECRET',
      );
      continue;
    }
    const title = escapeMarkdown(a.name, 'dingtalk');
    const text = a.kind === 'image' ? `![${title}](${url})` : `[📎 ${title}（点击下载）](${url})`;
    out.push({ msgtype: 'markdown', markdown: { title: a.name, text } });
  }
  return out;
}
