import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { Bot } from '../bot/bot';
import type { InboundMessage } from '../bot/inbound-message';
import { fanOutInbound, INBOUND_JOB, type InboundGroupJob, type InboundJob } from '../intake/intake.service';
import type { Logger } from '../lib/logger';
import { returnedRows } from '../lib/query-result';
import { isInfrastructureError } from './retry-policy';

/**
 * The inbound worker: runs the bot on a stored message and marks it handled. At-least-once:
 * a crash before the mark re-runs the bot, whose handlers are idempotent per message. Every query
 * is inside the error handling: an infrastructure failure (PostgreSQL or Redis away) is rethrown
 * for retryInfrastructureFailures to delay without spending an attempt; any other failure spends
 * one, and on the last the message is parked as dead (the sender is told once; `npm run redrive`
 * hands it back). A 'handle-group' job (the rows of one bulk add in the web process) is fanned out
 * into their 'handle' jobs, which then run as above, each with its own attempts.
 */
export function createInboundProcessor(deps: {
  ds: DataSource;
  bot: Bot;
  logger: Logger;
  /** The inbound queue, where a group job's 'handle' jobs go. */
  queue: Queue;
  /** Called once when a message is parked as dead: tell the sender, in one short sentence. */
  onGiveUp?: (msg: InboundMessage) => Promise<void>;
}) {
  return async (job: Job<InboundJob | InboundGroupJob>): Promise<void> => {
    // A Redis failure here is an infrastructure one: delayed without spending an attempt.
    if (job.name === INBOUND_JOB.group) return fanOutInbound(deps.queue, job.data as InboundGroupJob);
    const { rowId } = job.data as InboundJob;
    let msg: InboundMessage | null = null;
    try {
      const rows = returnedRows<{ payload: unknown; handled_at: Date | null; dead_at: Date | null }>(
        await deps.ds.query(
          `UPDATE inbound_message SET attempts = attempts + 1 WHERE id = $1
           RETURNING payload, handled_at, dead_at`,
          [rowId],
        ),
      );
      const stored = rows[0];
      if (!stored || stored.handled_at || stored.dead_at) return;
      msg = stored.payload as InboundMessage;
      await deps.bot.handle(msg);
      await deps.ds.query(`UPDATE inbound_message SET handled_at = now(), last_error = NULL WHERE id = $1`, [
        rowId,
      ]);
    } catch (err) {
      const where = { err, rowId, messageId: msg?.messageId, platform: msg?.platform };
      if (isInfrastructureError(err)) {
        deps.logger.warn(where, 'handling a message hit an infrastructure failure; retrying');
        throw err;
      }
      deps.logger.error(where, 'handling a message failed');
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await recordFailure(deps.ds, rowId, err, lastAttempt);
      if (!lastAttempt) throw err;
      if (msg)
        await deps.onGiveUp?.(msg).catch((e: unknown) => deps.logger.warn({ err: e }, 'give-up reply'));
      throw new UnrecoverableError(`message parked as dead: ${describe(err)}`);
    }
  };
}

/** Records a failure that was the message's; on the last attempt parks the message as dead. */
async function recordFailure(ds: DataSource, rowId: string, err: unknown, dead: boolean): Promise<void> {
  await ds.query(
    `UPDATE inbound_message SET last_error = $2, dead_at = CASE WHEN $3 THEN now() ELSE NULL END
     WHERE id = $1`,
    [rowId, describe(err).slice(0, 2000), dead],
  );
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
