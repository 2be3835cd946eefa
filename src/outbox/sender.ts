import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import type { Logger } from '../lib/logger';
import type { Channel, OutboundPayload } from './outbound-payload';
import type { OutboxService } from './outbox.service';

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
    const runner = 'queryRunner' in manager ? manager.queryRunner : undefined;
    if (runner?.isTransactionActive) {
      const ids = this.afterCommit.get(runner) ?? [];
      ids.push(id);
      this.afterCommit.set(runner, ids);
    } else {
      await this.dispatchQuietly([id]);
    }
    return id;
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
