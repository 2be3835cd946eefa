import { contactRemindersJob } from '../jobs/handlers/contact-reminders.job';
import { digestDailyJob } from '../jobs/handlers/digest-daily.job';
import { digestWeeklyJob } from '../jobs/handlers/digest-weekly.job';
import type { JobDeps } from '../jobs/handlers/job-deps';
import { monthlyReportJob } from '../jobs/handlers/monthly-report.job';
import { policyPushJob } from '../jobs/handlers/policy-push.job';
import { problemChasingJob } from '../jobs/handlers/problem-chasing.job';
import { sessionRemindersJob } from '../jobs/handlers/session-reminders.job';
import { buildOutreach } from '../commands/outreach/install';
import { buildProblemWorkflow } from '../commands/problems/install';
import { ScheduledJobRegistry } from '../jobs/scheduled.registry';
import type { Container } from './container';
import type { Sending } from './sending';

/** The handlers of the contract's scheduled jobs available in this build. */
export function buildScheduledJobs(c: Container, sending: Sending): ScheduledJobRegistry {
  const deps: JobDeps = {
    ds: c.ds,
    calendar: c.calendar,
    notifier: sending.notifier,
    tiers: c.config.tiers,
    clock: c.clock,
    logger: c.logger,
  };
  const outreach = buildOutreach(c, sending, buildProblemWorkflow(c, sending));
  return new ScheduledJobRegistry()
    .register('contact-reminders', contactRemindersJob(deps))
    .register('problem-chasing', problemChasingJob(deps))
    .register('digest-daily', digestDailyJob(deps))
    .register('digest-weekly', digestWeeklyJob(deps))
    .register('monthly-report', monthlyReportJob(deps))
    .register('policy-push', policyPushJob(deps, outreach.policies))
    .register('session-reminders', sessionRemindersJob(deps, outreach.sessions));
}
