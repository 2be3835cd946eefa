/**
 * Supervision at campaign scale: 10,000 cadres, 50,000 pairs, 1.2 million visits (12 months) and 20,000
 * problems, generated with generate_series in a throwaway database and grown in steps (10 % → 100 %).
 * At each step it times, in the same run on the same data: the 一月两见 reminder scan and the digest
 * queries (as the jobs run them) against the bare SQL aggregate over the same rows, and the two jobs
 * end to end (outbox rows written; the BullMQ queue is stubbed). Queries report the median of three
 * runs, jobs their one run. Prints time, peak RSS and the ratio.
 */
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { contactRemindersJob } from '../src/jobs/handlers/contact-reminders.job';
import { digestDailyJob } from '../src/jobs/handlers/digest-daily.job';
import type { JobDeps } from '../src/jobs/handlers/job-deps';
import { tieredProblems } from '../src/services/tiered-problems';
import { FixedClock } from '../src/lib/clock';
import { OutboxRepository } from '../src/outbox/outbox.repository';
import { OutboxService } from '../src/outbox/outbox.service';
import type { SendJobData } from '../src/outbox/outbound.queue';
import { Sender } from '../src/outbox/sender';
import { officialCalendar } from '../src/services/calendar-official';
import { ComplianceService } from '../src/services/compliance.service';
import { Notifier } from '../src/services/notifier';
import { StatsService } from '../src/services/stats.service';
import { mb, measure, withThrowawayDatabase } from './bench-kit';
import { notifierPlatforms } from '../test/support/platforms';

const CADRES = 10_000;
const PAIRS = 50_000;
const VISITS_PER_PAIR = 24; // 1.2 million
const PROBLEMS = 20_000;
const DISTRICTS = 22;
const UNITS = 40;
const STEPS = [0.1, 0.25, 0.5, 1];
/** The run instant: Wednesday 2026-11-25 09:00 in Beijing, a late-month reminder day. */
const AT = new Date('2026-11-25T01:00:00Z');

const ms = (t: number) => `${t.toFixed(0)} ms`;

/** Units, and the leaders who get digests (one per district and one for the city). */
export async function generateFixed(ds: DataSource): Promise<void> {
  await ds.query(
    `INSERT INTO org_unit (id, name, kind) VALUES (md5('city')::uuid, '亲商助企办', 'department')`,
  );
  await ds.query(
    `INSERT INTO org_unit (id, name, kind)
     SELECT md5('district' || k)::uuid, '区县' || k, 'district' FROM generate_series(0, $1 - 1) k`,
    [DISTRICTS],
  );
  await ds.query(
    `INSERT INTO org_unit (id, name, kind, parent_id)
     SELECT md5('unit' || k)::uuid, '办理单位' || k, 'handling', CASE WHEN k % 2 = 1 THEN md5('district' || (k % $2))::uuid END
     FROM generate_series(0, $1 - 1) k`,
    [UNITS, DISTRICTS],
  );
  await ds.query(
    `INSERT INTO person (id, name, mobile, roles, unit_id)
     SELECT md5('leader' || k)::uuid, '领导' || k, '188' || lpad(k::text, 8, '0'), ARRAY['leader']::varchar[],
            CASE WHEN k = $1 THEN md5('city')::uuid ELSE md5('district' || k)::uuid END
     FROM generate_series(0, $1) k`,
    [DISTRICTS],
  );
  await ds.query(
    `INSERT INTO person_account (person_id, platform, account_id)
     SELECT md5('leader' || k)::uuid, 'wecom', 'leader' || k FROM generate_series(0, $1) k`,
    [DISTRICTS],
  );
}

