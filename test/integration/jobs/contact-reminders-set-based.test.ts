import type { DataSource } from 'typeorm';
import { contactRemindersRowByRow } from '../../../bench/baselines/contact-reminders-row-by-row';
import { bareReminderScan, sameAnswer } from '../../../bench/baselines/reminder-scan-bare';
import { contactRemindersJob, reminderScan } from '../../../src/jobs/handlers/contact-reminders.job';
import { guardedJob } from '../../../src/jobs/job-guard';
import type { Roster } from '../ledger/ledger-fixtures';
import { loadOnce, truncateAll } from '../../support/db';
import { bj, jobHarness, jobRoster, moreFirms, type StoredMessage, visit, useJobs } from './jobs-fixtures';

let ds: DataSource;
let h: Awaited<ReturnType<typeof jobHarness>>;
let r: Roster & { groups: Record<string, string> };

useJobs((f) => ({ ds, h, r } = f));

/**
 * The job roster with cadres of 市规划局 and 雁塔区 (some DingTalk-only, one with no account, one on leave)
 * and many short pairs, on an emptied database: built once per jest worker, restored from its snapshot
 * afterwards (loadOnce; building it is a few hundred statements).
 */
async function richRoster(): Promise<void> {
  await truncateAll(ds);
  r = await loadOnce(ds, 'contact_reminders_rich', async () => {
    r = await jobRoster(ds);
    await addRichRows();
    return r;
  });
}

async function addRichRows(): Promise<void> {
  const firms = await moreFirms(ds, r, 12);
  await ds.query(
    `INSERT INTO person (name, mobile, unit_id, roles)
     SELECT '规划干部' || i, (13700000000 + i)::text, $1, ARRAY['cadre']::varchar[] FROM generate_series(1, 60) i`,
    [r.units.planning.id],
  );
  // Two in three on WeCom, the others on DingTalk only.
  await ds.query(
    `INSERT INTO person_account (person_id, platform, account_id)
     SELECT id, CASE WHEN substr(mobile, 9)::int % 3 = 0 THEN 'dingtalk' ELSE 'wecom' END,
            CASE WHEN substr(mobile, 9)::int % 3 = 0 THEN 'pd' ELSE 'pw' END || substr(mobile, 9)
     FROM person WHERE mobile LIKE '137%'`,
  );
  await ds.query(
    `INSERT INTO person (name, mobile, unit_id, roles) VALUES ('无账号干部', '13600000001', $1, ARRAY['cadre']::varchar[])`,
    [r.units.yanta.id],
  );
  const [onLeave] = await ds.query(
    `INSERT INTO person (name, mobile, unit_id, roles, leave_from)
     VALUES ('休假干部', '13600000002', $1, ARRAY['cadre']::varchar[], '2026-11-01') RETURNING id`,
    [r.units.yanta.id],
  );
  await ds.query(
    `INSERT INTO person_account (person_id, platform, account_id) VALUES ($1, 'wecom', 'on-leave')`,
    [onLeave.id],
  );
  // The firms move to the new cadres in turn; 甲 and 乙 keep theirs.
  await ds.query(
    `UPDATE pairing SET cadre_id = c.id
     FROM (SELECT id, row_number() OVER (ORDER BY mobile) AS n FROM person WHERE mobile LIKE '136%' OR mobile LIKE '137%') c,
          (SELECT enterprise_id, row_number() OVER (ORDER BY enterprise_id) AS n FROM pairing
           WHERE enterprise_id <> ALL($1::uuid[])) e
     WHERE pairing.enterprise_id = e.enterprise_id AND c.n = e.n`,
    [[r.ent.a.id, r.ent.b.id]],
  );
  // Planning cadres also hold 碑林区 firms, so 市规划局 gets a unit summary spanning two districts.
  const beilin = await moreFirms(ds, r, 60, (i) => `碑林测试企业${i}有限公司`);
  await ds.query(`UPDATE enterprise SET district_id = $1 WHERE id = ANY($2::uuid[])`, [
    r.units.beilin.id,
    beilin.map((f) => f.id),
  ]);
  await ds.query(
    `UPDATE pairing SET cadre_id = c.id
     FROM (SELECT id, row_number() OVER (ORDER BY mobile) AS n FROM person WHERE mobile LIKE '137%') c,
          (SELECT enterprise_id, row_number() OVER (ORDER BY enterprise_id) AS n FROM pairing
           WHERE enterprise_id = ANY($1::uuid[])) e
     WHERE pairing.enterprise_id = e.enterprise_id AND c.n = e.n`,
    [beilin.map((f) => f.id)],
  );
  // Key firms with their own target (每月走访次数): mixed targets in a cadre's list and in the totals.
  await ds.query(`UPDATE enterprise SET contact_target = 3 WHERE id = ANY($1::uuid[])`, [
    [...firms.slice(0, 2), ...beilin.slice(0, 6)].map((f) => f.id),
  ]);
  await visit(ds, r.people.cadreA.id, r.ent.a.id, ['2026-11-02', '2026-11-20']);
  for (const [i, f] of [...firms, ...beilin].entries()) {
    const [{ cadre_id: cadreId }] = await ds.query(`SELECT cadre_id FROM pairing WHERE enterprise_id = $1`, [
      f.id,
    ]);
    // Mostly short (more than 40 short cadres in 市规划局's summary: the list is capped), some met.
    const days = ['2026-11-03', '2026-11-09', '2026-10-30'].slice(0, i % 10 === 9 ? 3 : i % 10 === 8 ? 1 : 0);
    await visit(ds, cadreId, f.id, days);
  }
}

