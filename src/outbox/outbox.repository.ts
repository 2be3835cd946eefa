import type { DataSource, EntityManager } from 'typeorm';
import type { OutboundStatus } from '../entities/enums';
import type { Channel } from './outbound-payload';

/** One outbound_message row as the sender needs it. */
export interface OutboxRow {
  id: string;
  idempotencyKey: string;
  channel: Channel;
  target: string;
  payload: unknown;
  status: OutboundStatus;
  attempts: number;
}

/** A group robot from group_chat: the webhook URL and, for DingTalk 加签, its secret. */
export interface RobotRow {
  platform: string;
  webhookUrl: string | null;
  webhookSecret: string | null;
}

export interface NewOutboxRow {
  key: string;
  channel: Channel;
  target: string;
  payload: object;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** SQL for the outbox table; every write takes the caller's EntityManager or DataSource. */
export class OutboxRepository {
  constructor(private readonly ds: DataSource) {}

  /** Inserts once per idempotency key; returns the row id and whether this call created it. */
  async insert(
    manager: EntityManager | DataSource,
    row: NewOutboxRow,
  ): Promise<{ id: string; created: boolean }> {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO outbound_message (idempotency_key, channel, target, payload)
       VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id`,
      [row.key, row.channel, row.target, JSON.stringify(row.payload)],
    );
    if (inserted.length > 0) return { id: String(inserted[0].id), created: true };
    const existing: { id: string }[] = await manager.query(
      `SELECT id FROM outbound_message WHERE idempotency_key = $1`,
      [row.key],
    );
    return { id: String(existing[0].id), created: false };
  }

  async find(id: string): Promise<OutboxRow | null> {
    const rows: OutboxRow[] = await this.ds.query(
      `SELECT id, idempotency_key AS "idempotencyKey", channel, target, payload, status, attempts
       FROM outbound_message WHERE id = $1`,
      [id],
    );
    return rows[0] ? { ...rows[0], id: String(rows[0].id) } : null;
  }

  /**
   * In one transaction: locks up to `limit` pending rows that were never enqueued (or enqueued
   * before `staleBefore`, in case Redis lost the job), skipping rows another relay holds, hands
   * their ids to `enqueue`, and stamps them enqueued only if that succeeded.
   */
  /** Creation times of rows, by id (part of their job ids). */
  async createdAt(ids: string[]): Promise<Map<string, Date>> {
    const rows: { id: string; created_at: Date }[] = await this.ds.query(
      `SELECT id::text AS id, created_at FROM outbound_message WHERE id = ANY($1::bigint[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.created_at]));
  }

  async claimForRelay(
    limit: number,
    now: Date,
    staleBefore: Date,
    enqueue: (ids: string[]) => Promise<void>,
  ): Promise<string[]> {
    return this.ds.transaction(async (manager) => {
      const rows: { id: string }[] = await manager.query(
        `SELECT id FROM outbound_message
         WHERE status = 'pending' AND (enqueued_at IS NULL OR enqueued_at < $2)
         ORDER BY id LIMIT $1
         FOR UPDATE SKIP LOCKED`,
        [limit, staleBefore],
      );
      const ids = rows.map((r) => String(r.id));
      if (ids.length === 0) return ids;
      await enqueue(ids);
      await manager.query(`UPDATE outbound_message SET enqueued_at = $2 WHERE id = ANY($1::bigint[])`, [
        ids,
        now,
      ]);
      return ids;
    });
  }

  async markEnqueued(ids: string[], now: Date): Promise<void> {
    await this.ds.query(
      `UPDATE outbound_message SET enqueued_at = $2 WHERE id = ANY($1::bigint[]) AND enqueued_at IS NULL`,
      [ids, now],
    );
  }

  /** Marks a row sent; returns false if it was not pending any more. */
  async markSent(id: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `UPDATE outbound_message SET status = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL
       WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id, now],
    );
    return rowCount(rows) > 0;
  }

  /** Records a failed attempt; `final` turns the row to failed (no more retries). */
  async recordError(id: string, error: string, final: boolean): Promise<void> {
    await this.ds.query(
      `UPDATE outbound_message
       SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END
       WHERE id = $1 AND status = 'pending'`,
      [id, error.slice(0, 2000), final],
    );
  }

  /** The robot of a group_chat row (target given as its uuid). */
  async findRobot(groupChatId: string): Promise<RobotRow | null> {
    if (!UUID.test(groupChatId)) return null;
    const rows: RobotRow[] = await this.ds.query(
      `SELECT platform, webhook_url AS "webhookUrl", webhook_secret AS "webhookSecret"
       FROM group_chat WHERE id = $1`,
      [groupChatId],
    );
    return rows[0] ?? null;
  }
}

/** node-postgres through TypeORM returns [rows, count] for UPDATE … RETURNING. */
function rowCount(result: unknown[]): number {
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[1];
  return result.length;
}
