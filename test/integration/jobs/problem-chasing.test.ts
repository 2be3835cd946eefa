import type { DataSource } from 'typeorm';
import { problemChasingJob } from '../../../src/jobs/handlers/problem-chasing.job';
import { bj, jobHarness, jobRoster, useJobs, acceptedProblem } from './jobs-fixtures';

let ds: DataSource;
let h: Awaited<ReturnType<typeof jobHarness>>;
let r: Awaited<ReturnType<typeof jobRoster>>;
let code: string;

useJobs(
  (f) => ({ ds, h, r } = f),
  async () => {
    // Reported and accepted on Friday 2026-11-20; 规划 has 5 working days: due Friday 2026-11-27.
    code = await acceptedProblem(ds, r);
  },
);

const run = (at: string) => problemChasingJob(h.deps)(bj(at));
const events = async () =>
  (
    await ds.query(
      `SELECT e.action FROM problem_event e JOIN problem p ON p.id = e.problem_id
       WHERE p.code = $1 AND e.action IN ('remind', 'urge', 'supervise') ORDER BY e.id`,
      [code],
    )
  ).map((e: { action: string }) => e.action);

describe('problem-chasing', () => {
  it('climbs the ladder once per tier: reminder, 催办 with an @ and a note to the cadre, then 督办', async () => {
    const [{ due_on }] = await ds.query(
      `SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on FROM problem WHERE code = $1`,
      [code],
    );
    expect(due_on).toBe('2026-11-27');
    expect(await run('2026-11-25T09:30:00')).toMatchObject({ sent: 0 }); // not due within a working day yet

    await run('2026-11-26T09:30:00'); // 蓝
    const remind = await h.messages('problem-chasing-2026-11-26-%');
    expect(remind.map((m) => m.key)).toEqual([
      `problem-chasing-2026-11-26-remind-${r.units.planning.id}-g${r.groups.planning}`,
    ]);
    expect(remind[0].payload.markdown!.text).toContain(code);

    await run('2026-11-27T09:30:00'); // still 蓝 on the due date: nothing new
    expect(await h.messages('problem-chasing-2026-11-27-%')).toEqual([]);

    await run('2026-11-30T09:30:00'); // 黄: overdue by one working day
    const urge = await h.messages('problem-chasing-2026-11-30-%');
    const group = urge.find((m) =>
      m.key.startsWith(`problem-chasing-2026-11-30-urge-${r.units.planning.id}`),
    )!;
    expect(group.payload.mentions?.userIds).toEqual([r.people.planner.wecomUserId]);
    expect(group.payload.markdown!.text).toContain('已超期 1 个工作日');
    const cadre = urge.find((m) => m.key === `problem-chasing-2026-11-30-urge-cadre-p${r.people.cadreA.id}`)!;
    expect(cadre.payload.markdown!.text).toContain(code);
    expect(urge).toHaveLength(2);

    await run('2026-12-02T09:30:00'); // overdue by 3: still 黄, already urged
    expect(await h.messages('problem-chasing-2026-12-02-%')).toEqual([]);

    await run('2026-12-03T09:30:00'); // 红: overdue by 4
    const red = (await h.messages('problem-chasing-2026-12-03-%')).map((m) => m.key).sort();
    // 规划局 has no leader of its own: its parent's (市政府) leader gets the 督办.
    expect(red).toEqual(
      [
        `problem-chasing-2026-12-03-supervise-${r.units.planning.id}-p${r.people.leaderCity.id}`,
        `problem-chasing-2026-12-03-supervise-leaders-g${r.groups.leaders}`,
      ].sort(),
    );
    await run('2026-12-04T09:30:00');
    expect(await h.messages('problem-chasing-2026-12-04-%')).toEqual([]);
    expect(await events()).toEqual(['remind', 'urge', 'supervise']);
  });

  it('sends nothing new on a re-run, and a run that dies mid-way leaves nothing half done', async () => {
    h.sender.limit = 1;
    await expect(run('2026-11-30T09:30:00')).rejects.toThrow('worker killed');
    expect(await h.messages()).toEqual([]);
    expect(await events()).toEqual([]);
    h.sender.limit = Infinity;
    expect((await run('2026-11-30T09:30:00')).sent).toBe(2);
    expect(await run('2026-11-30T11:00:00')).toMatchObject({ sent: 0 });
    expect(await events()).toEqual(['urge']);
  });

  it('does not run on a weekend', async () => {
    expect(await run('2026-11-28T09:30:00')).toMatchObject({ sent: 0, note: 'not a working day' });
  });
});