/** Runs one implementation on a clean outbox and returns what it stored and its result. */
async function runWith(make: typeof contactRemindersJob, at: Date) {
  await ds.query(`DELETE FROM outbound_message; DELETE FROM job_run`);
  const result = await make(h.deps)(at);
  const sorted = (ms: StoredMessage[]) => [...ms].sort((a, b) => a.key.localeCompare(b.key));
  return { result, messages: sorted(await h.messages()) };
}

describe('contact-reminders, set-based', () => {
  it.each([
    ['late (from the 25th)', '2026-11-25T09:00:00'],
    ['mid (first working day from the 15th)', '2026-11-16T09:00:00'],
  ])('stores exactly what the per-message version stored: %s', async (_label, local) => {
    await richRoster();
    const at = bj(local);
    const oracle = await runWith(contactRemindersRowByRow, at);
    const setBased = await runWith(contactRemindersJob, at);
    expect(oracle.messages.length).toBeGreaterThan(10);
    expect(oracle.messages.some((m) => m.key.includes('-unit-'))).toBe(true);
    expect(oracle.messages.some((m) => m.channel === 'dingtalk_api_user')).toBe(true);
    if (local.endsWith('25T09:00:00')) {
      const unit = oracle.messages.find((m) => m.key.includes('-unit-'))!;
      expect(unit.payload.markdown!.text).toContain('……另有');
    }
    expect(setBased.messages).toEqual(oracle.messages);
    expect(setBased.result).toEqual(oracle.result);
  });

  it('runs the same behind the job guard (its probe wraps every notifier method)', async () => {
    await richRoster();
    const at = bj('2026-11-25T09:00:00');
    const oracle = await runWith(contactRemindersRowByRow, at);
    const guarded = await runWith((deps) => guardedJob('contact-reminders', contactRemindersJob, deps), at);
    expect(guarded.messages).toEqual(oracle.messages);
  });

  it('writes the outbox rows with one statement per chunk, not one per message', async () => {
    await richRoster();
    const statements: string[] = [];
    const query = ds.query.bind(ds);
    const spy = jest.spyOn(ds, 'query').mockImplementation((sql: string, params?: unknown) => {
      statements.push(sql);
      return query(sql, params as unknown[] | undefined);
    });
    try {
      const result = await contactRemindersJob(h.deps)(bj('2026-11-25T09:00:00'));
      expect(result.sent).toBeGreaterThan(20);
    } finally {
      spy.mockRestore();
    }
    expect(statements.filter((s) => /INSERT INTO outbound_message/.test(s))).toHaveLength(2); // cadres, groups
    expect(statements.length).toBeLessThan(15);
  });

  it.each([
    ['late', '2026-11-25T09:00:00'],
    ['mid', '2026-11-16T09:00:00'],
  ] as const)(
    "the benchmark's bare aggregate gives the scan's answer (leave, own targets, unit scopes): %s",
    async (kind, local) => {
      await richRoster();
      const at = bj(local);
      const scan = await reminderScan(ds, at, kind);
      expect(scan.cadres.length).toBeGreaterThan(10);
      expect(scan.scopes.some((x) => x.scope === 'unit')).toBe(true);
      expect(scan.cadres.some((c) => c.firms.some(([, , target]) => target === 3))).toBe(true);
      const bare = await bareReminderScan(ds, at, kind);
      expect(sameAnswer(scan, bare)).toBeNull();
      expect(bare).toEqual(scan);
      // The comparison sees a difference when there is one.
      expect(sameAnswer(scan, { ...bare, cadres: bare.cadres.slice(1) })).not.toBeNull();
    },
  );
});
