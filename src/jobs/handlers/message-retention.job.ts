import type { ScheduledJobHandler } from '../catalogue';
import { dateOf } from '../../lib/time';
import { MEDIA_URL_TTL_MS } from '../../media/media-url';
import { MediaRepository } from '../../repositories/media.repository';
import { RetentionRepository } from '../../repositories/retention.repository';
import type { JobDeps } from './job-deps';
import { runPeriod } from './job-run';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * message-retention: deletes handled inbound and settled outbound rows older than `retentionDays`
 * (MESSAGE_RETENTION_DAYS), in batches. Rows still waiting (unhandled, pending) are never touched.
 * Then the attachments (media_asset: chart PNGs, 通报 workbooks) a day after the last signed link to
 * them expired (MEDIA_URL_TTL_MS) and no unsent or failed message still names them.
 */
export function messageRetentionJob(deps: JobDeps, retentionDays: number): ScheduledJobHandler {
  const repo = new RetentionRepository(deps.ds);
  const media = new MediaRepository(deps.ds);
  return (at) =>
    runPeriod(deps, 'message-retention', dateOf(at), async () => {
      const before = new Date(at.getTime() - retentionDays * DAY_MS);
      const { inbound, outbound } = await repo.prune(before);
      const mediaBefore = new Date(at.getTime() - MEDIA_URL_TTL_MS - DAY_MS);
      const attachments = await media.pruneUnused(mediaBefore);
      deps.logger?.info(
        {
          inbound,
          outbound,
          before: before.toISOString(),
          attachments,
          mediaBefore: mediaBefore.toISOString(),
        },
        'message rows pruned',
      );
      return (
        `删除 ${inbound} 条收到的消息、${outbound} 条已发送的消息（${retentionDays} 天前），` +
        `${attachments} 个链接已过期的图片和文件`
      );
    });
}
