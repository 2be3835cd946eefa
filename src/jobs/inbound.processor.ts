import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { Bot } from '../bot/bot';
import type { InboundMessage } from '../bot/inbound-message';
import type { InboundJob } from '../intake/intake.service';
import type { Logger } from '../lib/logger';

/**
 * The inbound worker: runs the bot on a stored message and marks it handled. At-least-once:
 * a crash before the mark re-runs the bot, whose handlers are idempotent per message.
 */
export function createInboundProcessor(deps: {
  ds: DataSource;
  bot: Bot;
  logger: Logger;
  /** Called once when the last retry failed: tell the sender, in one short sentence. */
  onGiveUp?: (msg: InboundMessage) => Promise<void>;
}) {
  return async (job: Job<InboundJob>): Promise<void> => {
    // TypeORM answers an UPDATE … RETURNING with [rows, rowCount].
    const [rows] = (await deps.ds.query(
      `UPDATE inbound_message SET attempts = attempts + 1 WHERE id = $1
       RETURNING payload, handled_at`,
      [job.data.rowId],
    )) as [{ payload: unknown; handled_at: Date | null }[], number];
    const stored = rows[0];
    if (!stored || stored.handled_at) return;
    const msg = stored.payload as InboundMessage;
    try {
      await deps.bot.handle(msg);
    } catch (err) {
      await deps.ds.query(`UPDATE inbound_message SET last_error = $2 WHERE id = $1`, [
        job.data.rowId,
        err instanceof Error ? err.message.slice(0, 2000) : String(err),
      ]);
      deps.logger.error(
        { err, messageId: msg.messageId, platform: msg.platform },
        'handling a message failed',
      );
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (lastAttempt) await deps.onGiveUp?.(msg);
      throw err;
    }
    await deps.ds.query(`UPDATE inbound_message SET handled_at = now(), last_error = NULL WHERE id = $1`, [
      job.data.rowId,
    ]);
  };
}
