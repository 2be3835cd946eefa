/**
 * One contact-reminders run in a process of its own, for bench/reminders.bench.ts: `tsx
 * bench/servers/run-reminders.ts <side> <database url>` empties the outbox and job_run, runs the side
 * once at the bench's instant and prints one JSON line: wall time (ms), peak RSS and what it stored.
 * Sides: set-based (the job), row-by-row (the old job), scan (the job's one scan statement alone),
 * bare (one SQL aggregate computing the same short pairs per cadre and totals per district). The queue only counts (no Redis):
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
  } else if (side === 'bare') stored = await bareAggregate(ds);
  else throw new Error(`unknown side ${side}`);
  const ms = performance.now() - t0;
  clearInterval(timer);
  console.log(JSON.stringify({ ms, peak: Math.max(peak, process.memoryUsage.rss()), stored }));
  await ds.destroy();
}

/**
 * The floor: the same answer (short pairs per cadre with their firms, pairs and met per district) by
 * the plainest SQL over the same rows — latest open pairing per firm, distinct contact days of its
 * November holders — returned as rows, with no messages built or written. Returns the cadre count.
 */
async function bareAggregate(ds: ReturnType<typeof createDataSource>): Promise<number> {
  const rows: { n: number }[] = await ds.query(
    `WITH holder AS (
       SELECT DISTINCT ON (enterprise_id) enterprise_id, cadre_id, ended_at FROM pairing
       WHERE started_at < '2026-12-01T00:00:00+08' AND (ended_at IS NULL OR ended_at > '2026-11-01T00:00:00+08')
         AND started_at <= $1
       ORDER BY enterprise_id, started_at DESC, id DESC
     ),
     k AS (
       SELECT v.enterprise_id, count(DISTINCT v.visited_on) AS n FROM visit v
       JOIN (SELECT DISTINCT enterprise_id, cadre_id FROM pairing
             WHERE started_at < '2026-12-01T00:00:00+08' AND (ended_at IS NULL OR ended_at > '2026-11-01T00:00:00+08')
               AND started_at <= $1) h USING (enterprise_id, cadre_id)
       WHERE v.visited_on >= '2026-11-01' AND v.visited_on < '2026-12-01' GROUP BY v.enterprise_id
     ),
     p AS (
       SELECT h.cadre_id, e.district_id, e.name, coalesce(k.n, 0) AS n FROM holder h
       JOIN enterprise e ON e.id = h.enterprise_id LEFT JOIN k USING (enterprise_id)
       WHERE h.ended_at IS NULL OR h.ended_at > $1
     )
     SELECT cadre_id::text AS id, count(*)::int AS n, array_agg(name) AS firms FROM p WHERE n < 2 GROUP BY cadre_id
     UNION ALL
     SELECT district_id::text, count(*)::int, ARRAY[count(*) FILTER (WHERE n >= 2)::text] FROM p GROUP BY district_id`,
    [REMINDERS_AT],
  );
  return rows.length;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
