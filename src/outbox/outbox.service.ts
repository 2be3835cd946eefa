import type { Queue } from 'bullmq';
import type { DataSource, EntityManager } from 'typeorm';
import { type Clock, systemClock } from '../lib/clock';
import { type OutboundPayload, parsePayload, type Channel } from './outbound-payload';
import { outboundJobId, SEND_JOB_OPTIONS, type SendJobData } from './outbound.queue';
import type { OutboxRepository } from './outbox.repository';

export interface EnqueueRequest {
  /** Idempotency key: the same key is stored (and so sent) once, whatever retries happen. */
  key: string;
  channel: Channel;
  target: string;
  payload: OutboundPayload;
}

/** A pending row enqueued this long ago whose job is gone (Redis lost it) is enqueued again. */
const STALE_ENQUEUE_MS = 10 * 60_000;

/** The transactional outbox: rows in PostgreSQL first, BullMQ jobs after commit, a relay for the gaps. */
export class OutboxService {
  private readonly clock: Clock;

  constructor(
    private readonly repo: OutboxRepository,
    private readonly queue: Queue<SendJobData>,
    clock?: Clock,
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

  /** Adds the send jobs for committed rows (a repeat is a no-op: job id = out-<row id>). */
  async dispatch(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.addJobs(ids);
    await this.repo.markEnqueued(ids, this.clock.now());
  }

  /**
   * Enqueues pending rows that never got a job (commit succeeded, Redis failed) or whose job was
   * lost; safe to run from several processes at once. Returns how many rows it handed to BullMQ.
   */
  async relayPending(limit = 100): Promise<number> {
    const now = this.clock.now();
    const stale = new Date(now.getTime() - STALE_ENQUEUE_MS);
    const ids = await this.repo.claimForRelay(limit, now, stale, (batch) => this.addJobs(batch));
    return ids.length;
  }

  private async addJobs(ids: string[]): Promise<void> {
    const created = await this.repo.createdAt(ids);
    await this.queue.addBulk(
      ids
        .filter((id) => created.has(id))
        .map((id) => ({
          name: 'send',
          data: { id },
          opts: { ...SEND_JOB_OPTIONS, jobId: outboundJobId(id, created.get(id) as Date) },
        })),
    );
  }
}
