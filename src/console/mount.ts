import { type Express, type RequestHandler, Router } from 'express';
import type { Redis } from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import type { Config } from '../config';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { CalendarService } from '../services/calendar.service';
import { platformModules } from '../platforms/registry';
import { ProblemRepository } from '../repositories/problem.repository';
import { ComplianceService } from '../services/compliance.service';
import type { ProblemWorkflowService } from '../services/problem-workflow.service';
import { StatsService } from '../services/stats.service';
import { RosterImportService, type RosterChanges } from '../roster/roster-import.service';
import { sendRosterNotices } from '../roster/roster-notices';
import { RosterPersonService } from '../roster/roster-person.service';
import type { Notifier } from '../services/notifier';
import { consoleApiRoutes } from './console-api.routes';
import { rosterRoutes } from './roster.routes';
import { outreachRoutes, policyFileRoute } from './outreach.routes';
import { PolicyFileRepository } from '../repositories/policy-file.repository';
import { buildOutreach } from '../commands/outreach/install';
import { ConsoleRepository } from './console.repository';
import { loginRoutes } from './login.routes';
import { SessionStore } from './session.store';
import { mountConsolePages } from './static';
import { viewerGuard } from './viewer.guard';

/** The web console's three pieces for the HTTP app: the /api guard, its API routes, its pages. */
export interface ConsoleParts {
  apiGuard: RequestHandler;
  api: Router;
  mount: (app: Express) => void;
}

/** What the console is built from (app's Container fits it as it is). */
export interface ConsoleKit {
  config: Config;
  redis: Redis;
  clock: Clock;
  logger: Logger;
  ds: DataSource;
  calendar: CalendarService;
}

/** Builds the console from the container and the workflow chat uses (so actions notify the same way). */
export function buildConsole(
  c: ConsoleKit,
  workflow: ProblemWorkflowService,
  notifier: Notifier,
): ConsoleParts {
  const { config, redis, clock } = c;
  const prefix = config.queuePrefix;
  const sessions = new SessionStore(redis, prefix, config.console.sessionIdleMinutes * 60);
  const repo = new ConsoleRepository(c.ds, config.tiers);
  const api = consoleApiRoutes({
    ds: c.ds,
    repo,
    problems: new ProblemRepository(c.ds),
    workflow,
    compliance: new ComplianceService(c.ds),
    stats: new StatsService(c.ds),
    calendar: c.calendar,
    clock,
    notifier,
  });
  const notices = async (m: EntityManager, changes: RosterChanges) => {
    await sendRosterNotices(m, notifier, changes);
  };
  const imports = new RosterImportService(c.ds, clock);
  const roster = rosterRoutes({
    imports,
    people: new RosterPersonService(c.ds, clock, notices),
    redis,
    prefix,
    apply: (raw) => imports.importRaw(raw, { afterWrite: notices }),
  });
  const files = new PolicyFileRepository(c.ds);
  const outreach = outreachRoutes({
    sessions: buildOutreach(c, { notifier }, workflow).sessions,
    files,
    clock,
  });
  const login = loginRoutes({
    sessions,
    repo,
    clock,
    logger: c.logger,
    adminToken: config.adminToken,
    demoLogin: config.console.demoLogin,
    config,
    redis,
    platforms: platformModules(),
  });
  return {
    apiGuard: viewerGuard({ adminToken: config.adminToken, sessions, repo }),
    api: Router().use(api, roster, outreach),
    mount: (app) => {
      app.use('/console/auth', login);
      app.use(policyFileRoute(files, clock));
      mountConsolePages(app);
    },
  };
}
