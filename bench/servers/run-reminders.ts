/**
 * One contact-reminders run in a process of its own, for bench/reminders.bench.ts: `tsx
 * bench/servers/run-reminders.ts <side> <database url>` empties the outbox and job_run, runs the side
 * once at the bench's instant and prints one JSON line: wall time (ms), peak RSS and what it stored.
 * Sides: set-based (the job), row-by-row (the old job), scan (the job's one scan statement alone),
 * bare (bench/baselines/reminder-scan-bare.ts: the scan's answer by the plainest SQL); `check` (untimed)
 * prints whether bare and scan agree on every row, list and order. The queue only counts (no Redis):
 * the sides' database and CPU work is what is compared.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { Queue } from 'bullmq';
import { createDataSource } from '../../ormconfig';
import { contactRemindersJob, reminderScan } from '../../src/jobs/handlers/contact-reminders.job';
import type { JobDeps } from '../../src/jobs/handlers/job-deps';
import { FixedClock } from '../../src/lib/clock';
import type { SendJobData } from '../../src/outbox/outbound.queue';
import { OutboxRepository } from '../../src/outbox/outbox.repository';
import { OutboxService } from '../../src/outbox/outbox.service';
import { Sender } from '../../src/outbox/sender';
import { officialCalendar } from '../../src/services/calendar-official';
import { Notifier } from '../../src/services/notifier';
import { notifierPlatforms } from '../../test/support/platforms';
import { contactRemindersRowByRow } from '../baselines/contact-reminders-row-by-row';
import { bareReminderScan, sameAnswer } from '../baselines/reminder-scan-bare';

export const REMINDERS_AT = new Date('2026-11-25T01:00:00Z');

async function main(): Promise<void> {
  const [side, url] = process.argv.slice(2);
  const ds = createDataSource(url, { extra: { max: 4 } });
  await ds.initialize();
  await ds.query(`DELETE FROM job_run; DELETE FROM outbound_message`);
  await ds.query(`VACUUM outbound_message`);
  const queue = { addBulk: async () => [] } as unknown as Queue<SendJobData>;
  const sender = new Sender(new OutboxService(new OutboxRepository(ds), queue));
  const calendar = officialCalendar();
  const deps: JobDeps = {
    ds,
    calendar: { current: () => calendar },
    notifier: new Notifier(sender, notifierPlatforms({ wecomApp: true, dingtalk: false })),
    tiers: { blueWithinDays: 1, redOverdueDays: 3, redRedoCount: 2 },
    clock: new FixedClock(REMINDERS_AT),
  };
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const t0 = performance.now();
  let stored: number;
  if (side === 'set-based') stored = (await contactRemindersJob(deps)(REMINDERS_AT)).sent;
  else if (side === 'row-by-row') stored = (await contactRemindersRowByRow(deps)(REMINDERS_AT)).sent;
  else if (side === 'scan') {
    const { cadres, scopes } = await reminderScan(ds, REMINDERS_AT, 'late');
    stored = cadres.length + scopes.length;
  } else if (side === 'bare') {
    const { cadres, scopes } = await bareReminderScan(ds, REMINDERS_AT, 'late');
    stored = cadres.length + scopes.length;
  } else if (side === 'check') {
    // Not timed: whether the bare aggregate gives the scan's answer (every row, list and order), both kinds.
    const diffs: string[] = [];
    for (const kind of ['late', 'mid'] as const) {
      const d = sameAnswer(
        await reminderScan(ds, REMINDERS_AT, kind),
        await bareReminderScan(ds, REMINDERS_AT, kind),
      );
      if (d) diffs.push(`${kind}${d}`);
    }
    clearInterval(timer);
    console.log(JSON.stringify({ ms: 0, peak: 0, stored: 0, diff: diffs.join('; ') || null }));
    await ds.destroy();
    return;
  } else throw new Error(`unknown side ${side}`);
  const ms = performance.now() - t0;
  clearInterval(timer);
  console.log(JSON.stringify({ ms, peak: Math.max(peak, process.memoryUsage.rss()), stored }));
  await ds.destroy();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
