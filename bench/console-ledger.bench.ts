/**
 * The console's 工作台账 and 走访台账 pages at campaign scale: 100,000 problems and 1.2 million visits
 * (50,000 pairs × 24), generated with generate_series in a throwaway database. Times one page of the
 * list (the count and the rows, as the page asks) for each kind of viewer and the common filters,
 * the median of five runs each, against the target of 300 ms per page. The cases the stored search
 * text and the indexed leader's reach changed also run the old queries (`baselines/console-lists-ilike.ts`),
 * alternating with the new in the same process, and print both medians, their ratio and whether the
 * totals agree.
 */
import type { DataSource } from 'typeorm';
import type { ConsoleProblemFilter, VisitFilterConsole } from '../src/console/console.repository';
import { ConsoleRepository } from '../src/console/console.repository';
import { BaselineConsoleLists } from './baselines/console-lists-ilike';
import type { Actor } from '../src/services/permissions';
import { officialCalendar } from '../src/services/calendar-official';
import { measure, withThrowawayDatabase } from './bench-kit';

const PROBLEMS = 100_000;
const PAIRS = 50_000;
const VISITS_PER_PAIR = 24;
const CADRES = 10_000;
const DISTRICTS = 22;
const UNITS = 40;
const CATEGORIES = 15;
const TODAY = '2026-11-25';
const TARGET_MS = 300;
const RUNS = 5;

export async function generate(ds: DataSource): Promise<void> {
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
    `INSERT INTO category (id, name, lead_unit_id, time_limit_days)
     SELECT md5('cat' || k)::uuid, '类别' || k, md5('unit' || (k % $2))::uuid, 10 FROM generate_series(0, $1 - 1) k`,
    [CATEGORIES, UNITS],
  );
  await ds.query(
    `INSERT INTO person (id, name, mobile, roles, unit_id)
     SELECT md5('cadre' || i)::uuid, '干部' || i, '15' || lpad(i::text, 9, '0'), ARRAY['cadre']::varchar[],
            md5('district' || (i % $2))::uuid
     FROM generate_series(0, $1 - 1) i`,
    [CADRES, DISTRICTS],
  );
  await ds.query(
    `INSERT INTO enterprise (id, name, credit_code, district_id)
     SELECT md5('ent' || i)::uuid, '测试企业' || i || '有限公司', '91' || lpad(i::text, 16, '0'), md5('district' || (i % $2))::uuid
     FROM generate_series(0, $1 - 1) i`,
    [PAIRS, DISTRICTS],
  );
  await ds.query(
    `INSERT INTO pairing (cadre_id, enterprise_id, started_at)
     SELECT md5('cadre' || (i / 5))::uuid, md5('ent' || i)::uuid, timestamptz '2025-11-01T00:00:00+08'
     FROM generate_series(0, $1 - 1) i`,
    [PAIRS],
  );
  await ds.query(
    `INSERT INTO visit (cadre_id, enterprise_id, visited_on, method, summary)
     SELECT md5('cadre' || (i / 5))::uuid, md5('ent' || i)::uuid,
            (date '2025-12-01' + make_interval(months => (k - 1) / 2))::date + (abs(hashint4(i * 31 + k)) % 25),
            (ARRAY['onsite', 'phone', 'video', 'meeting'])[1 + (k % 4)], '走访记录' || i
     FROM generate_series(0, $1 - 1) i, generate_series(1, $2) k`,
    [PAIRS, VISITS_PER_PAIR],
  );
  // Two problems per firm over 18 months; a sixth of each status; deadlines 10 days after assignment.
  await ds.query(
    `INSERT INTO problem (code, kind, enterprise_id, reporter_id, cadre_id, description, status, lead_unit_id,
                          category_id, assigned_at, due_on, closed_at, redo_count, created_at)
     SELECT 'W' || to_char(t, 'YYYYMMDD') || '-' || lpad(j::text, 6, '0'), 'problem', md5('ent' || (j % $3))::uuid,
            md5('cadre' || ((j % $3) / 5))::uuid, md5('cadre' || ((j % $3) / 5))::uuid, '生成的问题描述' || j,
            (ARRAY['pending', 'assigned', 'accepted', 'answered', 'closed', 'withdrawn'])[1 + j % 6],
            CASE WHEN j % 6 > 0 THEN md5('unit' || (j % $2))::uuid END, md5('cat' || (j % $4))::uuid,
            CASE WHEN j % 6 > 0 THEN t END,
            CASE WHEN j % 6 > 0 THEN (t + interval '10 days')::date END,
            CASE WHEN j % 6 = 4 THEN t + interval '9 days' END,
            CASE WHEN j % 97 = 0 THEN 1 ELSE 0 END, t
     FROM generate_series(0, $1 - 1) j,
          LATERAL (SELECT timestamptz '2025-06-01T10:00:00+08' + make_interval(mins => (j * 7) % (540 * 1440)) AS t) s`,
    [PROBLEMS, UNITS, PAIRS, CATEGORIES],
  );
  await ds.query(`ANALYZE`);
}

const actor = (roles: Actor['roles'], personId: string, unitId: string | null): Actor => ({
  personId,
  roles,
  unitId,
  enterpriseId: null,
});

const mid = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

async function median(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await measure(work)).time);
  return mid(times);
}

/** Medians of the new and the old query, run alternately (new, old, new, …) so both see the same load. */
async function medians(
  now: () => Promise<unknown>,
  old: () => Promise<unknown>,
): Promise<{ now: number; old: number }> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    a.push((await measure(now)).time);
    b.push((await measure(old)).time);
  }
  return { now: mid(a), old: mid(b) };
}

