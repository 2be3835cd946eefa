import { contactRemindersJob } from '../jobs/handlers/contact-reminders.job';
import { digestDailyJob } from '../jobs/handlers/digest-daily.job';
import { digestWeeklyJob } from '../jobs/handlers/digest-weekly.job';
import type { JobDeps } from '../jobs/handlers/job-deps';
import { messageRetentionJob } from '../jobs/handlers/message-retention.job';
import { monthlyReportJob } from '../jobs/handlers/monthly-report.job';
import { problemChasingJob } from '../jobs/handlers/problem-chasing.job';
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
    followUp: c.config.followUp,
    clock: c.clock,
    logger: c.logger,
  };
  return new ScheduledJobRegistry()
    .register('contact-reminders', contactRemindersJob(deps))
    .register('problem-chasing', problemChasingJob(deps))
    .register('digest-daily', digestDailyJob(deps))
    .register('digest-weekly', digestWeeklyJob(deps))
    .register('monthly-report', monthlyReportJob(deps))
    .register('message-retention', messageRetentionJob(deps, c.config.retentionDays));
}
