import type { ScheduledJobHandler } from '../catalogue';
import { dateOf } from '../../lib/time';
import { RetentionRepository } from '../../repositories/retention.repository';
import type { JobDeps } from './job-deps';
import { runPeriod } from './job-run';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * message-retention: deletes handled inbound and settled outbound rows older than `retentionDays`
 * (MESSAGE_RETENTION_DAYS), in batches. Rows still waiting (unhandled, pending) are never touched.
 */
export function messageRetentionJob(deps: JobDeps, retentionDays: number): ScheduledJobHandler {
  const repo = new RetentionRepository(deps.ds);
  return (at) =>
    runPeriod(deps, 'message-retention', dateOf(at), async () => {
      const before = new Date(at.getTime() - retentionDays * DAY_MS);
      const { inbound, outbound } = await repo.prune(before);
      deps.logger?.info({ inbound, outbound, before: before.toISOString() }, 'message rows pruned');
      return `删除 ${inbound} 条收到的消息、${outbound} 条已发送的消息（${retentionDays} 天前）`;
    });
}
