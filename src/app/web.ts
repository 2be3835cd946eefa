import type { Express } from 'express';
import { createHttpApp } from '../http/app';
import { visitsRoute } from '../http/api/visits.route';
import { problemsRoute } from '../http/api/problems.route';
import { outreachRoute } from '../http/api/outreach.route';
import { OnsiteSessionRepository } from '../repositories/onsite-session.repository';
import { PolicyRepository } from '../repositories/policy.repository';
import { ProblemRepository } from '../repositories/problem.repository';
import { complianceRoute } from '../http/api/compliance.route';
import { statsRoute } from '../http/api/stats.route';
import { ComplianceService } from '../services/compliance.service';
import { StatsService } from '../services/stats.service';
import { dateOf, monthOf } from '../lib/time';
import { createServer, type Server } from 'node:http';
import { fastReceivers, mountReceivers, RedisReplayGuard, type ReceiverDeps } from '../http/receivers';
import { RejectLog } from '../platforms/kit/reject-log';
import { IdentityService } from '../bot/identity.service';
import { accountsOf } from '../platforms/registry';
import { welcomeFor } from '../bot/welcome';
import { Router } from 'express';
import { VisitRepository } from '../repositories/visit.repository';
import type { Container } from './container';
import { buildConsole } from '../console/mount';
import { buildProblemWorkflow } from '../commands/problems/install';
import { buildSending } from './sending';
import { expectedSchedulersKey, missingSchedulers } from '../jobs/schedulers';
import { OutboxRepository } from '../outbox/outbox.repository';
import { mountMedia } from '../http/media.route';
import { MediaRepository } from '../repositories/media.repository';

/**
 * The HTTP server of a web process: the callback routes on plain node:http (verify, decrypt, one
 * grouped durable write, answer), everything else — and whatever the fast path leaves — in express.
 */
export function buildWebServer(c: Container): Server {
  const receivers = receiverDeps(c);
  const app = buildWebApp(c, receivers);
  const fast = fastReceivers(receivers, c.metrics);
  return createServer((req, res) => {
    if (!fast(req, res)) void app(req, res);
  });
}

/** What the receivers of both paths share (one reject log, one replay guard, one intake). */
function receiverDeps(c: Container): ReceiverDeps {
  return {
    config: c.config,
    clock: c.clock,
    logger: c.logger,
    replay: new RedisReplayGuard(c.redis, c.config.queuePrefix),
    rejects: new RejectLog(c.logger, c.clock, c.metrics.callbacksRejected),
    welcome: welcomeFor(new IdentityService(c.ds, accountsOf)),
    // Answered after the commit; the grouped enqueue follows (and the relay covers a failed one).
    intake: async (msg) => {
      await c.intake.commit(msg);
    },
  };
}

/** The express app: receivers (store + enqueue only), health, metrics and the JSON API. */
export function buildWebApp(c: Container, receivers: ReceiverDeps = receiverDeps(c)): Express {
  const outbox = new OutboxRepository(c.ds);
  const api = Router();
  api.use(visitsRoute(new VisitRepository(c.ds)));
  api.use(problemsRoute(c.ledger, new ProblemRepository(c.ds)));
  api.use(complianceRoute(new ComplianceService(c.ds), () => monthOf(c.clock.now())));
  api.use(statsRoute(new StatsService(c.ds), c.calendar, () => dateOf(c.clock.now())));
  // The console's actions go through chat's workflow, so they notify exactly as chat does.
  const sending = buildSending(c);
  const consoleParts = buildConsole(c, buildProblemWorkflow(c, sending), sending.notifier);
  api.use(consoleParts.api);
  api.use(outreachRoute(c.ds, new PolicyRepository(c.ds), new OnsiteSessionRepository()));
  return createHttpApp({
    apiGuard: consoleParts.apiGuard,
    mountConsole: consoleParts.mount,
    mountMedia: c.config.mediaUrlSecret
      ? (app) =>
          mountMedia(app, {
            media: new MediaRepository(c.ds),
            secret: c.config.mediaUrlSecret!,
            clock: c.clock,
          })
      : undefined,
    logger: c.logger,
    metrics: c.metrics,
    adminToken: c.config.adminToken,
    metricsToken: c.config.metricsToken,
    health: {
      dataSource: c.ds,
      redis: c.redis,
      warnings: () => c.calendarWarnings(),
      missingSchedulers: () => schedulersMissing(c),
      deadMessages: () => c.intake.countDead(),
      failedSends: async () => (await outbox.countFailed()).reduce((sum, r) => sum + r.n, 0),
    },
    api,
    mountReceivers: (app) => {
      const served = mountReceivers(app, receivers);
      c.logger.info({ platforms: served }, 'callback routes mounted');
    },
  });
}

/**
 * The schedulers Redis lost: checked against this process's own list when it runs the workers,
 * else against the list the workers noted in Redis (null when no worker has started yet).
 */
async function schedulersMissing(c: Container): Promise<string[] | null> {
  let expected = c.expectedSchedulers;
  if (!expected) {
    const noted = await c.redis.get(expectedSchedulersKey(c.config.queuePrefix));
    if (!noted) return null;
    expected = JSON.parse(noted) as string[];
  }
  return missingSchedulers(c.queues.scheduled, expected);
}
