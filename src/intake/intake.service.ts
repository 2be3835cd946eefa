import type { Queue } from 'bullmq';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { InboundMessage } from '../bot/inbound-message';
import { ensureJob } from '../jobs/ensure-job';
import type { Logger } from '../lib/logger';
import { returnedRows } from '../lib/query-result';

/** The job ('handle') that carries a stored inbound message to the bot. */
export interface InboundJob {
  rowId: string;
}

/** A committed row as a group job carries it: its id and its receive time in epoch ms. */
export type GroupRow = [rowId: string, receivedAtMs: number];

/**
 * The job ('handle-group') that carries the rows of one bulk add: the inbound worker fans it out
 * into one 'handle' job per row, with the ids the relay uses (fanOutInbound), so the web process
 * makes one queue add per bulk add instead of one per message.
 */
export interface InboundGroupJob {
  rows: GroupRow[];
}

/** The inbound queue's job names. */
export const INBOUND_JOB = { handle: 'handle', group: 'handle-group' } as const;

/**
 * The job id of a stored row: BullMQ keeps finished jobs for a day and ignores an add whose id it
 * still holds, so the id also carries the row's receive time (epoch ms, or the Date pg returns) —
 * a row id reused after a database reset or restore must not collide with an old job. (No ':'
 * allowed in custom ids.)
 */
export const inboundJobId = (rowId: string, receivedAt: Date | number) =>
  `in-${rowId}-${typeof receivedAt === 'number' ? receivedAt : receivedAt.getTime()}`;

/** The per-row 'handle' job of a committed row (its id dedupes every add of the same row). */
export const handleJobOf = (rowId: string, receivedAt: Date | number) => ({
  name: INBOUND_JOB.handle,
  data: { rowId },
  opts: { jobId: inboundJobId(rowId, receivedAt) },
});

/**
 * The worker's side of a group job: one 'handle' job per row, in one bulk add. Idempotent: a
 * repeat (the group job retried, or run again after a stall) adds nothing BullMQ still holds, and
 * a 'handle' job that runs for a row already handled does nothing.
 */
export async function fanOutInbound(queue: Queue, group: InboundGroupJob): Promise<void> {
  await queue.addBulk(group.rows.map(([rowId, ms]) => handleJobOf(rowId, ms)));
}

/** Callbacks grouped into one write at most (one INSERT statement). */
const MAX_GROUP = 200;
/**
 * Grouped writes at once; the others wait and form the next groups. Two, not three: since the
 * bulk add no longer holds a slot, three made more and smaller INSERTs (the ack bench, alternating
 * in one run at load 9–12: 2,782 against 2,384 req/s, 120 + 50 against 160 + 59 µs CPU per request
 * in the web process + its PostgreSQL backends); one was as cheap but leaves a single stalled
 * backend holding every callback.
 */
const MAX_IN_FLIGHT = 2;
/**
 * Bulk adds start at most this often: an idle service adds at once, a busy one gathers the rows
 * committed meanwhile into the next add (one queue add per ~this many ms instead of per write).
 */
const MIN_ADD_INTERVAL_MS = 10;
/** Jobs in one bulk add at most; committed rows arriving while an add is busy wait for the next. */
const MAX_BULK = 1000;
/**
 * Committed rows waiting for a bulk add at most: beyond that (Redis far slower than PostgreSQL, or
 * hanging) new rows are left to the relay rather than held in memory.
 */
const MAX_PENDING_ADDS = 50_000;
/**
 * A group job is only a carrier: gone once fanned out (its rows' 'handle' jobs keep the history).
 * A failed one stays, as the queue's defaults keep failed jobs; its rows are the relay's.
 */
const GROUP_JOB_OPTIONS = { removeOnComplete: true };

/**
 * The pg Pool under a TypeORM DataSource: the acknowledgement's INSERT goes straight to it, without
 * TypeORM's query runner (a measurable part of the hot path's CPU). Throws when not connected.
 */
export function poolOf(ds: DataSource): Pool {
  const pool = (ds.driver as unknown as { master?: Pool }).master;
  if (!ds.isInitialized || !pool) throw new Error('the database is not connected');
  return pool;
}

interface Waiter {
  msg: InboundMessage;
  /** Answer once the row is committed ('commit') or once its job is added too ('enqueued'). */
  until: 'commit' | 'enqueued';
  resolve: (r: { rowId: string; duplicate: boolean }) => void;
  reject: (err: unknown) => void;
}

interface StoredRef {
  id: string;
  /** Epoch ms (as pg returns a bigint: text) from the hot INSERT, or the Date of other queries. */
  received_at: Date | string;
}

/** The receive time of a row in epoch ms (part of its job id). */
const receivedMs = (r: StoredRef): number =>
  typeof r.received_at === 'string' ? Number(r.received_at) : r.received_at.getTime();

/** Rows of one grouped write waiting for a bulk add, and what to call once it was tried. */
interface PendingAdd {
  rows: StoredRef[];
  done: () => void;
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

