import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { InboundMessage } from '../bot/inbound-message';
import type { Logger } from '../lib/logger';

/** The job that carries a stored inbound message to the bot. */
export interface InboundJob {
  rowId: string;
}

/**
 * The job id of a stored row: BullMQ keeps finished jobs for a day and ignores an add whose id it
 * still holds, so the id also carries the row's receive time — a row id reused after a database
 * reset or restore must not collide with an old job. (No ':' allowed in custom ids.)
 */
export const inboundJobId = (rowId: string, receivedAt: Date) => `in-${rowId}-${receivedAt.getTime()}`;

interface StoredRef {
  id: string;
  received_at: Date;
}

/**
 * Durable, idempotent intake: a message is stored once (unique platform + message id) and then
 * handed to the inbound queue keyed by the row. The callback is answered only after the row is
 * committed, so nothing acknowledged is lost; a failed enqueue is repaired by the relay.
 */
export class IntakeService {
  constructor(
    private readonly ds: DataSource,
    private readonly queue: Queue<InboundJob>,
    private readonly logger: Logger,
    private readonly onStored?: (platform: string, outcome: 'stored' | 'duplicate') => void,
  ) {}

  /** Stores and enqueues; throws only when the database cannot store the message. */
  async accept(msg: InboundMessage): Promise<{ rowId: string; duplicate: boolean }> {
    const inserted: StoredRef[] = await this.ds.query(
      `INSERT INTO inbound_message (platform, message_id, payload)
       VALUES ($1, $2, $3)
       ON CONFLICT (platform, message_id) DO NOTHING
       RETURNING id, received_at`,
      [msg.platform, msg.messageId, JSON.stringify(msg)],
    );
    if (inserted.length === 0) {
      this.onStored?.(msg.platform, 'duplicate');
      const [row] = await this.ds.query(
        `SELECT id, received_at, handled_at, enqueued_at FROM inbound_message WHERE platform = $1 AND message_id = $2`,
        [msg.platform, msg.messageId],
      );
      if (row && row.handled_at === null && row.enqueued_at === null) await this.enqueue(row);
      return { rowId: String(row?.id), duplicate: true };
    }
    const rowId = String(inserted[0].id);
    this.onStored?.(msg.platform, 'stored');
    await this.enqueue(inserted[0]);
    return { rowId, duplicate: false };
  }

  /** Adds the job; on a Redis failure leaves the row for the relay instead of failing the callback. */
  async enqueue(row: StoredRef): Promise<boolean> {
    const rowId = String(row.id);
    try {
      await this.queue.add('handle', { rowId }, { jobId: inboundJobId(rowId, row.received_at) });
      await this.ds.query(`UPDATE inbound_message SET enqueued_at = now() WHERE id = $1`, [rowId]);
      return true;
    } catch (err) {
      this.logger.warn({ err, rowId }, 'inbound enqueue failed; the relay will retry');
      return false;
    }
  }

  /**
   * Re-enqueues stored rows that were never handled: never enqueued, or enqueued long ago
   * (the job was lost with Redis). Same job id, so a live job is not doubled.
   */
  async relay(staleAfterSeconds = 300, limit = 500): Promise<number> {
    const rows: StoredRef[] = await this.ds.query(
      `SELECT id, received_at FROM inbound_message
       WHERE handled_at IS NULL
         AND (enqueued_at IS NULL OR enqueued_at < now() - make_interval(secs => $1))
       ORDER BY id LIMIT $2`,
      [staleAfterSeconds, limit],
    );
    let n = 0;
    for (const row of rows) if (await this.enqueue(row)) n++;
    return n;
  }
}
