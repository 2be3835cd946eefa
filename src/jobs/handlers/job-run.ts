import type { ScheduledJobName } from '../catalogue';
import type { JobDeps } from './job-deps';

/** What a handler returns (the catalogue's ScheduledJobHandler result). */
export interface JobResult {
  sent: number;
  period: string;
  note?: string;
}

/** The prefix of every outbox key a job writes for a period: `<job>-<period>-`. */
export const keyPrefix = (job: ScheduledJobName, period: string) => `${job}-${period}-`;

async function countMessages(deps: JobDeps, prefix: string): Promise<number> {
  const [{ n }] = await deps.ds.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM outbound_message WHERE idempotency_key LIKE $1`,
    [`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`],
  );
  return n;
}

/**
 * Runs `work` once per (job, period), recorded in job_run. A finished period is not run again; an
 * unfinished one (the worker died mid-run) runs again, and the outbox keys `<job>-<period>-<target>`
 * make every message already stored a no-op, so the re-run sends only what the crash left out.
 * `sent` is what this run added; job_run.messages is the period's total.
 */
export async function runPeriod(
  deps: JobDeps,
  job: ScheduledJobName,
  period: string,
  work: () => Promise<string | undefined>,
): Promise<JobResult> {
  await deps.ds.query(
    `INSERT INTO job_run (job, period, started_at) VALUES ($1, $2, $3) ON CONFLICT (job, period) DO NOTHING`,
    [job, period, deps.clock.now()],
  );
  const [run] = await deps.ds.query<{ finished_at: Date | null }[]>(
    `SELECT finished_at FROM job_run WHERE job = $1 AND period = $2`,
    [job, period],
  );
  if (run.finished_at) return { sent: 0, period, note: 'already ran for this period' };
  const prefix = keyPrefix(job, period);
  const before = await countMessages(deps, prefix);
  const note = await work();
  const after = await countMessages(deps, prefix);
  await deps.ds.query(`UPDATE job_run SET finished_at = $3, messages = $4 WHERE job = $1 AND period = $2`, [
    job,
    period,
    deps.clock.now(),
    after,
  ]);
  return { sent: after - before, period, ...(note ? { note } : {}) };
}
