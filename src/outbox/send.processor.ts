import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { type Clock, systemClock } from '../lib/clock';
import { PermanentError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { isPlatformError } from '../platforms/http';
import type { RobotRateLimiter } from '../platforms/rate-limiter';
import type { ChannelRouter, SendPlan } from './channel-router';
import type { SendJobData } from './outbound.queue';
import type { OutboxRepository } from './outbox.repository';

export interface SendProcessorDeps {
  repo: Pick<OutboxRepository, 'find' | 'markSent' | 'recordError'>;
  router: Pick<ChannelRouter, 'plan'>;
  limiter: RobotRateLimiter;
  clock?: Clock;
  logger?: Logger;
}

/**
 * The `outbound` worker's processor. Delivery is at-least-once with one window we cannot close
 * for webhooks and DingTalk: the platform accepted a part and the process died before the row
 * (or the job's `partsSent`) was updated; the stalled job is retried and that part goes out again.
 * We keep the window to one HTTP response plus one UPDATE, and WeCom app messages are sent with
 * enable_duplicate_check so WeCom itself drops such a repeat.
 */
export function createSendProcessor(
  deps: SendProcessorDeps,
): (job: Job<SendJobData>, token?: string) => Promise<void> {
  const clock = deps.clock ?? systemClock;
  return async (job, token) => {
    const row = await deps.repo.find(job.data.id);
    // Already sent or failed (a retried or re-relayed job), or rolled back with its transaction.
    if (!row || row.status !== 'pending') return;

    let plan: SendPlan;
    try {
      plan = await deps.router.plan(row);
    } catch (err) {
      await deps.repo.recordError(row.id, describe(err), true);
      throw new UnrecoverableError(describe(err));
    }

    const { robot } = plan;
    /** Rate-limited → delay; permanent → failed row + UnrecoverableError; else record and let BullMQ retry. */
    const fail = async (err: unknown): Promise<never> => {
      if (isPlatformError(err) && err.rateLimited && robot) {
        // Every worker must hold off this robot, not just this job.
        const ms = await deps.limiter.blockAfter(robot, err.errcode);
        deps.logger?.warn({ rowId: row.id, errcode: err.errcode }, 'robot rate-limited by the platform');
        return delay(job, token, ms);
      }
      const permanent = (isPlatformError(err) && !err.retryable) || err instanceof PermanentError;
      const final = permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await deps.repo.recordError(row.id, describe(err), final);
      deps.logger?.warn({ rowId: row.id, err: describe(err), final }, 'outbound send failed');
      throw permanent ? new UnrecoverableError(describe(err)) : err;
    };

    let done = job.data.partsSent ?? 0;
    while (done < plan.parts.length) {
      let slots: (string | null)[] = [null];
      if (robot) {
        const decision = await deps.limiter.acquire(robot, plan.parts.length - done);
        if (!decision.go) return delay(job, token, decision.waitMs);
        slots = decision.slots;
      }
      for (const slot of slots) {
        const outcome = await plan.parts[done]().then(
          () => ({ ok: true as const }),
          (err: unknown) => ({ ok: false as const, err }),
        );
        if (robot && slot) await deps.limiter.settle(robot, slot);
        if (!outcome.ok) return fail(outcome.err);
        done++;
        if (done < plan.parts.length) await job.updateData({ ...job.data, partsSent: done });
      }
    }
    await deps.repo.markSent(row.id, clock.now());
  };
}

/** Puts the job back as delayed without spending an attempt (BullMQ 6: moveToDelayed + DelayedError). */
async function delay(job: Job<SendJobData>, token: string | undefined, waitMs: number): Promise<never> {
  // BullMQ schedules on its own wall clock, so this is Date.now(), not the injected Clock.
  await job.moveToDelayed(Date.now() + waitMs, token);
  throw new DelayedError();
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
