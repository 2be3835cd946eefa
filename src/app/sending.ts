import type { Queue } from 'bullmq';
import { OutboxReplier } from '../bot/outbox.replier';
import { ChannelRouter } from '../outbox/channel-router';
import type { SendJobData } from '../outbox/outbound.queue';
import { OutboxRepository } from '../outbox/outbox.repository';
import { OutboxService } from '../outbox/outbox.service';
import { createSendProcessor } from '../outbox/send.processor';
import { Sender } from '../outbox/sender';
import { createDingtalkTokenCache } from '../platforms/dingtalk/dingtalk-token';
import { DingtalkRobotClient } from '../platforms/dingtalk/dingtalk-robot.client';
import { RobotRateLimiter } from '../platforms/rate-limiter';
import { WecomAppClient } from '../platforms/wecom/wecom-app.client';
import { createWecomTokenCache } from '../platforms/wecom/wecom-token';
import { WecomWebhookClient } from '../platforms/wecom/wecom-webhook.client';
import { Notifier } from '../services/notifier';
import { MediaRepository } from '../repositories/media.repository';
import { mediaUrlMaker } from '../media/media-url';
import type { Container } from './container';

/** The outbox, the platform clients and the outbound worker's processor, wired from the settings. */
export function buildSending(c: Container) {
  const { config, redis, clock } = c;
  const prefix = config.queuePrefix;
  const repo = new OutboxRepository(c.ds);
  const media = new MediaRepository(c.ds);
  const outbox = new OutboxService(repo, c.queues.outbound as Queue<SendJobData>, clock);
  const sender = new Sender(outbox, c.ds, c.logger);

  const wecomApp = config.wecom
    ? new WecomAppClient({
        apiBase: config.wecomApiBase,
        agentId: config.wecom.agentId,
        tokens: createWecomTokenCache(redis, {
          apiBase: config.wecomApiBase,
          prefix,
          clock,
          ...config.wecom,
        }),
      })
    : null;
  const dingtalk = new DingtalkRobotClient({
    apiBase: config.dingtalkApiBase,
    oapiBase: config.dingtalkOapiBase,
    appKey: config.dingtalk?.appKey ?? null,
    tokens: config.dingtalk
      ? createDingtalkTokenCache(redis, {
          apiBase: config.dingtalkApiBase,
          prefix,
          clock,
          ...config.dingtalk,
        })
      : null,
    clock,
  });
  const router = new ChannelRouter({
    wecomApiBase: config.wecomApiBase,
    wecomApp,
    wecomWebhook: new WecomWebhookClient({ apiBase: config.wecomApiBase }),
    dingtalk,
    findRobot: (id) => repo.findRobot(id),
    clock,
    findMedia: (id) => media.find(id),
    mediaUrl: mediaUrlMaker(config, clock),
    logger: c.logger,
  });
  const limiter = new RobotRateLimiter(redis, { prefix, clock });
  const processor = createSendProcessor({ repo, router, limiter, clock, logger: c.logger });

  return {
    sender,
    notifier: new Notifier(sender, { wecomApp: wecomApp !== null, dingtalk: config.dingtalk !== null }),
    replier: new OutboxReplier(c.ds, sender),
    processor,
    relay: () => outbox.relayPending(),
  };
}

/** What buildSending returns: the sender, notifier, replier, the outbound processor and the relay. */
export type Sending = ReturnType<typeof buildSending>;
