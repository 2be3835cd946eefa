import { DelayedError, type Job } from 'bullmq';
import { isPlatformError } from '../platforms/kit/http';

/**
 * How jobs retry. An infrastructure failure (PostgreSQL, Redis or a platform unreachable, a
 * timeout) says nothing about the message, so the job is put back as delayed — no attempt spent,
 * as often as it takes — with a backoff that grows to a few minutes. Any other error (a bug, bad
 * data) spends one of the job's attempts; the processor parks the message on the last one.
 */
export interface BackoffSettings {
  /** First delay (ms); doubles per try. */
  baseMs: number;
  /** Longest delay (ms). */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 1000, maxMs: 120_000 };

/** Exponential delay capped at `maxMs`, ±20 % jitter so a recovered database is not stampeded. */
export function backoffMs(tries: number, settings: BackoffSettings = DEFAULT_BACKOFF): number {
  const exp = settings.baseMs * 2 ** Math.min(Math.max(tries - 1, 0), 30);
  return Math.round(Math.min(exp, settings.maxMs) * (0.8 + Math.random() * 0.4));
}

/**
 * Wraps a processor so that an infrastructure failure anywhere in it delays the job instead of
 * failing it. If Redis itself is away the delay cannot be written either; the job's lock then
 * lapses and BullMQ's stalled check (or the relay) runs it again once Redis is back.
 */
export function retryInfrastructureFailures<T>(
  processor: (job: Job<T>, token?: string) => Promise<void>,
  opts: { backoff?: BackoffSettings; onRetry?: (job: Job<T>, err: unknown, waitMs: number) => void } = {},
): (job: Job<T>, token?: string) => Promise<void> {
  return async (job, token) => {
    try {
      await processor(job, token);
    } catch (err) {
      if (err instanceof DelayedError || !isInfrastructureError(err)) throw err;
      const waitMs = backoffMs(job.attemptsStarted, opts.backoff);
      opts.onRetry?.(job, err, waitMs);
      // BullMQ schedules on its own wall clock, so this is Date.now(), not the injected Clock.
      await job.moveToDelayed(Date.now() + waitMs, token);
      throw new DelayedError();
    }
  };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

/**
 * PostgreSQL SQLSTATE classes that mean "the server, not the query": 08 connection exception,
 * 53 insufficient resources, 57P admin shutdown / crash / cannot connect now, 40001/40P01
 * serialization failure and deadlock (retrying is the documented answer).
 */
const PG_TRANSIENT = /^(08|53|57P)|^40001$|^40P01$/;

const TRANSIENT_MESSAGES = [
  /Connection terminated/i,
  /connection is closed/i,
  /Connection is not established/i,
  /timeout/i,
  /timed out/i,
  /Driver not Connected/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection/i,
  /Reached the max retries per request limit/i,
  /Stream isn't writeable/i,
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT/,
];

/** True when an error is about reachability, not about the message: retry it without a cap. */
export function isInfrastructureError(err: unknown, depth = 0): boolean {
  if (depth > 4 || typeof err !== 'object' || err === null) return false;
  if (isPlatformError(err)) return err.errcode === 'network' || /^http_5\d\d$/.test(err.errcode);
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || PG_TRANSIENT.test(e.code))) return true;
  if (typeof e.message === 'string' && TRANSIENT_MESSAGES.some((re) => re.test(e.message as string))) {
    return true;
  }
  if (Array.isArray(e.errors) && e.errors.some((x) => isInfrastructureError(x, depth + 1))) return true;
  return isInfrastructureError(e.cause, depth + 1);
}
