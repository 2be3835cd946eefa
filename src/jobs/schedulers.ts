import type { Queue } from 'bullmq';
import { SCHEDULE_TZ, SCHEDULED_JOBS, type ScheduledJobData, type ScheduledJobName } from './catalogue';

/**
 * Upserts one BullMQ job scheduler per implemented job (idempotent at every start) in Beijing time,
 * and removes schedulers of jobs this build no longer runs.
 */
export async function upsertSchedulers(
  queue: Queue<ScheduledJobData>,
  names: ScheduledJobName[],
): Promise<void> {
  for (const name of names) {
    await queue.upsertJobScheduler(
      name,
      { pattern: SCHEDULED_JOBS[name].pattern, tz: SCHEDULE_TZ },
      { name, data: { at: '' }, opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } } },
    );
  }
  for (const scheduler of await queue.getJobSchedulers()) {
    if (scheduler.key && !names.includes(scheduler.key as ScheduledJobName)) {
      await queue.removeJobScheduler(scheduler.key);
    }
  }
}

/** Where the workers note which schedulers they upserted, so a web-only process can check them. */
export const expectedSchedulersKey = (prefix: string) => `${prefix}:schedulers:expected`;

/** The expected schedulers Redis does not hold (lost with Redis's data, or never upserted). */
export async function missingSchedulers(
  queue: Queue<ScheduledJobData>,
  expected: readonly string[],
): Promise<string[]> {
  const present = new Set((await queue.getJobSchedulers()).map((s) => s.key));
  return expected.filter((name) => !present.has(name));
}