  /** Callbacks waiting for the next grouped write. */
  private waiting: Waiter[] = [];
  /** Grouped writes in flight (each holds one pooled connection). */
  private inFlight = 0;
  private scheduled = false;
  /** Committed groups waiting for the next bulk add, and how many rows they hold. */
  private pendingAdds: PendingAdd[] = [];
  private pendingRows = 0;
  /** True while a bulk add is busy (one at a time: the rows committed meanwhile go together next). */
  private adding = false;
  /** When the last bulk add started (performance.now()), and the timer of the next when it waits. */
  private lastAddAt = -Infinity;
  private addTimer: NodeJS.Timeout | null = null;

  /**
   * Stores and enqueues; throws only when the database cannot store the message. Callbacks arriving
   * together are grouped: while MAX_IN_FLIGHT writes are busy the next ones wait and go out as one
   * multi-row INSERT … ON CONFLICT DO NOTHING, and each caller is answered after the commit of the
   * write that holds its message and the bulk add that holds its job (a failed add is the relay's).
   * An idle service writes at once (no added delay).
   */
  accept(msg: InboundMessage): Promise<{ rowId: string; duplicate: boolean }> {
    return this.enter(msg, 'enqueued');
  }

  /**
   * As accept, but resolves as soon as the row is committed — the acknowledgement's one durable
   * write. The write's slot is free again at the commit; its jobs join the next bulk add, which
   * gathers the rows of every write committed while the previous add was busy. A crash before the
   * add, or a failed add, leaves the committed row to the relay.
   */
  commit(msg: InboundMessage): Promise<{ rowId: string; duplicate: boolean }> {
    return this.enter(msg, 'commit');
  }

  /** Resolves once every job handed to the bulk adds so far was tried (for tests and shutdown). */
  async drained(): Promise<void> {
    if (!this.adding && this.pendingAdds.length === 0) return;
    await new Promise<void>((resolve) => this.addLater([], resolve));
  }

