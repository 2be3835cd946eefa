import type { PolicyService } from '../../services/outreach/policy.service';
import type { SessionService } from '../../services/outreach/session.service';
import type { ScheduledJobHandler, ScheduledJobName } from '../catalogue';
import { contactRemindersJob } from './contact-reminders.job';
import { digestDailyJob } from './digest-daily.job';
import { digestWeeklyJob } from './digest-weekly.job';
import type { JobDeps } from './job-deps';
import { messageRetentionJob } from './message-retention.job';
import { monthlyReportJob } from './monthly-report.job';
import { policyPushJob } from './policy-push.job';
import { problemChasingJob } from './problem-chasing.job';
import { sessionRemindersJob } from './session-reminders.job';

/** What a few jobs need beyond JobDeps: a setting, or a service with its own DataSource. */
export interface JobExtras {
  retentionDays: number;
  policies: PolicyService;
  sessions: SessionService;
}

/**
 * A job's handler maker. `guarded`: run behind the probe (`job-guard.ts`) that fails a job reaching
 * nobody, and offered to `npm run job -- NAME --dry-run`; a job whose service writes through its own
 * DataSource cannot be probed in the rolled-back transaction, so it runs unguarded.
 */
export interface JobEntry {
  make: (deps: JobDeps, extras: JobExtras) => ScheduledJobHandler;
  guarded: boolean;
}

/**
 * Every scheduled job of the catalogue, one line each. The type makes a catalogue name without a
 * handler fail to compile; a new job is its handler file, its catalogue entry and a line here.
 */
export const JOBS: Record<ScheduledJobName, JobEntry> = {
  'contact-reminders': { make: contactRemindersJob, guarded: true },
  'problem-chasing': { make: problemChasingJob, guarded: true },
  'digest-daily': { make: digestDailyJob, guarded: true },
  'digest-weekly': { make: digestWeeklyJob, guarded: true },
  'monthly-report': { make: monthlyReportJob, guarded: true },
  'message-retention': { make: (d, x) => messageRetentionJob(d, x.retentionDays), guarded: true },
  'policy-push': { make: (d, x) => policyPushJob(d, x.policies), guarded: false },
  'session-reminders': { make: (d, x) => sessionRemindersJob(d, x.sessions), guarded: false },
};
