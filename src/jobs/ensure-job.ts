import type { Queue } from 'bullmq';

/**
 * Makes sure a job with this id will run: added when Redis does not know it (never added, or lost
 * with Redis's data), retried when it failed (BullMQ ignores an `add` whose id a failed job still
 * holds). Waiting, delayed or active jobs are left alone. Returns true when it added or retried.
 */
export async function ensureJob<T>(
  queue: Queue<T>,
  jobId: string,
  add: () => Promise<unknown>,
): Promise<boolean> {
  const state = await queue.getJobState(jobId);
  if (state === 'unknown') {
    await add();
    return true;
  }
  if (state === 'failed' || state === 'completed') {
    // Completed while the row is still open means the run ended early (e.g. the row was not
    // visible yet); either way the row says there is work, so the job runs again.
    const job = await queue.getJob(jobId);
    if (!job) return false;
    await job.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
    return true;
  }
  return false;
}
