import { dateOf, inZone } from '../../lib/time';
import type { PolicyService } from '../../services/outreach/policy.service';
import type { ScheduledJobHandler } from '../catalogue';
import type { JobDeps } from './job-deps';
import { keyPrefix, runPeriod } from './job-run';

const JOB = 'policy-push';

/**
 * 送政策: on working days, every queued policy delivery goes out, merged per firm. The period is the
 * minute of `at`, so a run by hand after the scheduled one pushes what was published in between;
 * the deliveries' own status keeps every firm from getting a policy twice.
 */
export function policyPushJob(deps: JobDeps, policies: PolicyService): ScheduledJobHandler {
  return async (at) => {
    const today = dateOf(at);
    const period = `${today}T${inZone(at).format('HHmm')}`;
    if (!deps.calendar.current().isWorkday(today)) return { sent: 0, period, note: 'not a working day' };
    return runPeriod(deps, JOB, period, async () => {
      const firms = await policies.push(at, keyPrefix(JOB, period));
      return `${firms} firms`;
    });
  };
}
