import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Logger } from '../lib/logger';
import type { Channel, OutboundPayload } from './outbound-payload';
import type { StoredOutboxRow } from './outbox.repository';
import type { EnqueueRequest, OutboxService } from './outbox.service';

/**
 * Most rows per INSERT statement (and per bulk queue add) in Sender.sendMany: the cadre messages of a
 * contact-reminders run at 10× Xi'an are one statement. Not unbounded: outside a transaction each
 * statement commits on its own, so a run killed midway keeps the statements it finished (a re-run adds
 * only the missing keys), and one statement's parameter arrays stay a few MB.
 */
export const SEND_MANY_CHUNK = 2000;

/** Rows written inside a still-open transaction, per Sender, keyed by the transaction's query runner. */
type Held = Map<Sender, StoredOutboxRow[]>;
const held = new WeakMap<QueryRunner, Held>();

/** A transaction opened by hand whose messages wait for its end: see `holdMessages`. */
export interface HeldMessages {
  /** Call after COMMIT: hands the rows written in the transaction to the queue. */
  committed(): Promise<void>;
  /** Call after ROLLBACK: the rows are gone, nothing is queued. */
  discard(): void;
}

/**
 * For a transaction opened by hand on `runner` (`startTransaction`): the messages sent through it are
 * held until the caller says the transaction committed or rolled back. `sendingTransaction` is the
 * usual way; this is for code that drives its own query runner (the jobs' dry run).
 */
export function holdMessages(runner: QueryRunner): HeldMessages {
  const mine: Held = new Map();
  held.set(runner, mine);
  const discard = () => {
    if (held.get(runner) === mine) held.delete(runner);
  };
  return {
    async committed() {
      discard();
      for (const [sender, rows] of mine) await sender.dispatchStoredCommitted(rows);
    },
    discard,
  };
}

/**
 * Runs `work` in a transaction of `db` and, once it has COMMITTED, hands every message it sent (Sender.send /
 * sendMany with the `em` it gets) to the queue; a rollback queues nothing. This is the one way to send
 * inside a transaction: a Sender refuses an EntityManager in a transaction that was not opened here (or held
 * with `holdMessages`). Called inside such a transaction (`db` an EntityManager already in one), it becomes a
 * savepoint and the outermost transaction queues the messages at its own commit.
 */
export async function sendingTransaction<T>(
  db: DataSource | EntityManager,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  let mine: HeldMessages | undefined;
  const result = await db.transaction(async (em) => {
    const runner = em.queryRunner;
    if (!runner || held.has(runner)) return work(em);
    const scope = holdMessages(runner);
    try {
      const out = await work(em);
      mine = scope;
      return out;
    } catch (err) {
      scope.discard();
      throw err;
    }
  });
  await mine?.committed();
  return result;
}

/**
 * What the rest of the app calls to send something.
 *
 * The transaction rule: pass the EntityManager of the transaction that makes the message true
 * (the visit row, the problem event …), opened with `sendingTransaction`. The outbox row commits or
 * rolls back with it; the BullMQ job is added only after COMMIT, so no message is ever sent for a
 * change that rolled back. Outside a transaction (a DataSource, or a manager with no open
 * transaction) the job is added at once. Each row is stamped as handed to the queue in its own INSERT,
 * so a send costs one statement and one add. If Redis is down at that moment the stamp is taken back
 * and `OutboxService.relayPending` (run by the workers) enqueues the row on its next pass; a process
 * killed between the commit and the add leaves the row stamped, and the relay rechecks it a few seconds
 * later (RECHECK_AFTER_MS).
 */
export class Sender {
  constructor(
    private readonly outbox: OutboxService,
    private readonly logger?: Logger,
  ) {}

  /** Sends `payload` once per `key` through `channel` to `target` (see the class comment for transactions). */
  async send(
    manager: EntityManager | DataSource,
    key: string,
    channel: Channel,
    target: string,
    payload: OutboundPayload,
  ): Promise<string> {
    const { id, toQueue } = await this.outbox.enqueueStamped(manager, { key, channel, target, payload });
    if (toQueue) await this.handOver(manager, [toQueue]);
    return id;
  }

  /**
   * Sends many messages (each once per key): one INSERT … SELECT FROM unnest(…) statement per
   * SEND_MANY_CHUNK rows (ON CONFLICT DO NOTHING RETURNING the new rows, stamped enqueued in the same
   * statement), each handed to the queue with one bulk add and no further query. Outside a transaction
   * every statement commits on its own, so a run that dies midway keeps what it stored and a re-run adds
   * only the rest; inside one, the rows are queued in one bulk add after its COMMIT. Returns how many
   * rows were created (keys already stored are skipped).
   */
  async sendMany(manager: EntityManager | DataSource, messages: EnqueueRequest[]): Promise<number> {
    let created = 0;
    for (let i = 0; i < messages.length; i += SEND_MANY_CHUNK) {
      const rows = await this.outbox.enqueueMany(manager, messages.slice(i, i + SEND_MANY_CHUNK));
      await this.handOver(manager, rows);
      created += rows.length;
    }
    return created;
  }

  /** Inside a transaction: hold the rows for its `sendingTransaction` to queue after COMMIT; otherwise queue now. */
  private async handOver(manager: EntityManager | DataSource, rows: StoredOutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    const scope = this.heldScope(manager);
    if (scope) scope.push(...rows);
    else await this.dispatchStoredCommitted(rows);
  }

  /**
   * Where rows written through `manager` wait for its transaction's COMMIT, or null when `manager` is
   * in no transaction (the rows are committed: queue them now). Throws for a transaction that was not
   * opened with `sendingTransaction` (or held with `holdMessages`).
   */
  private heldScope(manager: EntityManager | DataSource): StoredOutboxRow[] | null {
    const runner = 'queryRunner' in manager ? manager.queryRunner : undefined;
    if (!runner?.isTransactionActive) return null;
    const scope = held.get(runner);
    if (!scope) {
      throw new Error(
        'a message sent inside a transaction must be queued after its commit: open it with sendingTransaction',
      );
    }
    let mine = scope.get(this);
    if (!mine) scope.set(this, (mine = []));
    return mine;
  }

  /** Committed rows (stamped in their INSERT): one bulk add; a Redis failure must not fail the caller. */
  async dispatchStoredCommitted(rows: StoredOutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      await this.outbox.dispatchStored(rows);
    } catch (err) {
      this.logger?.warn(
        { ids: rows.map((r) => r.id), err: (err as Error).message },
        'outbox dispatch failed; the relay will enqueue',
      );
    }
  }
}
