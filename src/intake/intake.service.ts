import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { InboundMessage } from '../bot/inbound-message';
import { ensureJob } from '../jobs/ensure-job';
import type { Logger } from '../lib/logger';
import { returnedRows } from '../lib/query-result';

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

/** A message parked as dead: it failed for a reason other than the infrastructure, too often. */
export interface DeadInbound {
  id: string;
  platform: string;
  messageId: string;
  receivedAt: Date;
  deadAt: Date;
  attempts: number;
  lastError: string | null;
}

/**
 * Durable, idempotent intake: a message is stored once (unique platform + message id) and then
 * handed to the inbound queue keyed by the row. The callback is answered only after the row is
 * committed (the one durable write of the acknowledgement), so nothing acknowledged is lost; the
 * relay adds (or retries) the job of every row that is neither handled nor dead, so a failed
 * enqueue or a Redis that lost its data is repaired within one relay interval.
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
      const [row]: (StoredRef & { handled_at: Date | null; dead_at: Date | null })[] = await this.ds.query(
        `SELECT id, received_at, handled_at, dead_at FROM inbound_message WHERE platform = $1 AND message_id = $2`,
        [msg.platform, msg.messageId],
      );
      // The same job id: a repeat while the job is queued is a no-op for BullMQ.
      if (row && row.handled_at === null && row.dead_at === null) await this.enqueue(row);
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
      return true;
    } catch (err) {
      this.logger.warn({ err, rowId }, 'inbound enqueue failed; the relay will retry');
      return false;
    }
  }

  /**
   * Makes sure every stored row that is neither handled nor dead has a live job: adds the ones
   * Redis does not know (never enqueued, or lost with Redis's data) and retries failed ones.
   * Safe from several processes at once (same job ids). Returns how many it added or retried.
   */
  async relay(limit = 500): Promise<number> {
    const rows: StoredRef[] = await this.ds.query(
      `SELECT id, received_at FROM inbound_message
       WHERE handled_at IS NULL AND dead_at IS NULL
       ORDER BY received_at LIMIT $1`,
      [limit],
    );
    let n = 0;
    for (const row of rows) {
      const rowId = String(row.id);
      const jobId = inboundJobId(rowId, row.received_at);
      if (await ensureJob(this.queue, jobId, () => this.queue.add('handle', { rowId }, { jobId }))) n++;
    }
    return n;
  }

  /** Messages parked as dead, oldest first. */
  async listDead(limit = 100): Promise<DeadInbound[]> {
    const rows: DeadInbound[] = await this.ds.query(
      `SELECT id::text AS id, platform, message_id AS "messageId", received_at AS "receivedAt",
              dead_at AS "deadAt", attempts, last_error AS "lastError"
       FROM inbound_message WHERE dead_at IS NOT NULL AND handled_at IS NULL
       ORDER BY dead_at LIMIT $1`,
      [limit],
    );
    return rows;
  }

  /** How many messages are parked as dead (for /healthz and /metrics). */
  async countDead(): Promise<number> {
    const rows: { n: number }[] = await this.ds.query(
      `SELECT count(*)::int AS n FROM inbound_message WHERE dead_at IS NOT NULL AND handled_at IS NULL`,
    );
    const row = rows[0];
    return Number(row?.n ?? 0);
  }

  /** Un-parks dead messages (all, or the given row ids) and hands them to the queue again. */
  async redrive(ids?: string[]): Promise<number> {
    const rows = returnedRows<StoredRef>(
      await this.ds.query(
        `UPDATE inbound_message SET dead_at = NULL
         WHERE dead_at IS NOT NULL AND handled_at IS NULL AND ($1::bigint[] IS NULL OR id = ANY($1::bigint[]))
         RETURNING id, received_at`,
        [ids && ids.length ? ids : null],
      ),
    );
    for (const row of rows) {
      const rowId = String(row.id);
      const jobId = inboundJobId(rowId, row.received_at);
      await ensureJob(this.queue, jobId, () => this.queue.add('handle', { rowId }, { jobId }));
    }
    return rows.length;
  }
}
