import type { DataSource } from 'typeorm';
import type { FollowUpRules, TierThresholds } from '../../config';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { CalendarSource } from '../../services/calendar.service';
import type { Notifier } from '../../services/notifier';

/** What every scheduled job handler needs; the period's "now" is the `at` each run is given. */
export interface JobDeps {
  ds: DataSource;
  calendar: CalendarSource;
  notifier: Notifier;
  tiers: TierThresholds;
  /** Rating reminders, 逾期未评价 and ranking floors; DEFAULT_FOLLOW_UP when absent. */
  followUp?: FollowUpRules;
  /** Only for the job_run bookkeeping (started/finished); the work itself is "as of" `at`. */
  clock: Clock;
  logger?: Logger;
  /** Where the console is reached (PUBLIC_BASE_URL): digests link to it; none without. */
  publicBaseUrl?: string | null;
}
