import type { JobsOptions, Queue } from 'bullmq';
import type { DataSource, EntityManager } from 'typeorm';
import { type Clock, systemClock } from '../lib/clock';
import { type OutboundPayload, parsePayload, type Channel } from './outbound-payload';
import { outboundJobId, SEND_JOB_OPTIONS, type SendJobData } from './outbound.queue';
import type { OutboxRepository, StoredOutboxRow } from './outbox.repository';
import { ensureJob } from '../jobs/ensure-job';

export interface EnqueueRequest {
  /** Idempotency key: the same key is stored (and so sent) once, whatever retries happen. */
  key: string;
  channel: Channel;
  target: string;
  payload: OutboundPayload;
}

/**
 * A pending row is checked again this long after it was last enqueued or checked: its job is added
 * if Redis lost it, or retried if it failed (the relay asks BullMQ for the job's state).
 */
const RECHECK_AFTER_MS = 15_000;

/** The transactional outbox: rows in PostgreSQL first, BullMQ jobs after commit, a relay for the gaps. */
export class OutboxService {
  private readonly clock: Clock;

  /**
   * `jobOptions`: what every send job is added with, SEND_JOB_OPTIONS unless given (a test passes a
   * shorter retry backoff here, so that it need not wait the production seconds between attempts).
   */
  constructor(
    private readonly repo: OutboxRepository,
    private readonly queue: Queue<SendJobData>,
    clock?: Clock,
    private readonly jobOptions: JobsOptions = SEND_JOB_OPTIONS,
  ) {
    this.clock = clock ?? systemClock;
  }

  /**
   * Stores a message once per key (ON CONFLICT DO NOTHING), inside the caller's transaction when
   * `manager` is a transaction's EntityManager. Returns the row id (the existing one for a repeat).
   */
  async enqueue(manager: EntityManager | DataSource, req: EnqueueRequest): Promise<string> {
    const payload = parsePayload(req.payload);
    const { id } = await this.repo.insert(manager, { ...req, payload });
    return id;
  }

  /**
   * Stores a message once per key, stamped as handed to the queue: the caller adds its job right after the
   * commit (`dispatchStored`). Returns the row id and the row to queue: the new row, or a pending repeat
   * (its job id is the same, so the add is a no-op while that job lives); null for a repeat already sent
   * or failed, which must not be queued again.
   */
  async enqueueStamped(
    manager: EntityManager | DataSource,
    req: EnqueueRequest,
  ): Promise<{ id: string; toQueue: StoredOutboxRow | null }> {
    const row = await this.repo.insertStamped(
      manager,
      { ...req, payload: parsePayload(req.payload) },
      this.clock.now(),
    );
    return {
      id: row.id,
      toQueue: row.status === 'pending' ? { id: row.id, createdAt: row.createdAt } : null,
    };
  }

  /**
   * Stores many messages in one statement, once per key, stamped as handed to the queue like
   * enqueueStamped (the caller adds their jobs right after the commit, `dispatchStored`); returns the
   * rows it created.
   */
  async enqueueMany(manager: EntityManager | DataSource, reqs: EnqueueRequest[]): Promise<StoredOutboxRow[]> {
    return this.repo.insertMany(
      manager,
      reqs.map((r) => ({ ...r, payload: parsePayload(r.payload) })),
      this.clock.now(),
    );
  }

  /**
   * Adds the send jobs for committed rows that `enqueueMany` stored stamped: one bulk add, no query
   * (the rows carry their creation times). If the add fails the stamp is taken back, so the relay's
   * next pass adds them (a process killed in between leaves them stamped: the relay rechecks them
   * RECHECK_AFTER_MS later), and the error is rethrown.
   */
  async dispatchStored(rows: StoredOutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      await this.queue.addBulk(
        rows.map(({ id, createdAt }) => ({
          name: 'send',
          data: { id },
          opts: { ...this.jobOptions, jobId: outboundJobId(id, createdAt) },
        })),
      );
    } catch (err) {
      await this.repo.clearEnqueued(rows.map((r) => r.id)).catch(() => undefined);
      throw err;
    }
  }

  /** Adds the send jobs for committed rows (a repeat is a no-op: job id = out-<row id>). */
  async dispatch(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.addJobs(ids);
    await this.repo.markEnqueued(ids, this.clock.now());
  }

  /**
   * Makes sure every pending row has a live job: adds the ones that never got one (commit
   * succeeded, Redis failed) or whose job Redis lost, and retries failed ones (BullMQ ignores an
   * add whose id a failed job holds). Safe to run from several processes at once. Returns how
   * many jobs it added or retried.
   */
  async relayPending(limit = 200): Promise<number> {
    const now = this.clock.now();
    const { added } = await this.repo.claimForRelay(
      limit,
      now,
      new Date(now.getTime() - RECHECK_AFTER_MS),
      (rows) => this.ensureJobs(rows),
    );
    return added;
  }

  /**
   * As relayPending, for when Redis has just come back (perhaps empty, its jobs lost): every pending row
   * is checked now, in passes of `limit`, instead of RECHECK_AFTER_MS after its last stamp — a reply
   * whose job Redis lost goes out within one pass, not 15 s later. Returns how many jobs it added or retried.
   */
  async relayAllPending(limit = 200): Promise<number> {
    const since = this.clock.now();
    let total = 0;
    for (;;) {
      const { claimed, added } = await this.repo.claimForRelay(limit, this.clock.now(), since, (rows) =>
        this.ensureJobs(rows),
      );
      total += added;
      if (claimed < limit) return total;
    }
  }

  /** Adds the job of each row that has none, or retries its failed one; returns how many it added or retried. */
  private async ensureJobs(rows: StoredOutboxRow[]): Promise<number> {
    let n = 0;
    for (const { id, createdAt } of rows) {
      const jobId = outboundJobId(id, createdAt);
      const add = () => this.queue.add('send', { id }, { ...this.jobOptions, jobId });
      if (await ensureJob(this.queue, jobId, add)) n++;
    }
    return n;
  }

  /** Puts failed rows back to pending and hands them to the queue (`npm run redrive -- --outbound`). */
  async redriveFailed(ids?: string[]): Promise<number> {
    const reopened = await this.repo.reopenFailed(ids);
    if (reopened.length === 0) return 0;
    const created = await this.repo.createdAt(reopened);
    for (const id of reopened) {
      const jobId = outboundJobId(id, created.get(id) as Date);
      await ensureJob(this.queue, jobId, () => this.queue.add('send', { id }, { ...this.jobOptions, jobId }));
    }
    return reopened.length;
  }

  private async addJobs(ids: string[]): Promise<void> {
    const created = await this.repo.createdAt(ids);
    await this.queue.addBulk(
      ids
        .filter((id) => created.has(id))
        .map((id) => ({
          name: 'send',
          data: { id },
          opts: { ...this.jobOptions, jobId: outboundJobId(id, created.get(id) as Date) },
        })),
    );
  }
}
