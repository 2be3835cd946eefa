import { setTimeout as sleep } from 'node:timers/promises';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { isInfrastructureError } from '../jobs/retry-policy';
import { type Clock, systemClock } from '../lib/clock';
import { PermanentError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { isPlatformError } from '../platforms/kit/http';
import type { RobotRateLimiter } from '../platforms/kit/rate-limiter';
import type { ChannelRouter, SendPlan } from './channel-router';
import type { SendJobData } from './outbound.queue';
import type { OutboxRepository } from './outbox.repository';

export interface SendProcessorDeps {
  repo: Pick<OutboxRepository, 'find' | 'markDelivered' | 'recordError'>;
  router: Pick<ChannelRouter, 'plan'>;
  limiter: RobotRateLimiter;
  clock?: Clock;
  logger?: Logger;
}

/**
 * The `outbound` worker's processor, for every channel alike. Right after the platform accepts a
 * part, the first thing done is recording it — in the row (`parts_sent`, and on the last part
 * `status = 'sent'` in the same UPDATE) and in the job's data — retried until one of the two holds,
 * so a retried job never resends an accepted part. Settling the rate-limit slot comes after and
 * cannot throw. The one window left is a process killed during the platform's answer; WeCom app
 * messages carry enable_duplicate_check for it.
 *
 * Failures: rate-limited → delayed (no attempt spent); network, timeout, 5xx, PostgreSQL or Redis
 * away → rethrown for retryInfrastructureFailures to delay without spending an attempt; a
 * permanent platform code → the row is failed with the code and errmsg; anything else → failed
 * on the job's last attempt.
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
      if (isInfrastructureError(err)) throw err;
      const code = err instanceof PermanentError ? err.code : 'plan_failed';
      await deps.repo.recordError(row.id, describe(err), true, code);
      throw new UnrecoverableError(describe(err));
    }

    const { robot } = plan;
    const total = plan.parts.length;
    /** Rate-limited → delay; permanent → failed row + UnrecoverableError; else record and let BullMQ retry. */
    const fail = async (err: unknown): Promise<never> => {
      if (isPlatformError(err) && err.rateLimited && robot) {
        // Every worker must hold off this robot, not just this job.
        const ms = await deps.limiter.blockAfter(robot, err.errcode);
        deps.logger?.warn({ rowId: row.id, errcode: err.errcode }, 'robot rate-limited by the platform');
        return delay(job, token, ms);
      }
      const code = codeOf(err);
      if (isInfrastructureError(err)) {
        // Noted for the operator when PostgreSQL is there to take it; never a reason to stop.
        await deps.repo.recordError(row.id, describe(err), false).catch(() => undefined);
        deps.logger?.warn({ rowId: row.id, err: describe(err), code }, 'outbound send: platform unreachable');
        throw err;
      }
      const permanent = (isPlatformError(err) && !err.retryable) || err instanceof PermanentError;
      const final = permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await deps.repo.recordError(row.id, describe(err), final, code);
      deps.logger?.warn({ rowId: row.id, err: describe(err), code, final }, 'outbound send failed');
      throw final ? new UnrecoverableError(describe(err)) : err;
    };

    /** The first write after a delivery: the row or the job's data must remember the part. */
    const recordDelivered = async (done: number): Promise<void> => {
      for (let i = 0; ; i++) {
        const [inRow, inJob] = await Promise.allSettled([
          deps.repo.markDelivered(row.id, done, total, clock.now()),
          job.updateData({ ...job.data, partsSent: done }),
        ]);
        if (inRow.status === 'fulfilled') return;
        // The job remembers the part: the retry reads it from there and skips it.
        if (inJob.status === 'fulfilled') throw inRow.reason;
        deps.logger?.warn({ rowId: row.id, done }, 'cannot record a delivered part yet; retrying');
        await sleep(Math.min(250 * 2 ** i, 5000));
      }
    };

    let done = Math.max(row.partsSent, job.data.partsSent ?? 0);
    if (done >= total) {
      // Every part went out; only the mark was missing.
      await recordDelivered(done);
      return;
    }
    while (done < total) {
      let slots: (string | null)[] = [null];
      if (robot) {
        const decision = await deps.limiter.acquire(robot, total - done);
        if (!decision.go) return delay(job, token, decision.waitMs);
        slots = decision.slots;
      }
      for (const slot of slots) {
        const outcome = await plan.parts[done]().then(
          () => ({ ok: true as const }),
          (err: unknown) => ({ ok: false as const, err }),
        );
        if (outcome.ok) await recordDelivered(done + 1);
        if (robot && slot) await settleQuietly(deps, robot, slot);
        if (!outcome.ok) return fail(outcome.err);
        done++;
      }
    }
  };
}

/** Re-stamping the slot only sharpens the window; a Redis blip here must not fail a delivered part. */
async function settleQuietly(deps: SendProcessorDeps, robot: string, slot: string): Promise<void> {
  try {
    await deps.limiter.settle(robot, slot);
  } catch (err) {
    deps.logger?.debug({ err: describe(err), robot }, 'rate-limit settle skipped');
  }
}

/** Puts the job back as delayed without spending an attempt (BullMQ 6: moveToDelayed + DelayedError). */
async function delay(job: Job<SendJobData>, token: string | undefined, waitMs: number): Promise<never> {
  // BullMQ schedules on its own wall clock, so this is Date.now(), not the injected Clock.
  await job.moveToDelayed(Date.now() + waitMs, token);
  throw new DelayedError();
}

/** The platform's errcode, the app's error code, or a generic one. */
function codeOf(err: unknown): string {
  if (isPlatformError(err)) return err.errcode;
  if (err instanceof PermanentError) return err.code;
  return 'error';
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
