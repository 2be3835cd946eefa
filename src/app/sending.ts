import type { Queue } from 'bullmq';
import { OutboxReplier } from '../bot/outbox.replier';
import { ChannelRouter } from '../outbox/channel-router';
import type { SendJobData } from '../outbox/outbound.queue';
import { OutboxRepository } from '../outbox/outbox.repository';
import { OutboxService } from '../outbox/outbox.service';
import { createSendProcessor } from '../outbox/send.processor';
import { Sender } from '../outbox/sender';
import { RobotRateLimiter } from '../platforms/kit/rate-limiter';
import { Notifier } from '../services/notifier';
import { MediaRepository } from '../repositories/media.repository';
import { mediaUrlMaker } from '../media/media-url';
import type { Container } from './container';

/** The outbox, the platform adapters' senders and the outbound worker's processor, wired from the settings. */
export function buildSending(c: Container) {
  const { config, redis, clock, platforms } = c;
  const prefix = config.queuePrefix;
  const repo = new OutboxRepository(c.ds);
  const media = new MediaRepository(c.ds);
  const outbox = new OutboxService(repo, c.queues.outbound as Queue<SendJobData>, clock);
  const sender = new Sender(outbox, c.logger);
  const router = new ChannelRouter(platforms, clock, {
    find: (id) => media.find(id),
    url: mediaUrlMaker(config, clock) ?? (() => null),
    logger: c.logger,
  });
  const limiter = new RobotRateLimiter(redis, { prefix, clock });
  const processor = createSendProcessor({ repo, router, limiter, clock, logger: c.logger });

  return {
    sender,
    notifier: new Notifier(sender, platforms),
    replier: new OutboxReplier(c.ds, sender, platforms),
    processor,
    /** The outbox relay's pass; `afterRedisLoss` checks every pending row at once (see relayAllPending). */
    relay: (afterRedisLoss = false) => (afterRedisLoss ? outbox.relayAllPending() : outbox.relayPending()),
  };
}

/** What buildSending returns: the sender, notifier, replier, the outbound processor and the relay. */
export type Sending = ReturnType<typeof buildSending>;
