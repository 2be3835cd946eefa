import type { ScheduledJobHandler, ScheduledJobName } from '../jobs/catalogue';
import { contactRemindersJob } from '../jobs/handlers/contact-reminders.job';
import { digestDailyJob } from '../jobs/handlers/digest-daily.job';
import { digestWeeklyJob } from '../jobs/handlers/digest-weekly.job';
import type { JobDeps } from '../jobs/handlers/job-deps';
import { messageRetentionJob } from '../jobs/handlers/message-retention.job';
import { monthlyReportJob } from '../jobs/handlers/monthly-report.job';
import { policyPushJob } from '../jobs/handlers/policy-push.job';
import { problemChasingJob } from '../jobs/handlers/problem-chasing.job';
import { guardedJob } from '../jobs/job-guard';
import { sessionRemindersJob } from '../jobs/handlers/session-reminders.job';
import { buildOutreach } from '../commands/outreach/install';
import { buildProblemWorkflow } from '../commands/problems/install';
import { ScheduledJobRegistry } from '../jobs/scheduled.registry';
import type { Container } from './container';
import type { Sending } from './sending';

/** The handlers of the contract's scheduled jobs available in this build, unguarded (see guardedJob). */
export const JOB_MAKERS: Partial<Record<ScheduledJobName, (deps: JobDeps) => ScheduledJobHandler>> = {
  'contact-reminders': contactRemindersJob,
  'problem-chasing': problemChasingJob,
  'digest-daily': digestDailyJob,
  'digest-weekly': digestWeeklyJob,
  'monthly-report': monthlyReportJob,
};

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
    publicBaseUrl: c.config.publicBaseUrl,
  };
}

/** The scheduled jobs, each guarded: a job that reaches nobody fails and leaves its period open. */
export function buildScheduledJobs(c: Container, sending: Sending): ScheduledJobRegistry {
  const deps = jobDeps(c, sending);
  const registry = new ScheduledJobRegistry();
  for (const [name, make] of Object.entries(JOB_MAKERS) as [ScheduledJobName, typeof contactRemindersJob][]) {
    registry.register(name, guardedJob(name, make, deps));
  }
  const retention = (d: JobDeps) => messageRetentionJob(d, c.config.retentionDays);
  registry.register('message-retention', guardedJob('message-retention', retention, deps));
  const outreach = buildOutreach(c, sending, buildProblemWorkflow(c, sending));
  // Unguarded: their services write through their own DataSource, so the guard's rolled-back probe
  // cannot contain them (and `--dry-run` is not offered for them).
  return registry
    .register('policy-push', policyPushJob(deps, outreach.policies))
    .register('session-reminders', sessionRemindersJob(deps, outreach.sessions));
}
