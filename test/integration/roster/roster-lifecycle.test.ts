import type { DataSource } from 'typeorm';
import { IdentityService } from '../../../src/bot/identity.service';
import { accountsOf } from '../../../src/platforms/registry';
import { FixedClock } from '../../../src/lib/clock';
import { RosterImportService, type RosterChanges } from '../../../src/roster/roster-import.service';
import { sendRosterNotices } from '../../../src/roster/roster-notices';
import { MyEnterprisesService } from '../../../src/services/visits';
import { ComplianceService } from '../../../src/services/compliance.service';
import { type Grid, toRaw, validTables } from '../../fixtures/roster/roster.builder';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { jobHarness } from '../jobs/jobs-fixtures';

type Harness = Awaited<ReturnType<typeof jobHarness>>;

/** validTables() with a reachable admin (孙强 gets a WeCom account). */
function tables() {
  const t = validTables();
  t['人员'][5][4] = 'sunqiang';
  t['人员'][0].push('状态');
  return t;
}

const without = (grid: Grid, mobile: string) => grid.filter((row) => row[1] !== mobile);

describe('roster lifecycle: 状态, people missing from a re-import, reassignment', () => {
  let ds: DataSource;
  let h: Harness;
  let clock: FixedClock;
  let changes: RosterChanges | null;

  const importTables = async (t: ReturnType<typeof tables>) => {
    const outcome = await new RosterImportService(ds, clock).importRaw(toRaw(t), {
      afterWrite: async (m, c) => {
        changes = c;
        await sendRosterNotices(m, h.deps.notifier, c);
      },
    });
    if (!outcome.ok) throw new Error(outcome.errors.map((e) => e.message).join('\n'));
    return outcome;
  };
  /** Messages of the latest import (keys `roster-<its instant>-…`). */
  const sent = (suffix: string) => h.messages(`roster-${clock.now().getTime()}-${suffix}`);
  const person = async (mobile: string) =>
    (await ds.query(`SELECT id, active, leave_from, leave_to FROM person WHERE mobile = $1`, [mobile]))[0];

  beforeAll(async () => {
    ds = await testDataSource();
    h = await jobHarness(ds);
  });
  beforeEach(async () => {
    await truncateAll(ds);
    clock = new FixedClock(new Date('2026-11-02T01:00:00Z'));
    changes = null;
    await importTables(tables());
  });
  afterAll(async () => {
    await h.close();
    await closeTestDataSource();
  });

  it('deactivates people missing from a re-import and those marked 停用, never deleting them', async () => {
    const t = tables();
    t['人员'] = without(t['人员'], '13800000001'); // 张伟 leaves the roster
    t['人员'][2].push('停用'); // 王芳 (row 3 after the removal) is 停用
    t['包联'] = [t['包联'][0], ['13800000002', '秦创'], ['13800000002', t['包联'][2][1]]];
    clock.advance(86_400_000);
    await importTables(t);

    expect((await ds.query(`SELECT count(*)::int AS n FROM person`))[0].n).toBe(5);
    expect((await person('13800000001')).active).toBe(false);
    expect((await person('13800000003')).active).toBe(false);
    expect((await person('13800000002')).active).toBe(true);
    // The deactivated cadre's chat account no longer acts.
    expect(await new IdentityService(ds, accountsOf).identify('wecom', 'zhangwei')).toBeNull();
    expect(changes!.outOfService.map((o) => o.status).sort()).toEqual(['disabled', 'disabled']);

    const admin = await person('13800000005');
    const [toAdmin] = await sent(`admins-p${admin.id}`);
    expect(toAdmin.payload.markdown!.text).toContain('张伟（13800000001，停用）');
    expect(toAdmin.payload.markdown!.text).toContain('王芳（13800000003，停用）');
    // Nothing goes to the deactivated cadre.
    const zhang = await person('13800000001');
    expect(await sent(`%-p${zhang.id}`)).toEqual([]);
  });

  it('离岗 keeps the person active with an open-ended leave, lists them to the admins, and 在岗 ends it', async () => {
    const t = tables();
    t['人员'][1].push('离岗');
    clock.advance(86_400_000);
    await importTables(t);
    const away = await person('13800000001');
    expect(away.active).toBe(true);
    expect(away.leave_from).not.toBeNull();
    expect(away.leave_to).toBeNull();
    expect(changes!.outOfService).toEqual([{ personId: away.id, status: 'away' }]);
    const admin = await person('13800000005');
    const [toAdmin] = await sent(`admins-p${admin.id}`);
    expect(toAdmin.payload.markdown!.text).toMatch(/张伟（13800000001，离岗）[\s\S]*包联企业：秦创/);

    clock.advance(86_400_000);
    await importTables(tables());
    expect((await person('13800000001')).leave_from).toBeNull();
    expect(changes!.outOfService).toEqual([]);
  });

  it('reassignment moves the open problems to the new cadre, tells both, and the month counts agree', async () => {
    const zhang = await person('13800000001');
    const li = await person('13800000002');
    const [firm] = await ds.query(`SELECT id FROM enterprise WHERE short_name = '秦创'`);
    await ds.query(
      `INSERT INTO problem (code, enterprise_id, reporter_id, cadre_id, description, status)
       VALUES ('W20261102-0001', $1, $2, $2, '用地审批', 'accepted'),
              ('W20261102-0002', $1, $2, $2, '已办结', 'closed')`,
      [firm.id, zhang.id],
    );
    // 张伟 visited 秦创 once this month before the handover.
    await ds.query(
      `INSERT INTO visit (enterprise_id, cadre_id, visited_on, method, summary) VALUES ($1, $2, '2026-11-02', 'onsite', '走访')`,
      [firm.id, zhang.id],
    );
    const t = tables();
    t['包联'][1] = ['13800000002', '秦创'];
    clock.advance(86_400_000);
    await importTables(t);

    const problems = await ds.query(`SELECT code, cadre_id FROM problem ORDER BY code`);
    expect(problems).toEqual([
      { code: 'W20261102-0001', cadre_id: li.id },
      { code: 'W20261102-0002', cadre_id: zhang.id }, // closed: history stays as it was
    ]);
    const [toLi] = await sent(`cadre-p${li.id}`);
    expect(toLi.payload.markdown!.text).toMatch(/新增包联（1）[\s\S]*秦创[\s\S]*W20261102-0001/);
    const [toZhang] = await sent(`cadre-p${zhang.id}`);
    expect(toZhang.payload.markdown!.text).toMatch(
      /结束包联（1）[\s\S]*秦创[\s\S]*已转交[\s\S]*W20261102-0001/,
    );

    // 我的企业 (chat) and /api/compliance count the same contacts for the pair this month.
    const mine = await new MyEnterprisesService(ds).list(li.id, '2026-11-03');
    const compliance = await new ComplianceService(ds).pairs('2026-11');
    const pair = compliance.find((p) => p.enterprise.id === firm.id)!;
    expect(pair.cadre.id).toBe(li.id);
    expect(mine.find((p) => p.enterpriseId === firm.id)!.contacts).toBe(pair.contacts);
    expect(pair.contacts).toBe(1);
  });
});
