import { STATUS_CODES } from 'node:http';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { InboundMessage } from '../../bot/inbound-message';
import type { Config } from '../../config';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { cleanInbound } from './clean-inbound';
import type { RejectLog, RejectReason } from './reject-log';
import type { ReplayGuard } from './replay-guard';

/** Stores the message once and enqueues its handling; the receiver awaits nothing else. */
export type Intake = (msg: InboundMessage) => Promise<void>;

/** What every receiver needs. */
export interface ReceiverDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  intake: Intake;
  /** Remembers signed callbacks for their window, so captured headers cannot carry another body. */
  replay: ReplayGuard;
  /** Counts and samples refused callbacks (built by mountReceivers when absent). */
  rejects?: RejectLog;
  /**
   * The 智能机器人 welcome for an `enter_chat`: it has no response_url, so it can only be the
   * passive reply in the HTTP answer. Absent: the event is stored and answered like any other.
   */
  welcome?: (msg: InboundMessage) => Promise<string>;
  /** Longer than this and the platform gets a 503 and retries (its own limit is 5 s). Default 4000. */
  intakeTimeoutMs?: number;
}

/** Callback bodies are small; anything bigger is refused before it is parsed. */
export const MAX_CALLBACK_BODY = '64kb';
/** The same limit in bytes, for the node:http path. */
export const MAX_CALLBACK_BODY_BYTES = 64 * 1024;
const DEFAULT_INTAKE_TIMEOUT_MS = 4000;

/** Receiver deps with the reject log resolved. */
export type ReceiverKit = ReceiverDeps & { rejects: RejectLog };

/** What a receiver answers: a status and, when there is one, a UTF-8 text body of a type. */
export interface CallbackAnswer {
  status: number;
  type?: 'text/plain' | 'application/json';
  body?: string;
}

/**
 * The answer to a bad request, a 4xx counted by reason and logged sampled. The body is only the
 * status text: the detail (which may quote a library error) stays in the log.
 */
export function rejection(
  deps: ReceiverKit,
  route: string,
  status: number,
  reason: RejectReason,
  detail: string,
  code?: number,
): CallbackAnswer {
  deps.rejects.record(route, status, reason, detail, code);
  return { status, type: 'text/plain', body: STATUS_CODES[status] ?? 'Bad Request' };
}

/** Sends an answer through express. */
export function sendAnswer(res: Response, answer: CallbackAnswer): void {
  res.status(answer.status);
  if (answer.body === undefined) return void res.end();
  res.type(answer.type ?? 'text/plain').send(answer.body);
}

/** Answers a bad request through express with a 4xx, counted by reason and logged sampled (see rejection). */
export function reject(res: Response, ...why: Parameters<typeof rejection>): void {
  sendAnswer(res, rejection(...why));
}

const rawParser = express.raw({ type: () => true, limit: MAX_CALLBACK_BODY });

/**
 * Reads the raw body before anything parses it, handling its own errors (too large → 413) so they
 * never reach the application's error handler.
 */
export function readRawBody(route: string, deps: ReceiverKit): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    rawParser(req, res, (err?: unknown) => {
      if (!err) return next();
      const status = (err as { status?: number }).status;
      if (status === 413) return reject(res, deps, route, 413, 'too_large', 'body too large');
      const code = status && status >= 400 && status < 500 ? status : 400;
      reject(res, deps, route, code, 'malformed', 'unreadable body');
    });
  };
}

/** The request body as UTF-8 text ('' when there is none). */
export function bodyText(req: Request): string {
  return Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
}

/**
 * The query parameters decoded exactly once from the raw URL. Unlike form decoding, a literal '+'
 * stays '+': base64 values (echostr) contain '+', and a space would break the signature.
 * Returns null when a value is not valid percent-encoding.
 */
export function rawQuery(req: Request): Record<string, string> | null {
  return queryOf(req.originalUrl);
}