/** Cadres, enterprises, pairs, visits and problems with index in [from, to) of the full size. */
export async function generateSlice(ds: DataSource, from: number, to: number): Promise<void> {
  const range = (n: number) => [Math.round(from * n), Math.round(to * n) - 1];
  await ds.query(
    `INSERT INTO person (id, name, mobile, roles, unit_id)
     SELECT md5('cadre' || i)::uuid, '干部' || i, '15' || lpad(i::text, 9, '0'), ARRAY['cadre']::varchar[],
            md5('district' || (i % $3))::uuid
     FROM generate_series($1::int, $2::int) i`,
    [...range(CADRES), DISTRICTS],
  );
  await ds.query(
    `INSERT INTO person_account (person_id, platform, account_id)
     SELECT md5('cadre' || i)::uuid, 'wecom', 'cadre' || i FROM generate_series($1::int, $2::int) i`,
    range(CADRES),
  );
  await ds.query(
    `INSERT INTO enterprise (id, name, credit_code, district_id)
     SELECT md5('ent' || i)::uuid, '测试企业' || i || '有限公司', '91' || lpad(i::text, 16, '0'), md5('district' || (i % $3))::uuid
     FROM generate_series($1::int, $2::int) i`,
    [...range(PAIRS), DISTRICTS],
  );
  // Five firms per cadre; every 50th pair changed hands on 2026-11-10.
  await ds.query(
    `INSERT INTO pairing (cadre_id, enterprise_id, started_at, ended_at, end_reason)
     SELECT md5('cadre' || (i / 5))::uuid, md5('ent' || i)::uuid, timestamptz '2025-11-01T00:00:00+08',
            CASE WHEN i % 50 = 0 THEN timestamptz '2026-11-10T12:00:00+08' END,
            (CASE WHEN i % 50 = 0 THEN 'reassigned' END)::varchar
     FROM generate_series($1::int, $2::int) i
     UNION ALL
     SELECT md5('cadre' || ((i / 5 + 1) % $3))::uuid, md5('ent' || i)::uuid, timestamptz '2026-11-10T12:00:00+08', NULL::timestamptz, NULL::varchar
     FROM generate_series($1::int, $2::int) i WHERE i % 50 = 0`,
    [...range(PAIRS), CADRES],
  );
  // 24 contacts per pair over the 12 months to November 2026: two a month on hashed days (some collide).
  await ds.query(
    `INSERT INTO visit (cadre_id, enterprise_id, visited_on, method)
     SELECT md5('cadre' || (i / 5))::uuid, md5('ent' || i)::uuid,
            (date '2025-12-01' + make_interval(months => (k - 1) / 2))::date + (abs(hashint4(i * 31 + k)) % 25),
            (ARRAY['onsite', 'phone', 'video', 'meeting'])[1 + (k % 4)]
     FROM generate_series($1::int, $2::int) i, generate_series(1, $3) k`,
    [...range(PAIRS), VISITS_PER_PAIR],
  );
  await ds.query(
    `INSERT INTO problem (code, kind, enterprise_id, reporter_id, cadre_id, description, status, lead_unit_id,
                          assigned_at, due_on, accepted_at, closed_at, withdrawn_at, rating, redo_count, return_count,
                          created_at)
     SELECT 'B' || lpad(j::text, 8, '0'), 'problem', md5('ent' || j)::uuid, md5('cadre' || (j / 5))::uuid,
            md5('cadre' || (j / 5))::uuid, '生成的问题描述' || j,
            (ARRAY['pending', 'assigned', 'accepted', 'answered', 'closed', 'withdrawn'])[1 + j % 6],
            CASE WHEN j % 6 > 0 THEN md5('unit' || (j % $3))::uuid END,
            CASE WHEN j % 6 > 0 THEN t END,
            CASE WHEN j % 6 > 0 THEN (t + interval '10 days')::date END,
            CASE WHEN j % 6 BETWEEN 2 AND 4 THEN t + make_interval(hours => 6 + j % 60) END,
            CASE WHEN j % 6 = 4 THEN t + interval '9 days' END,
            CASE WHEN j % 6 = 5 THEN t + interval '2 days' END,
            CASE WHEN j % 6 = 4 THEN (ARRAY['satisfied', 'basic', 'satisfied'])[1 + j % 3] END,
            CASE WHEN j % 97 = 0 THEN 1 ELSE 0 END, CASE WHEN j % 89 = 0 THEN 1 ELSE 0 END, t
     FROM generate_series($1::int, $2::int) j,
          LATERAL (SELECT timestamptz '2026-05-01T10:00:00+08' + make_interval(days => j % 205) AS t) s`,
    [...range(PROBLEMS), UNITS],
  );
  await ds.query(`ANALYZE`);
}

/** The run with the median time of three (queries only: they have no side effects). */
async function median<T>(work: () => Promise<T>): Promise<{ result: T; time: number; peak: number }> {
  const runs = [await measure(work), await measure(work), await measure(work)];
  return runs.sort((a, b) => a.time - b.time)[1];
}

/** Job deps with a real outbox whose queue only counts (no Redis): the jobs' database work, measured. */
function benchDeps(ds: DataSource): JobDeps {
  const queue = { addBulk: async () => [] } as unknown as Queue<SendJobData>;
  const sender = new Sender(new OutboxService(new OutboxRepository(ds), queue));
  const calendar = officialCalendar();
  return {
    ds,
    calendar: { current: () => calendar },
    notifier: new Notifier(sender, notifierPlatforms({ wecomApp: true, dingtalk: false })),
    tiers: { blueWithinDays: 1, redOverdueDays: 3, redRedoCount: 2 },
    clock: new FixedClock(AT),
  };
}

