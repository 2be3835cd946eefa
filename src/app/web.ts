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
import { mountReceivers } from '../http/receivers';
import { Router } from 'express';
import { VisitRepository } from '../repositories/visit.repository';
import type { Container } from './container';

/** The HTTP side: receivers (store + enqueue only), health, metrics and the JSON API. */
export function buildWebApp(c: Container): Express {
  const api = Router();
  api.use(visitsRoute(new VisitRepository(c.ds)));
  api.use(problemsRoute(c.ledger, new ProblemRepository(c.ds)));
  api.use(complianceRoute(new ComplianceService(c.ds), () => monthOf(c.clock.now())));
  api.use(statsRoute(new StatsService(c.ds), c.calendar, () => dateOf(c.clock.now())));
  api.use(outreachRoute(c.ds, new PolicyRepository(c.ds), new OnsiteSessionRepository()));
  return createHttpApp({
    logger: c.logger,
    metrics: c.metrics,
    adminToken: c.config.adminToken,
    health: { dataSource: c.ds, redis: c.redis, warnings: () => c.calendarWarnings() },
    api,
    mountReceivers: (app) => {
      const served = mountReceivers(app, {
        config: c.config,
        clock: c.clock,
        logger: c.logger,
        intake: async (msg) => {
          await c.intake.accept(msg);
        },
      });
      c.logger.info({ platforms: served }, 'callback routes mounted');
    },
  });
}
