import { dateOf } from '../../lib/time';
import type { SessionService } from '../../services/outreach/session.service';
import type { ScheduledJobHandler } from '../catalogue';
import type { JobDeps } from './job-deps';
import { keyPrefix, runPeriod } from './job-run';

const JOB = 'session-reminders';

/** 现场办公: the day before a session, remind the firm, the invited units and the presiding leader. */
export function sessionRemindersJob(deps: JobDeps, sessions: SessionService): ScheduledJobHandler {
  return async (at) => {
    const period = dateOf(at);
    return runPeriod(deps, JOB, period, async () => {
      const n = await sessions.remind(at, keyPrefix(JOB, period));
      return `${n} sessions`;
    });
  };
}
