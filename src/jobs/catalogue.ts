/** The scheduled jobs of the contract: name, default cron (Asia/Shanghai) and what it does. */
export const SCHEDULED_JOBS = {
  'contact-reminders': {
    // 09:00 every day from the 15th: the job nudges on the first working day on or after the 15th
    // (the 15th may be a holiday, e.g. Spring Festival) and on every working day from the 25th.
    pattern: '0 9 15-31 * *',
    description: '一月两见: nudge cadres whose pairs are short this month; district summaries',
  },
  'problem-chasing': {
    pattern: '30 9 * * *',
    description: 'near-deadline reminders, 催办 when overdue, 督办 when red',
  },
  'digest-daily': { pattern: '30 8 * * *', description: "leaders' daily digest" },
  'digest-weekly': { pattern: '30 8 * * 1', description: "leaders' weekly digest with 三率 and rankings" },
  'monthly-report': {
    // Every day 1st–10th at 09:00 (the National Day holiday pushes October's first working day to
    // the 8th); the job runs only on the first working day of the month.
    pattern: '0 9 1-10 * *',
    description: '通报 of last month: missed 一月两见, red problems, 红黑榜',
  },
  'message-retention': {
    // Night-time, off the platforms' busy hours: handled inbound and settled outbound rows go
    // after MESSAGE_RETENTION_DAYS (default 90).
    pattern: '30 3 * * *',
    description: 'deletes inbound/outbound message rows older than the retention, in batches',
  },
  'policy-push': {
    // Once a working day, so the policies published that day reach each firm's group as one message.
    pattern: '0 15 * * *',
    description: '送政策: the policies published since the last push, merged into one message per firm',
  },
  'session-reminders': {
    pattern: '0 16 * * *',
    description: '现场办公: remind the firm, the invited units and the presiding leader the day before',
  },
} as const;

export type ScheduledJobName = keyof typeof SCHEDULED_JOBS;

export const SCHEDULE_TZ = 'Asia/Shanghai';

export function isScheduledJobName(name: string): name is ScheduledJobName {
  return Object.prototype.hasOwnProperty.call(SCHEDULED_JOBS, name);
}

/** What a scheduled job gets: the instant it runs "as of" (cron fire time, or --at). */
export interface ScheduledJobData {
  at: string;
}

/** A job handler: does its work for the period containing `at`; idempotent per period. */
export type ScheduledJobHandler = (at: Date) => Promise<{ sent: number; period: string; note?: string }>;
