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
  /** Parts of a split message the platform already accepted. */
  partsSent: number;
}

/** A row that failed for good, as the admins and `npm run redrive` list it. */
export interface FailedOutboxRow {
  id: string;
  channel: string;
  target: string;
  errorCode: string | null;
  lastError: string | null;
  createdAt: Date;
}

/** A group robot from group_chat: the webhook URL and, for DingTalk 加签, its secret. */
export interface RobotRow {
  platform: string;
  webhookUrl: string | null;
  webhookSecret: string | null;
}

/** A stored row to queue: its id and creation time (both part of its job id). */
export interface StoredOutboxRow {
  id: string;
  createdAt: Date;
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
    const { id, created } = await this.insertStamped(manager, row, null);
    return { id, created };
  }

  /**
   * Inserts once per idempotency key, stamped `enqueuedAt` (see insertMany); returns the row's id, its
   * creation time and status, and whether this call created it. One statement when the key is new; a
   * repeat reads the stored row with a second one.
   */
  async insertStamped(
    manager: EntityManager | DataSource,
    row: NewOutboxRow,
    enqueuedAt: Date | null,
  ): Promise<StoredOutboxRow & { status: OutboundStatus; created: boolean }> {
    const inserted: { id: string; created_at: Date }[] = await manager.query(
      `INSERT INTO outbound_message (idempotency_key, channel, target, payload, enqueued_at)
       VALUES ($1, $2, $3, $4::jsonb, $5::timestamptz)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id::text AS id, created_at`,
      [row.key, row.channel, row.target, JSON.stringify(row.payload), enqueuedAt],
    );
    if (inserted.length > 0) {
      return { id: inserted[0].id, createdAt: inserted[0].created_at, status: 'pending', created: true };
    }
    const existing: { id: string; created_at: Date; status: OutboundStatus }[] = await manager.query(
      `SELECT id::text AS id, created_at, status FROM outbound_message WHERE idempotency_key = $1`,
      [row.key],
    );
    const [old] = existing;
    return { id: old.id, createdAt: old.created_at, status: old.status, created: false };
  }

  /**
   * Inserts many rows in one statement (once per idempotency key, keys already stored are skipped);
   * returns the rows this call created, with their creation times (part of their job ids, so no second
   * query is needed to queue them). `enqueuedAt` stamps the new rows as handed to the queue in the same
   * statement, for a caller that adds their jobs right after the commit (and clears the stamp,
   * `clearEnqueued`, if that add fails): no UPDATE per batch.
   */
  async insertMany(
    manager: EntityManager | DataSource,
    rows: NewOutboxRow[],
    enqueuedAt: Date | null = null,
  ): Promise<StoredOutboxRow[]> {
    if (rows.length === 0) return [];
    const inserted: { id: string; created_at: Date }[] = await manager.query(
      `INSERT INTO outbound_message (idempotency_key, channel, target, payload, enqueued_at)
       SELECT k, c, t, p, $5::timestamptz FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) AS u(k, c, t, p)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id::text AS id, created_at`,
      [
        rows.map((r) => r.key),
        rows.map((r) => r.channel),
        rows.map((r) => r.target),
        rows.map((r) => JSON.stringify(r.payload)),
        enqueuedAt,
      ],
    );
    return inserted.map((r) => ({ id: r.id, createdAt: r.created_at }));
  }

  /** Takes back the `insertMany` stamp of rows whose jobs could not be added: the relay's next pass adds them. */
  async clearEnqueued(ids: string[]): Promise<void> {
    await this.ds.query(
      `UPDATE outbound_message SET enqueued_at = NULL WHERE id = ANY($1::bigint[]) AND status = 'pending'`,
      [ids],
    );
  }

  async find(id: string): Promise<OutboxRow | null> {
    const rows: OutboxRow[] = await this.ds.query(
      `SELECT id, idempotency_key AS "idempotencyKey", channel, target, payload, status, attempts,
              parts_sent AS "partsSent"
       FROM outbound_message WHERE id = $1`,
      [id],
    );
    return rows[0] ? { ...rows[0], id: String(rows[0].id) } : null;
  }

  /** Creation times of rows, by id (part of their job ids). */
  async createdAt(ids: string[]): Promise<Map<string, Date>> {
    const rows: { id: string; created_at: Date }[] = await this.ds.query(
      `SELECT id::text AS id, created_at FROM outbound_message WHERE id = ANY($1::bigint[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.created_at]));
  }

  /**
   * In one transaction: locks up to `limit` pending rows that were never enqueued or not checked
   * since `staleBefore`, skipping rows another relay holds, hands them to `ensure` (which adds or
   * retries their jobs as needed), and stamps them checked only if that succeeded. Returns how many
   * rows it claimed and what `ensure` returned.
   */
  async claimForRelay(
    limit: number,
    now: Date,
    staleBefore: Date,
    ensure: (rows: StoredOutboxRow[]) => Promise<number>,
  ): Promise<{ claimed: number; added: number }> {
    return this.ds.transaction(async (manager) => {
      const rows: { id: string; created_at: Date }[] = await manager.query(
        `SELECT id::text AS id, created_at FROM outbound_message
         WHERE status = 'pending' AND (enqueued_at IS NULL OR enqueued_at < $2)
         ORDER BY id LIMIT $1
         FOR UPDATE SKIP LOCKED`,
        [limit, staleBefore],
      );
      if (rows.length === 0) return { claimed: 0, added: 0 };
      const added = await ensure(rows.map((r) => ({ id: r.id, createdAt: r.created_at })));
      await manager.query(`UPDATE outbound_message SET enqueued_at = $2 WHERE id = ANY($1::bigint[])`, [
        rows.map((r) => r.id),
        now,
      ]);
      return { claimed: rows.length, added };
    });
  }

  async markEnqueued(ids: string[], now: Date): Promise<void> {
    await this.ds.query(
      `UPDATE outbound_message SET enqueued_at = $2 WHERE id = ANY($1::bigint[]) AND enqueued_at IS NULL`,
      [ids, now],
    );
  }

  /**
   * Records that the platform accepted part `done` of `total` — the first write after a delivery,
   * so nothing else can fail in between. The last part marks the row sent in the same UPDATE.
   */
  async markDelivered(id: string, done: number, total: number, now: Date): Promise<void> {
    await this.ds.query(
      `UPDATE outbound_message
       SET parts_sent = GREATEST(parts_sent, $2),
           status = CASE WHEN $2 >= $3 THEN 'sent' ELSE status END,
           sent_at = CASE WHEN $2 >= $3 THEN $4::timestamptz ELSE sent_at END,
           attempts = attempts + CASE WHEN $2 >= $3 THEN 1 ELSE 0 END,
           last_error = CASE WHEN $2 >= $3 THEN NULL ELSE last_error END
       WHERE id = $1 AND status = 'pending'`,
      [id, done, total, now],
    );
  }

  /** Records a failed attempt; `final` turns the row to failed with the platform's `code` (no more retries). */
  async recordError(id: string, error: string, final: boolean, code: string | null = null): Promise<void> {
    await this.ds.query(
      `UPDATE outbound_message
       SET attempts = attempts + 1, last_error = $2,
           status = CASE WHEN $3 THEN 'failed' ELSE status END,
           error_code = CASE WHEN $3 THEN $4 ELSE error_code END
       WHERE id = $1 AND status = 'pending'`,
      [id, error.slice(0, 2000), final, code?.slice(0, 64) ?? null],
    );
  }

  /** Failed rows by error code (for /metrics and /healthz). */
  async countFailed(): Promise<{ code: string; n: number }[]> {
    const rows: { code: string | null; n: number }[] = await this.ds.query(
      `SELECT error_code AS code, count(*)::int AS n FROM outbound_message WHERE status = 'failed'
       GROUP BY error_code`,
    );
    return rows.map((r) => ({ code: r.code ?? 'unknown', n: Number(r.n) }));
  }

  /** The newest failed rows. */
  async listFailed(limit = 100): Promise<FailedOutboxRow[]> {
    return this.ds.query(
      `SELECT id::text AS id, channel, target, error_code AS "errorCode", last_error AS "lastError",
              created_at AS "createdAt"
       FROM outbound_message WHERE status = 'failed' ORDER BY id DESC LIMIT $1`,
      [limit],
    );
  }

  /** Puts failed rows (all, or the given ids) back to pending for the relay; returns their ids. */
  async reopenFailed(ids?: string[]): Promise<string[]> {
    const [rows] = await this.ds.query<[{ id: string }[], number]>(
      `UPDATE outbound_message SET status = 'pending', attempts = 0, error_code = NULL, enqueued_at = NULL
       WHERE status = 'failed' AND ($1::bigint[] IS NULL OR id = ANY($1::bigint[]))
       RETURNING id::text AS id`,
      [ids && ids.length ? ids : null],
    );
    return rows.map((r) => r.id);
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

  /** The group_chat row id of a bound chat that has a push robot, or null. */
  async robotOfChat(platform: string, chatId: string): Promise<string | null> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM group_chat WHERE platform = $1 AND chat_id = $2 AND webhook_url IS NOT NULL`,
      [platform, chatId],
    );
    return rows[0]?.id ?? null;
  }
}
