import type { DataSource } from 'typeorm';
import { digestDailyJob } from '../../../src/jobs/handlers/digest-daily.job';
import { digestWeeklyJob } from '../../../src/jobs/handlers/digest-weekly.job';
import { monthlyReportJob } from '../../../src/jobs/handlers/monthly-report.job';
import type { Roster } from '../ledger/ledger-fixtures';
import { bj, jobHarness, visit, useJobs, acceptedProblem } from './jobs-fixtures';

let ds: DataSource;
let h: Awaited<ReturnType<typeof jobHarness>>;
let r: Roster & { groups: Record<string, string> };
let code: string;

useJobs(
  (f) => ({ ds, h, r } = f),
  async () => {
    // A problem of 甲 (雁塔区) led by 市规划局, accepted on Friday 2026-11-20, due 2026-11-27: red from 12-03.
    code = await acceptedProblem(ds, r);
    await visit(ds, r.people.cadreB.id, r.ent.b.id, ['2026-11-10', '2026-11-12']);
    await visit(ds, r.people.cadreA.id, r.ent.a.id, ['2026-12-02']);
  },
);

/** The markdown each leader (by fixture name) and the leaders' group got for a job and period. */
async function digests(prefix: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const m of await h.messages(`${prefix}-%`)) {
    const leader = Object.entries(r.people).find(([, p]) => m.key === `${prefix}-leader-p${p.id}`);
    const name = leader ? leader[0] : m.key === `${prefix}-leaders-g${r.groups.leaders}` ? 'group' : m.key;
    out[name] = m.payload.markdown!.text;
  }
  return out;
}

describe('digest-daily', () => {
  it('is scoped to the units under each leader', async () => {
    const result = await digestDailyJob(h.deps)(bj('2026-12-03T08:30:00'));
    // Three leaders, the leaders' group and (issue 9) the campaign office's admin.
    expect(result).toMatchObject({ period: '2026-12-03', sent: 5 });
    const d = await digests('digest-daily-2026-12-03');
    const office = Object.keys(d).filter((k) => k.startsWith('digest-daily-2026-12-03-office-p'));
    expect(office).toHaveLength(1);
    expect(d[office[0]]).toContain('亲商助企办每日提醒');
    delete d[office[0]];
    expect(Object.keys(d).sort()).toEqual(['group', 'leaderBeilin', 'leaderCity', 'leaderYanta']);
    expect(d.leaderYanta).toContain('待交办问题 0 个。');
    expect(d.leaderYanta).toContain('范围：雁塔区');
    expect(d.leaderYanta).toContain(code);
    expect(d.leaderYanta).toContain('新增走访 1 次'); // 12-02, by cadre A for 甲
    expect(d.leaderYanta).toContain('包联 1 对，已达标 0 对');
    expect(d.leaderBeilin).not.toContain(code);
    expect(d.leaderBeilin).toContain('红色预警：无。');
    expect(d.leaderBeilin).toContain('新增走访 0 次');
    expect(d.leaderCity).toContain('范围：全市');
    expect(d.leaderCity).toContain(code);
    expect(d.group).toContain('包联 2 对');
    expect(await digestDailyJob(h.deps)(bj('2026-12-03T09:00:00'))).toMatchObject({ sent: 0 });
  });

  it('skips non-working days', async () => {
    expect(await digestDailyJob(h.deps)(bj('2026-12-05T08:30:00'))).toMatchObject({ sent: 0 });
    expect(await h.messages()).toEqual([]);
  });
});

describe('digest-weekly', () => {
  it("reports last week's 三率 per scope with the ISO week as its period", async () => {
    const result = await digestWeeklyJob(h.deps)(bj('2026-11-23T08:30:00'));
    expect(result.period).toBe('2026-W47');
    const d = await digests('digest-weekly-2026-W47');
    expect(d.leaderYanta).toContain('第47周（11月16日（周一）至11月22日（周日））');
    expect(d.leaderYanta).toContain('响应率 100%');
    expect(d.leaderYanta).toContain('市规划局');
    expect(d.leaderBeilin).toContain('响应率 —');
    expect(d.leaderBeilin).not.toContain('市规划局');
    expect(await digestWeeklyJob(h.deps)(bj('2026-11-24T08:30:00'))).toMatchObject({
      sent: 0,
      period: '2026-W47',
    });
  });
});

describe('monthly-report', () => {
  it('runs only on the first working day and reports last month', async () => {
    // October 2026: 1–7 are the National Day holiday, the 8th is the first working day.
    expect(await monthlyReportJob(h.deps)(bj('2026-10-01T09:00:00'))).toMatchObject({ sent: 0 });
    expect(await monthlyReportJob(h.deps)(bj('2026-10-08T09:00:00'))).toMatchObject({ period: '2026-09' });
    // Just after midnight on 1 December in Beijing (UTC still 30 November) it reports November.
    const at = bj('2026-12-01T00:30:00');
    expect(at.toISOString().slice(0, 10)).toBe('2026-11-30');
    const result = await monthlyReportJob(h.deps)(at);
    expect(result.period).toBe('2026-11');
    const d = await digests('monthly-report-2026-11');
    expect(d.group).toContain('11月亲商助企工作通报');
    expect(d.group).toContain('包联 2 对，达标 1 对（50%）');
    expect(d.group).toContain('干部甲（雁塔区）：1/1 家未达标');
    expect(d.leaderBeilin).toContain('全部干部达标。');
    expect(d.leaderBeilin).not.toContain('干部甲');
  });

  it('lists units with red problems', async () => {
    await ds.query(`UPDATE problem SET due_on = '2026-12-20', redo_count = 2 WHERE code = $1`, [code]);
    await monthlyReportJob(h.deps)(bj('2026-12-01T09:00:00'));
    const d = await digests('monthly-report-2026-11');
    expect(d.leaderYanta).toContain('- 市规划局：1 个');
    expect(d.leaderBeilin).not.toContain('市规划局：1 个');
  });
});