/** rawQuery of a raw request target (path and query string). */
export function queryOf(url: string): Record<string, string> | null {
  const at = url.indexOf('?');
  const out: Record<string, string> = {};
  if (at < 0) return out;
  // Most values carry no escape at all (hex signatures, digits, base64 with '+'): kept as they are.
  const decode = (s: string) => (s.includes('%') ? decodeURIComponent(s) : s);
  try {
    for (const pair of url.slice(at + 1).split('&')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      const name = decode(eq < 0 ? pair : pair.slice(0, eq));
      out[name] = eq < 0 ? '' : decode(pair.slice(eq + 1));
    }
  } catch {
    return null;
  }
  return out;
}

/** True when a timestamp in seconds is outside our window (`maxSkewSeconds` 0 turns the check off). */
export function isStale(timestampSeconds: string, now: Date, maxSkewSeconds: number): boolean {
  if (maxSkewSeconds <= 0) return false;
  if (!/^\d+$/.test(timestampSeconds)) return true;
  return Math.abs(now.getTime() / 1000 - Number(timestampSeconds)) > maxSkewSeconds;
}

/**
 * Refuses a replay: the same signed headers (or message id) seen within the window with another
 * body. Returns the 409 to answer, or null to go on. While Redis is away the check is skipped
 * (logged): a 503 would make the platform give up after its few retries and lose the message,
 * whereas intake still dedupes by message id in PostgreSQL, so only a replay with a fresh id could
 * pass in that window.
 */
export async function replayCheck(
  deps: ReceiverKit,
  route: string,
  keys: string[],
  body: string,
  windowSeconds: number,
): Promise<CallbackAnswer | null> {
  try {
    // Timestamps may be off either way by the window, so remember for twice as long.
    const sighting = await deps.replay.sight(keys, body, Math.max(1, windowSeconds * 2));
    if (sighting !== 'replay') return null;
    return rejection(deps, route, 409, 'replay', 'signed headers or message id replayed with another body');
  } catch (err) {
    deps.logger.warn({ route, err: (err as Error).message }, 'replay check skipped: Redis unavailable');
    return null;
  }
}

/** replayCheck through express: answers the 409 and returns false, or returns true to go on. */
export async function guardReplay(
  deps: ReceiverKit,
  route: string,
  res: Response,
  keys: string[],
  body: string,
  windowSeconds: number,
): Promise<boolean> {
  const refused = await replayCheck(deps, route, keys, body, windowSeconds);
  if (refused) sendAnswer(res, refused);
  return !refused;
}

/**
 * Hands the message (cleaned of what PostgreSQL cannot store) to intake, bounded by the timeout.
 * Returns null once intake has it, or the 503 to answer so the platform retries (intake is
 * idempotent on the message id).
 */
export function intakeOf(
  deps: ReceiverDeps,
  route: string,
  msg: InboundMessage,
): Promise<CallbackAnswer | null> {
  const timeoutMs = deps.intakeTimeoutMs ?? DEFAULT_INTAKE_TIMEOUT_MS;
  // NUL and lone surrogates can never be stored (jsonb refuses them): clean before intake.
  const clean = cleanInbound(msg);
  // One promise and one timer per callback: this runs for every message acknowledged.
  return new Promise((resolve) => {
    let settled = false;
    const fail = (err: unknown) => {
      // After a timeout the intake may still fail; that is already answered.
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      deps.logger.error(
        { route, messageId: msg.messageId, err: (err as Error).message },
        'intake failed; asking the platform to retry',
      );
      resolve({ status: 503, type: 'text/plain', body: 'temporarily unavailable' });
    };
    const timer = setTimeout(() => fail(new Error(`intake took longer than ${timeoutMs} ms`)), timeoutMs);
    let work: Promise<void>;
    try {
      work = deps.intake(clean);
    } catch (err) {
      return fail(err);
    }
    work.then(() => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(null);
    }, fail);
  });
}

/** intakeOf through express: answers the 503 and returns false, or returns true once intake has it. */
export async function handOver(
  deps: ReceiverDeps,
  route: string,
  msg: InboundMessage,
  res: Response,
): Promise<boolean> {
  const failed = await intakeOf(deps, route, msg);
  if (failed) sendAnswer(res, failed);
  return !failed;
}
