import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import type { Logger } from '../lib/logger';
import type { Channel, OutboundPayload } from './outbound-payload';
import type { EnqueueRequest, OutboxService } from './outbox.service';

/** Rows per INSERT statement (and per bulk queue add) in Sender.sendMany. */
export const SEND_MANY_CHUNK = 500;

/**
 * What the rest of the app calls to send something.
 *
 * The transaction rule: pass the EntityManager of the transaction that makes the message true
 * (the visit row, the problem event …). The outbox row commits or rolls back with it; the BullMQ
 * job is added only after COMMIT (a TypeORM afterTransactionCommit hook), so no message is ever
 * sent for a change that rolled back. Outside a transaction (a DataSource, or a manager with no
 * open transaction) the job is added at once. If Redis is down at that moment the row stays
 * pending and `OutboxService.relayPending` (run by the workers) enqueues it later.
 */
export class Sender {
  /** Row ids written inside a still-open transaction, keyed by its query runner. */
  private readonly afterCommit = new WeakMap<QueryRunner, string[]>();

  constructor(
    private readonly outbox: OutboxService,
    dataSource: DataSource,
    private readonly logger?: Logger,
  ) {
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: ({ queryRunner }) => this.committed(queryRunner),
      afterTransactionRollback: ({ queryRunner }) => {
        if (!queryRunner.isTransactionActive) this.afterCommit.delete(queryRunner);
      },
    };
    // TypeORM reads the subscriber list at each event, so adding one at start-up is enough.
    dataSource.subscribers.push(subscriber);
  }

  /** Sends `payload` once per `key` through `channel` to `target` (see the class comment for transactions). */
  async send(
    manager: EntityManager | DataSource,
    key: string,
    channel: Channel,
    target: string,
    payload: OutboundPayload,
  ): Promise<string> {
    const id = await this.outbox.enqueue(manager, { key, channel, target, payload });
    await this.handOver(manager, [id]);
    return id;
  }

  /**
   * Sends many messages (each once per key), written SEND_MANY_CHUNK rows per INSERT statement, each
   * chunk handed to the queue with one bulk add. Outside a transaction every chunk commits on its
   * own, so a run that dies midway keeps what it stored and a re-run adds only the rest. Returns how
   * many rows were created (keys already stored are skipped).
   */
  async sendMany(manager: EntityManager | DataSource, messages: EnqueueRequest[]): Promise<number> {
    let created = 0;
    for (let i = 0; i < messages.length; i += SEND_MANY_CHUNK) {
      const ids = await this.outbox.enqueueMany(manager, messages.slice(i, i + SEND_MANY_CHUNK));
      await this.handOver(manager, ids);
      created += ids.length;
    }
    return created;
  }

  /** Inside a transaction: remember the rows for after COMMIT; otherwise enqueue them now. */
  private async handOver(manager: EntityManager | DataSource, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const runner = 'queryRunner' in manager ? manager.queryRunner : undefined;
    if (runner?.isTransactionActive) {
      const pending = this.afterCommit.get(runner) ?? [];
      pending.push(...ids);
      this.afterCommit.set(runner, pending);
    } else {
      await this.dispatchQuietly(ids);
    }
  }

  private async committed(runner: QueryRunner): Promise<void> {
    // A released savepoint is not the commit: wait for the outermost transaction.
    if (runner.isTransactionActive) return;
    const ids = this.afterCommit.get(runner);
    this.afterCommit.delete(runner);
    if (ids?.length) await this.dispatchQuietly(ids);
  }

  /** The rows are committed: a Redis failure here must not fail the caller; the relay catches up. */
  private async dispatchQuietly(ids: string[]): Promise<void> {
    try {
      await this.outbox.dispatch(ids);
    } catch (err) {
      this.logger?.warn(
        { ids, err: (err as Error).message },
        'outbox dispatch failed; the relay will enqueue',
      );
    }
  }
}
