import type { ScheduledJobHandler, ScheduledJobName } from '../jobs/catalogue';
import { JOBS, type JobExtras } from '../jobs/handlers';
import type { JobDeps } from '../jobs/handlers/job-deps';
import { guardedJob } from '../jobs/job-guard';
import { buildOutreach } from '../commands/outreach/install';
import { buildProblemWorkflow } from '../commands/problems/install';
import { ScheduledJobRegistry } from '../jobs/scheduled.registry';
import type { Container } from './container';
import type { Sending } from './sending';

/** What every job handler is built with, from the container and the sending side. */
export function jobDeps(c: Container, sending: Sending): JobDeps {
  return {
    ds: c.ds,
    calendar: c.calendar,
    notifier: sending.notifier,
    tiers: c.config.tiers,
    followUp: c.config.followUp,
    clock: c.clock,
    logger: c.logger,
  };
}

function jobExtras(c: Container, sending: Sending): JobExtras {
  const outreach = buildOutreach(c, sending, buildProblemWorkflow(c, sending));
  return { retentionDays: c.config.retentionDays, ...outreach };
}

/** The maker `npm run job -- NAME --dry-run` plans with; undefined for a job that runs unguarded. */
export function dryRunMaker(
  name: ScheduledJobName,
  c: Container,
  sending: Sending,
): ((deps: JobDeps) => ScheduledJobHandler) | undefined {
  const entry = JOBS[name];
  if (!entry.guarded) return undefined;
  const extras = jobExtras(c, sending);
  return (deps) => entry.make(deps, extras);
}

/** The scheduled jobs (`jobs/handlers/index.ts`), guarded where they can be: a job that reaches nobody fails. */
export function buildScheduledJobs(c: Container, sending: Sending): ScheduledJobRegistry {
  const deps = jobDeps(c, sending);
  const extras = jobExtras(c, sending);
  const registry = new ScheduledJobRegistry();
  for (const [name, entry] of Object.entries(JOBS) as [ScheduledJobName, (typeof JOBS)[ScheduledJobName]][]) {
    const make = (d: JobDeps) => entry.make(d, extras);
    registry.register(name, entry.guarded ? guardedJob(name, make, deps) : make(deps));
  }
  return registry;
}