interface Row {
  list: string;
  what: string;
  total: number;
  time: number;
  old?: { total: number; time: number };
}

/** Prints one line per case: median time of a page, the rows matched, and whether it is within target. */
export async function benchConsoleLedger(): Promise<void> {
  await withThrowawayDatabase('console', async (ds) => {
    const t0 = Date.now();
    await generate(ds);
    console.log(
      `generated ${PROBLEMS.toLocaleString()} problems, ${(PAIRS * VISITS_PER_PAIR).toLocaleString()} visits in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
    const [{ id: leaderId }] = await ds.query(
      `INSERT INTO person (name, mobile, roles, unit_id) VALUES ('领导', '18800000000', ARRAY['leader']::varchar[], md5('district3')::uuid) RETURNING id`,
    );
    const [{ id: handlerId }] = await ds.query(
      `INSERT INTO person (name, mobile, roles, unit_id) VALUES ('办理人', '18800000001', ARRAY['handler']::varchar[], md5('unit4')::uuid) RETURNING id`,
    );
    const [{ id: cadreId }] = await ds.query(`SELECT md5('cadre42')::uuid AS id`);
    const repo = new ConsoleRepository(ds, { blueWithinDays: 1, redOverdueDays: 3, redRedoCount: 2 });
    const calendar = officialCalendar();
    const admin = actor(['admin'], '00000000-0000-0000-0000-000000000000', null);
    const leader = actor(['leader'], leaderId as string, await unitOf(ds, 'district3'));
    const handler = actor(['handler'], handlerId as string, await unitOf(ds, 'unit4'));
    const cadre = actor(['cadre'], cadreId as string, await unitOf(ds, 'district8'));
    const page = (n: number) => ({ limit: 20, offset: (n - 1) * 20 });
    const base = new BaselineConsoleLists(ds, { blueWithinDays: 1, redOverdueDays: 3, redRedoCount: 2 });
    // The last field: also time the old query (the cases the search text and the leader's reach changed).
    const problems: [string, Actor, ConsoleProblemFilter, number, boolean?][] = [
      ['admin, page 1', admin, {}, 1],
      ['admin, page 100', admin, {}, 100],
      ['admin, last page', admin, {}, PROBLEMS / 20],
      ['admin, status=accepted', admin, { status: 'accepted' }, 1],
      ['admin, tier=red', admin, { tier: 'red' }, 1],
      ['admin, unit + category', admin, { unit: await unitOf(ds, 'unit4'), category: await catOf(ds, 4) }, 1],
      [
        'admin, district + month',
        admin,
        { district: await unitOf(ds, 'district3'), from: '2026-10-01', to: '2026-10-31' },
        1,
      ],
      ['admin, text "描述12345"', admin, { q: '描述12345' }, 1, true],
      ['admin, text "测试企业123"', admin, { q: '测试企业123' }, 1, true],
      ['leader, text "描述1"', leader, { q: '描述1' }, 1, true],
      ['leader (a district)', leader, {}, 1],
      ['handler (a unit)', handler, {}, 1],
      ['cadre (own firms)', cadre, {}, 1],
    ];
    const rows: Row[] = [];
    for (const [what, who, filter, n, compare] of problems) {
      const now = () => repo.problems(who, filter, TODAY, calendar, page(n));
      const { total } = await now();
      if (!compare) {
        rows.push({ list: '工作台账', what, total, time: await median(now) });
        continue;
      }
      const old = () => base.problems(who, filter, TODAY, calendar, page(n));
      const { total: oldTotal } = await old();
      const m = await medians(now, old);
      rows.push({ list: '工作台账', what, total, time: m.now, old: { total: oldTotal, time: m.old } });
    }
    const visits: [string, Actor, VisitFilterConsole, number, boolean?][] = [
      ['admin, page 1', admin, {}, 1],
      ['admin, November', admin, { from: '2026-11-01', to: '2026-11-30' }, 1],
      ['admin, text "干部42"', admin, { q: '干部42' }, 1, true],
      ['admin, text "测试企业123"', admin, { q: '测试企业123' }, 1, true],
      ['leader (a district)', leader, {}, 1, true],
      ['leader, text "干部42"', leader, { q: '干部42' }, 1, true],
      ['cadre (own firms)', cadre, {}, 1],
    ];
    for (const [what, who, filter, n, compare] of visits) {
      const now = () => repo.visits(who, filter, page(n));
      const { total } = await now();
      if (!compare) {
        rows.push({ list: '走访台账', what, total, time: await median(now) });
        continue;
      }
      const old = () => base.visits(who, filter, page(n));
      const { total: oldTotal } = await old();
      const m = await medians(now, old);
      rows.push({ list: '走访台账', what, total, time: m.now, old: { total: oldTotal, time: m.old } });
    }
    console.log(
      `page of 20 (count + rows), median of ${RUNS}; target ${TARGET_MS} ms; old = before the search text`,
    );
    for (const { list, what, total, time, old } of rows) {
      const verdict = time <= TARGET_MS ? 'ok' : 'OVER';
      const against = old
        ? `   old ${old.time.toFixed(0).padStart(5)} ms  ×${(old.time / time).toFixed(1)} faster` +
          (old.total === total ? '' : `  (old total ${old.total})`)
        : '';
      console.log(
        `${list}  ${what.padEnd(28)} ${String(total).padStart(9)} rows  ${time.toFixed(0).padStart(5)} ms  ${verdict}${against}`,
      );
    }
  });
}

async function unitOf(ds: DataSource, key: string): Promise<string> {
  const [{ id }] = await ds.query(`SELECT md5($1)::uuid AS id`, [key]);
  return id as string;
}
const catOf = (ds: DataSource, k: number) => unitOf(ds, `cat${k}`);
