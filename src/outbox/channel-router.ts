import { PermanentError } from '../lib/errors';
import { type Clock, systemClock } from '../lib/clock';
import type { SendPlan } from '../platforms/adapter';
import type { Platforms } from '../platforms/registry';
import { type OutboundPayload, parsePayload } from './outbound-payload';
import type { OutboxRow } from './outbox.repository';

export type { SendPlan } from '../platforms/adapter';

/** Turns a row (channel, target, neutral payload) into platform calls: the adapter owning the channel plans it. */
export class ChannelRouter {
  constructor(
    private readonly platforms: Pick<Platforms, 'forChannel'>,
    private readonly clock: Clock = systemClock,
  ) {}

  /** The plan for a row; throws PermanentError when it can never be sent (bad payload, no robot). */
  async plan(row: OutboxRow): Promise<SendPlan> {
    let payload: OutboundPayload;
    try {
      payload = parsePayload(row.payload);
    } catch (err) {
      throw new PermanentError('outbox_bad_payload', `row ${row.id}: ${(err as Error).message}`);
    }
    const adapter = this.platforms.forChannel(row.channel);
    if (!adapter) {
      throw new PermanentError('outbox_bad_channel', `row ${row.id}: unknown channel ${String(row.channel)}`);
    }
    return adapter.plan(row, payload, { clock: this.clock, replan: (other) => this.plan(other) });
  }
}
