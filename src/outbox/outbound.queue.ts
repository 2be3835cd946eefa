import type { JobsOptions } from 'bullmq';

/** The BullMQ queue every outbound message goes through. */
export const OUTBOUND_QUEUE = 'outbound';

/** What a send job carries: only the row id (no secrets or message text in Redis). */
export interface SendJobData {
  id: string;
  /** Parts of a split message already delivered (also in the row's parts_sent), so a retry continues after them. */
  partsSent?: number;
}

/**
 * Job id of a row: BullMQ dedupes on it while the job exists (no ':' allowed in custom ids). It
 * carries the row's creation time so a row id reused after a database reset never meets a failed
 * job kept from before.
 */
export const outboundJobId = (rowId: string, createdAt: Date) => `out-${rowId}-${createdAt.getTime()}`;

/**
 * Errors that are neither permanent nor the infrastructure's are retried with exponential backoff
 * (1 s, 2 s, 4 s … about 2 minutes in total) before the row is failed; infrastructure failures
 * spend no attempt (jobs/retry-policy.ts).
 */
export const SEND_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: { count: 1000 },
};