  private enter(msg: InboundMessage, until: Waiter['until']): Promise<{ rowId: string; duplicate: boolean }> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ msg, until, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0 || this.inFlight >= MAX_IN_FLIGHT) return;
    this.scheduled = true;
    // After the current I/O callbacks: the callbacks parsed in this turn of the loop go together.
    setImmediate(() => {
      this.scheduled = false;
      const group = this.waiting.splice(0, MAX_GROUP);
      if (group.length === 0) return;
      this.inFlight++;
      void this.write(group).finally(() => {
        this.inFlight--;
        this.schedule();
      });
      this.schedule();
    });
  }

  /** One grouped write; a group refused for its data (e.g. bad JSON text) is retried one by one. */
  private async write(group: Waiter[]): Promise<void> {
    let stored: Awaited<ReturnType<IntakeService['store']>>;
    try {
      stored = await this.store(group.map((w) => w.msg));
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (group.length > 1 && typeof code === 'string' && code.startsWith('22')) {
        for (const w of group) await this.write([w]);
        return;
      }
      for (const w of group) w.reject(err);
      return;
    }
    group.forEach((w, i) => w.until === 'commit' && w.resolve(stored.results[i]));
    // The slot is free at the commit; the jobs go with the next bulk add.
    this.addLater(stored.toEnqueue, () =>
      group.forEach((w, i) => w.until === 'enqueued' && w.resolve(stored.results[i])),
    );
  }

  /** Queues committed rows for the next bulk add; `done` runs once it was tried. */
  private addLater(rows: StoredRef[], done: () => void): void {
    if (rows.length > 0 && this.pendingRows + rows.length > MAX_PENDING_ADDS) {
      this.logger.warn({ rows: rows.length }, 'inbound enqueue backlog full; the relay will add these');
      rows = [];
    }
    if (rows.length === 0 && !this.adding && this.pendingAdds.length === 0) return done();
    this.pendingAdds.push({ rows, done });
    this.pendingRows += rows.length;
    this.flushAdds();
  }

  /** Starts the next bulk add unless one is busy: the waiting groups' rows, up to MAX_BULK jobs. */
  private flushAdds(): void {
    if (this.adding || this.addTimer || this.pendingAdds.length === 0) return;
    // At most one bulk add per MIN_ADD_INTERVAL_MS: under load each carries more rows (the callbacks
    // are answered already; only the handling starts up to that much later).
    const wait = this.lastAddAt + MIN_ADD_INTERVAL_MS - performance.now();
    if (wait > 0) {
      this.addTimer = setTimeout(() => {
        this.addTimer = null;
        this.flushAdds();
      }, wait);
      return;
    }
    this.lastAddAt = performance.now();
    const batch: PendingAdd[] = [];
    const rows: StoredRef[] = [];
    while (
      this.pendingAdds.length > 0 &&
      (batch.length === 0 || rows.length + this.pendingAdds[0].rows.length <= MAX_BULK)
    ) {
      const next = this.pendingAdds.shift()!;
      batch.push(next);
      for (const r of next.rows) rows.push(r);
    }
    this.pendingRows -= rows.length;
    this.adding = true;
    void this.enqueueMany(rows).finally(() => {
      this.adding = false;
      for (const b of batch) b.done();
      this.flushAdds();
    });
  }

  /** Inserts the messages in one statement, finds the repeats and what needs a job. */
  private async store(
    msgs: InboundMessage[],
  ): Promise<{ results: { rowId: string; duplicate: boolean }[]; toEnqueue: StoredRef[] }> {
    // One JSON parameter for the whole group: cheaper to build and send than three arrays of text.
    const { rows: inserted } = await poolOf(this.ds).query<
      StoredRef & { platform: string; message_id: string }
    >(
      `INSERT INTO inbound_message (platform, message_id, payload)
       SELECT r.platform, r.message_id, r.payload
         FROM jsonb_to_recordset($1::jsonb) AS r(platform text, message_id text, payload jsonb)
       ON CONFLICT (platform, message_id) DO NOTHING
       RETURNING id, platform, message_id, floor(extract(epoch FROM received_at) * 1000)::int8 AS received_at`,
      [JSON.stringify(msgs.map((m) => ({ platform: m.platform, message_id: m.messageId, payload: m })))],
    );
    const key = (platform: string, messageId: string) => `${platform}\u0000${messageId}`;
    const fresh = new Map(inserted.map((r) => [key(r.platform, r.message_id), r]));
    const repeats = msgs.filter((m) => !fresh.has(key(m.platform, m.messageId)));
    const existing = new Map<string, StoredRef & { handled_at: Date | null; dead_at: Date | null }>();
    if (repeats.length) {
      const rows: (StoredRef & {
        platform: string;
        message_id: string;
        handled_at: Date | null;
        dead_at: Date | null;
      })[] = await this.ds.query(
        `SELECT m.id, m.platform, m.message_id, m.received_at, m.handled_at, m.dead_at
           FROM inbound_message m JOIN unnest($1::text[], $2::text[]) AS r(platform, message_id)
             USING (platform, message_id)`,
        [repeats.map((m) => m.platform), repeats.map((m) => m.messageId)],
      );
      for (const r of rows) existing.set(key(r.platform, r.message_id), r);
    }
    const toEnqueue: StoredRef[] = [];
    const claimed = new Set<string>();
    const results = msgs.map((m) => {
      const k = key(m.platform, m.messageId);
      const row = fresh.get(k);
      if (row && !claimed.has(k)) {
        // The first of a key in the group is the one stored; a second copy in the group is a repeat.
        claimed.add(k);
        this.onStored?.(m.platform, 'stored');
        toEnqueue.push(row);
        return { rowId: String(row.id), duplicate: false };
      }
      this.onStored?.(m.platform, 'duplicate');
      const old = existing.get(k);
      // The same job id: a repeat while the job is queued is a no-op for BullMQ.
      if (old && old.handled_at === null && old.dead_at === null) toEnqueue.push(old);
      return { rowId: String(row?.id ?? old?.id), duplicate: true };
    });
    return { results, toEnqueue };
  }

  /**
   * One bulk add; on a Redis failure the rows stay for the relay instead of failing the callbacks.
   * A single row gets its 'handle' job at once; more get one 'handle-group' job that the inbound
   * worker fans out (one Lua script and a few hundred bytes here instead of one per message).
   */
  private async enqueueMany(rows: StoredRef[]): Promise<void> {
    if (rows.length === 0) return;
    const seen = new Set<string>();
    const group: GroupRow[] = [];
    for (const r of rows) {
      const rowId = String(r.id);
      if (seen.has(rowId)) continue;
      seen.add(rowId);
      group.push([rowId, receivedMs(r)]);
    }
    const jobs =
      group.length === 1
        ? [handleJobOf(...group[0])]
        : [{ name: INBOUND_JOB.group, data: { rows: group }, opts: GROUP_JOB_OPTIONS }];
    try {
      await (this.queue as Queue).addBulk(jobs);
    } catch (err) {
      this.logger.warn({ err, rows: group.length }, 'inbound enqueue failed; the relay will retry');
    }
  }

  /** Adds the job; on a Redis failure leaves the row for the relay instead of failing the callback. */
  async enqueue(row: StoredRef): Promise<boolean> {
    const rowId = String(row.id);
    try {
      const job = handleJobOf(rowId, receivedMs(row));
      await this.queue.add(job.name, job.data, job.opts);
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
      const job = handleJobOf(String(row.id), receivedMs(row));
      if (await ensureJob(this.queue, job.opts.jobId, () => this.queue.add(job.name, job.data, job.opts)))
        n++;
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
      const job = handleJobOf(String(row.id), receivedMs(row));
      await ensureJob(this.queue, job.opts.jobId, () => this.queue.add(job.name, job.data, job.opts));
    }
    return rows.length;
  }
}