interface Row {
  step: string;
  what: string;
  time: number;
  peak: number;
  base?: number;
  note?: string;
}

/** Times the scans and jobs at the current size. */
async function measureStep(ds: DataSource, step: string): Promise<Row[]> {
  const deps = benchDeps(ds);
  const calendar = deps.calendar.current();
  const rows: Row[] = [];
  // Bare aggregates first, so the compared queries never get a cache the baseline lacked.
  const bareVisits = await median(() =>
    ds.query(
      `SELECT enterprise_id, count(DISTINCT visited_on) FROM visit
       WHERE visited_on >= '2026-11-01' AND visited_on < '2026-12-01' GROUP BY enterprise_id`,
    ),
  );
  const scan = await median(() =>
    new ComplianceService(ds).pairs('2026-11', { openAt: AT, notOnLeaveOn: '2026-11-25' }),
  );
  const short = scan.result.filter((p) => p.contacts < 2).length;
  rows.push({ step, what: 'bare visit aggregate (Nov)', time: bareVisits.time, peak: bareVisits.peak });
  rows.push({
    step,
    what: 'reminder scan',
    time: scan.time,
    peak: scan.peak,
    base: bareVisits.time,
    note: `${scan.result.length} pairs, ${short} short`,
  });

  const bareProblems = await median(() =>
    ds.query(
      `SELECT p.lead_unit_id, e.district_id, p.status, count(*) FROM problem p
       JOIN enterprise e ON e.id = p.enterprise_id GROUP BY 1, 2, 3`,
    ),
  );
  const digest = await median(async () => {
    const cells = await new StatsService(ds).cells('2026-11-01', '2026-11-30', calendar, '2026-11-25');
    const red = await tieredProblems(ds, '2026-11-25', calendar, deps.tiers);
    return { cells: cells.length, tiered: red.length };
  });
  rows.push({ step, what: 'bare problem aggregate', time: bareProblems.time, peak: bareProblems.peak });
  rows.push({
    step,
    what: 'digest queries (三率 cells + tiers)',
    time: digest.time,
    peak: digest.peak,
    base: bareProblems.time,
    note: `${digest.result.cells} cells, ${digest.result.tiered} tiered problems`,
  });

  await ds.query(`DELETE FROM job_run; DELETE FROM outbound_message`);
  const reminders = await measure(() => contactRemindersJob(deps)(AT));
  rows.push({
    step,
    what: 'contact-reminders job',
    time: reminders.time,
    peak: reminders.peak,
    base: bareVisits.time,
    note: `${reminders.result.sent} messages stored`,
  });
  const daily = await measure(() => digestDailyJob(deps)(AT));
  rows.push({
    step,
    what: 'digest-daily job',
    time: daily.time,
    peak: daily.peak,
    base: bareVisits.time + bareProblems.time,
    note: `${daily.result.sent} messages stored`,
  });
  return rows;
}

/** Generates the data in steps in a temporary database and prints the measurements. */
export async function benchSupervision(): Promise<void> {
  await withThrowawayDatabase('supervision', async (ds) => {
    console.log(
      `supervision bench: up to ${CADRES} cadres, ${PAIRS} pairs, ${PAIRS * VISITS_PER_PAIR} visits, ${PROBLEMS} problems`,
    );
    await generateFixed(ds);
    const rows: Row[] = [];
    let done = 0;
    for (const step of STEPS) {
      const gen = await measure(() => generateSlice(ds, done, step));
      done = step;
      const [{ visits }] = await ds.query(`SELECT count(*)::int AS visits FROM visit`);
      const label = `${Math.round(step * 100)}%`;
      console.log(`${label}: generated to ${visits} visits in ${(gen.time / 1000).toFixed(1)} s`);
      for (const row of await measureStep(ds, label)) {
        rows.push(row);
        const ratio = row.base ? `, ×${(row.time / row.base).toFixed(1)} the bare aggregate` : '';
        console.log(
          `  ${row.what.padEnd(36)} ${ms(row.time).padStart(8)}, peak rss ${mb(row.peak)}${ratio}` +
            (row.note ? ` (${row.note})` : ''),
        );
      }
    }
    console.log('growth from 10 % to 100 % of the size (time at 100 % / time at 10 %):');
    for (const what of new Set(rows.map((r) => r.what))) {
      const at = (step: string) => rows.find((r) => r.what === what && r.step === step)!.time;
      console.log(`  ${what.padEnd(36)} ×${(at('100%') / at('10%')).toFixed(1)}`);
    }
  });
}

if (require.main === module) {
  benchSupervision().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
