import type { DataSource } from 'typeorm';
import { runJobCli } from '../../../src/cli/job';
import { runDoctor } from '../../../src/doctor/doctor';
import { FixedClock } from '../../../src/lib/clock';
import { RosterImportService } from '../../../src/roster/roster-import.service';
import { toRaw, validTables } from '../../fixtures/roster/roster.builder';
import { closeTestDataSource, testDataSource, testDatabaseUrl, truncateAll } from '../../support/db';
import { TEST_REDIS_URL, testPrefix } from '../../support/env';
import { setAccount } from '../../support/accounts';

const AT = '2026-11-25T08:30:00+08:00'; // a Wednesday: digest-daily runs
const SETTINGS = {
  DATABASE_URL: testDatabaseUrl(),
  REDIS_URL: TEST_REDIS_URL,
  QUEUE_PREFIX: `${testPrefix()}_ops`,
  LOG_LEVEL: 'silent',
  WECOM_CORP_ID: 'wwopstest0000001',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'secret',
  WECOM_TOKEN: 'token',
  WECOM_ENCODING_AES_KEY: 'OpsOpsOpsOpsOpsOpsOpsOpsOpsOpsOpsOpsOps0123',
  WECOM_API_BASE: 'http://127.0.0.1:9',
};

/** Runs `npm run job -- …` in this process (the CLI's own function) and returns its exit code and output. */
async function job(...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = jest
    .spyOn(console, 'log')
    .mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const err = jest
    .spyOn(console, 'error')
    .mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  try {
    return { code: await runJobCli(argv), out: lines.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

/**
 * The fixture roster has missing routes: 王芳 (办理人) has no account, 市自然资源和规划局 has a unit group
 * without a robot, the 管理员 has no account and the 领导群 has no robot. 张伟 is the only leader.
 */
describe('operators’ commands on a roster with missing routes', () => {
  let ds: DataSource;
  const saved = { ...process.env };
  beforeAll(async () => {
    ds = await testDataSource();
    Object.assign(process.env, SETTINGS);
  });
  beforeEach(async () => {
    await truncateAll(ds);
    const outcome = await new RosterImportService(
      ds,
      new FixedClock(new Date('2026-11-02T01:00:00Z')),
    ).importRaw(toRaw(validTables()));
    if (!outcome.ok) throw new Error('fixture roster invalid');
  });
  afterAll(async () => {
    process.env = saved;
    await closeTestDataSource();
  });

  const stored = async () =>
    (
      await ds.query(
        `SELECT count(*)::int AS n FROM outbound_message WHERE idempotency_key LIKE 'digest-daily-%'`,
      )
    )[0].n;
  const finished = async () =>
    (
      await ds.query(
        `SELECT count(*)::int AS n FROM job_run WHERE job = 'digest-daily' AND finished_at IS NOT NULL`,
      )
    )[0].n;

  it('npm run doctor names what cannot be reached and what to fix', async () => {
    const findings = await runDoctor(process.env, new Date(AT));
    const text = findings.map((f) => `${f.level} ${f.message} ${f.fix ?? ''}`).join('\n');
    expect(text).toMatch(/warn 2 handling units have no route.*市自然资源和规划局、雁塔区行政审批服务局/);
    expect(text).toMatch(/warn \d+ active people have no account.*王芳（13800000003）/);
    expect(text).toMatch(/error no reachable 管理员/);
    expect(text).toMatch(/warn no holiday schedule for 2027/);
    expect(text).toMatch(/ok 2026 holidays known/);
    expect(text).toMatch(/ok Redis answers/);
    expect(findings.some((f) => f.level === 'error')).toBe(true);
  });

  it('npm run doctor hints at creating a missing database', async () => {
    const findings = await runDoctor({
      ...process.env,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/qinshang_no_such_db',
    });
    const db = findings.find((f) => f.area === 'database')!;
    expect(db.level).toBe('error');
    expect(db.fix).toContain('createdb');
    expect(db.fix).toContain('qinshang_no_such_db');
  });

  it('--dry-run prints who would get what and sends and records nothing', async () => {
    const { code, out } = await job('digest-daily', '--at', AT, '--dry-run');
    expect(code).toBe(0);
    expect(out).toContain('dry run: nothing sent, nothing recorded');
    expect(out).toMatch(/→ 张伟 \[wecom_app\] 每日简报/);
    expect(out).toMatch(/unreachable \(2\)[\s\S]*未绑定带机器人的群/); // the 领导群 has no robot, and the office admin 孙强 no account
    expect(await stored()).toBe(0);
    expect((await ds.query(`SELECT count(*)::int AS n FROM job_run`))[0].n).toBe(0);
  });

  it('a contact-reminders dry run lists each unreachable cadre on a line of its own', async () => {
    // Both cadres with pairs lose their WeCom account (DingTalk does not send here).
    await setAccount(ds, { mobile: '13800000001' }, 'wecom', null);
    await setAccount(ds, { mobile: '13800000002' }, 'wecom', null);
    const { out } = await job('contact-reminders', '--at', AT, '--dry-run');
    const lines = out.split('\n').filter((l) => l.includes('✗'));
    expect(lines.filter((l) => l.includes('无可用账号'))).toEqual([
      expect.stringContaining('张伟（13800000001）无可用账号'),
      expect.stringContaining('李娜（13800000002）无可用账号'),
    ]);
    expect(out).not.toMatch(/Many 无可用路线/);
    expect(await stored()).toBe(0);
  });

  it('a job whose targets are all unreachable fails loudly and leaves its period open', async () => {
    await setAccount(ds, { mobile: '13800000001' }, 'wecom', null);
    const dry = await job('digest-daily', '--at', AT, '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.out).toContain('a real run would FAIL');
    expect(dry.out).toContain('张伟（13800000001）无可用账号');

    const real = await job('digest-daily', '--at', AT);
    expect(real.code).toBe(1);
    expect(real.out).toMatch(/none of its 3 target\(s\) is reachable/);
    expect(await stored()).toBe(0);
    expect(await finished()).toBe(0);

    // Fixed: the same period runs now (it was not consumed).
    await setAccount(ds, { mobile: '13800000001' }, 'wecom', 'zhangwei');
    const again = await job('digest-daily', '--at', AT);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/digest-daily for 2026-11-25: 1 message\(s\) queued/);
    expect(await finished()).toBe(1);
  });
});
