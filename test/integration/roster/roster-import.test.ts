import type { DataSource } from 'typeorm';
import { FixedClock } from '../../../src/lib/clock';
import { RosterImportService } from '../../../src/roster/roster-import.service';
import { readCsvFolder } from '../../../src/roster/roster.reader';
import type { RawRoster } from '../../../src/roster/roster.types';
import { validateRoster } from '../../../src/roster/roster.validator';
import { DEMO_ROSTER_DIR, seedIfEmpty } from '../../../src/roster/seed';
import { CODE_A, CODE_B, tablesWith, toRaw, validTables } from '../../fixtures/roster/roster.builder';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';

const TABLES = ['org_unit', 'person', 'enterprise', 'pairing', 'category', 'group_chat', 'holiday'];

let ds: DataSource;
let clock: FixedClock;
let service: RosterImportService;

async function rowCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = (await ds.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n;
  return out;
}

async function importOk(raw: RawRoster) {
  const outcome = await service.importRaw(raw);
  if (!outcome.ok) throw new Error(outcome.errors.map((e) => e.message).join('\n'));
  return outcome.counts;
}

async function pairingsOf(code: string) {
  return ds.query(
    `SELECT p.mobile, pr.started_at, pr.ended_at, pr.end_reason FROM pairing pr
     JOIN person p ON p.id = pr.cadre_id JOIN enterprise e ON e.id = pr.enterprise_id
     WHERE e.credit_code = $1 ORDER BY pr.started_at, pr.ended_at NULLS LAST`,
    [code],
  );
}

beforeAll(async () => {
  ds = await testDataSource();
});
beforeEach(async () => {
  await truncateAll(ds);
  clock = new FixedClock(new Date('2026-11-02T01:00:00Z'));
  service = new RosterImportService(ds, clock);
});
afterAll(closeTestDataSource);

describe('RosterImportService', () => {
  it('imports the demo roster twice with the same row counts, the second time changing nothing', async () => {
    const raw = await readCsvFolder(DEMO_ROSTER_DIR);
    const first = await importOk(raw);
    const after = await rowCounts();
    expect(after).toMatchObject({
      org_unit: first['单位'].created,
      person: first['人员'].created,
      pairing: first['包联'].created,
    });
    expect(after.enterprise).toBeGreaterThanOrEqual(55);

    clock.advance(86_400_000);
    const second = await importOk(raw);
    expect(await rowCounts()).toEqual(after);
    for (const c of Object.values(second)) expect(c).toMatchObject({ created: 0, updated: 0, ended: 0 });
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM person WHERE updated_at > $1`, [
      new Date('2026-11-02T02:00:00Z'),
    ]);
    expect(n).toBe(0);
  });

  it('stores resolved references and mapped values', async () => {
    await importOk(toRaw(validTables()));
    const [person] = await ds.query(
      `SELECT p.roles, (SELECT account_id FROM person_account WHERE person_id = p.id AND platform = 'wecom') AS wecom_user_id, u.name AS unit, e.credit_code FROM person p
       JOIN org_unit u ON u.id = p.unit_id LEFT JOIN enterprise e ON e.id = p.enterprise_id WHERE p.mobile = '13800000004'`,
    );
    expect(person).toEqual({
      roles: ['contact'],
      wecom_user_id: 'zhaomin',
      unit: '雁塔区',
      credit_code: CODE_A,
    });
    const [unit] = await ds.query(
      `SELECT c.kind FROM org_unit c JOIN org_unit p ON p.id = c.parent_id WHERE c.name = '雁塔区行政审批服务局' AND p.name = '雁塔区'`,
    );
    expect(unit).toEqual({ kind: 'handling' });
    const [category] = await ds.query(
      `SELECT kind, time_limit_days, keywords FROM category WHERE name = '帮办'`,
    );
    expect(category).toEqual({ kind: 'assist', time_limit_days: 5, keywords: ['帮办'] });
    const chats = await ds.query(
      `SELECT purpose, enterprise_id IS NOT NULL AS e, unit_id IS NOT NULL AS u FROM group_chat ORDER BY chat_id`,
    );
    expect(chats).toEqual([
      { purpose: 'district', e: false, u: true },
      { purpose: 'enterprise', e: true, u: false },
      { purpose: 'leaders', e: false, u: false },
      { purpose: 'unit', e: false, u: true },
    ]);
    expect(
      await ds.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM holiday ORDER BY date`),
    ).toEqual([
      { date: '2027-01-01', kind: 'off' },
      { date: '2027-02-20', kind: 'work' },
    ]);
    const [pair] = await pairingsOf(CODE_A);
    expect(pair).toMatchObject({ mobile: '13800000001', started_at: clock.now(), ended_at: null });
  });

  it('ends a reassigned pairing and starts the new one, and ends a pairing gone from the roster', async () => {
    await importOk(toRaw(validTables()));
    const before = await rowCounts();
    clock.advance(7 * 86_400_000);
    const tables = tablesWith(['包联', 2, '干部手机', '13800000002']); // 秦创 moves from 张伟 to 李娜
    tables['包联'].splice(3, 1); // 雁塔区城市更新项目 (row 4) is no longer paired
    const counts = await importOk(toRaw(tables));
    expect(counts['包联']).toEqual({ created: 1, updated: 0, unchanged: 1, ended: 2 });

    const history = await pairingsOf(CODE_A);
    expect(history).toEqual([
      expect.objectContaining({ mobile: '13800000001', ended_at: clock.now(), end_reason: 'reassigned' }),
      expect.objectContaining({ mobile: '13800000002', started_at: clock.now(), ended_at: null }),
    ]);
    const [gone] = await ds.query(
      `SELECT pr.end_reason, pr.ended_at FROM pairing pr JOIN enterprise e ON e.id = pr.enterprise_id WHERE e.name = '雁塔区城市更新项目'`,
    );
    expect(gone).toEqual({ end_reason: 'roster', ended_at: clock.now() });
    expect((await pairingsOf(CODE_B))[0]).toMatchObject({
      ended_at: null,
      started_at: new Date('2026-11-02T01:00:00Z'),
    });
    expect((await rowCounts()).pairing).toBe(before.pairing + 1); // ended, never deleted

    const again = await importOk(toRaw(tables));
    expect(again['包联']).toEqual({ created: 0, updated: 0, unchanged: 2, ended: 0 });
  });

  it('updates changed rows by natural key and leaves people who left the roster in place', async () => {
    await importOk(toRaw(validTables()));
    const tables = tablesWith(
      ['人员', 3, '姓名', '李娜娜'],
      ['企业', 2, '行业', '智能制造'],
      ['人员', 2, '企业微信账号', 'lina'],
    );
    tables['人员'][2][4] = 'lina2'; // 李娜 gives her account up to 张伟 in the same import
    tables['人员'].splice(3, 1); // 王芳 (row 4) is gone from the roster
    const counts = await importOk(toRaw(tables));
    expect(counts['人员']).toEqual({ created: 0, updated: 2, unchanged: 2, ended: 0 });
    expect(counts['企业']).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const people = await ds.query(
      `SELECT mobile, name, (SELECT account_id FROM person_account a WHERE a.person_id = p.id AND a.platform = 'wecom') AS wecom_user_id FROM person p ORDER BY mobile`,
    );
    expect(
      people.map((p: { name: string; wecom_user_id: string | null }) => [p.name, p.wecom_user_id]),
    ).toEqual([
      ['张伟', 'lina'],
      ['李娜娜', 'lina2'],
      ['王芳', null],
      ['赵敏', 'zhaomin'],
      ['孙强', null],
    ]);
  });

  it('stores 每月走访次数 as the firm’s contact target, updates it on re-import and clears it when emptied', async () => {
    const targets = (...cells: string[]) => {
      const tables = validTables();
      tables['企业'] = tables['企业'].map((row, i) => [
        ...row,
        i === 0 ? '每月走访次数' : (cells[i - 1] ?? ''),
      ]);
      return toRaw(tables);
    };
    const stored = async () =>
      (
        await ds.query(
          `SELECT credit_code, contact_target FROM enterprise WHERE credit_code = ANY($1) ORDER BY credit_code`,
          [[CODE_A, CODE_B]],
        )
      ).map((r: { credit_code: string; contact_target: number | null }) => [r.credit_code, r.contact_target]);
    await importOk(targets('3', ''));
    expect(await stored()).toEqual([
      [CODE_A, 3],
      [CODE_B, null],
    ]);
    const counts = await importOk(targets('', '4'));
    expect(counts['企业']).toMatchObject({ updated: 2, unchanged: 1 });
    expect(await stored()).toEqual([
      [CODE_A, null],
      [CODE_B, 4],
    ]);
    // A roster without the column at all means the default for every firm.
    await importOk(toRaw(validTables()));
    expect(await stored()).toEqual([
      [CODE_A, null],
      [CODE_B, null],
    ]);
    const bad = await service.importRaw(targets('两次'));
    expect(bad.ok).toBe(false);
    expect(await stored()).toEqual([
      [CODE_A, null],
      [CODE_B, null],
    ]);
  });

  it('writes nothing when the roster has errors, and returns every error', async () => {
    await importOk(toRaw(validTables()));
    const before = await rowCounts();
    const tables = tablesWith(['人员', 4, '手机', '1381234567'], ['群聊', 3, '群机器人地址', 'not a url']);
    tables['单位'].push(['碑林区', '区县', '']);
    tables['人员'].push(['新人', '13800000009', '碑林区', '干部', '', '', '']);
    const outcome = await service.importRaw(toRaw(tables));
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? [] : outcome.errors.map((e) => `${e.sheet}${e.row}${e.column}`)).toEqual([
      '人员4手机',
      '群聊3群机器人地址',
    ]);
    expect(await rowCounts()).toEqual(before);
    expect(await ds.query(`SELECT 1 FROM org_unit WHERE name = '碑林区'`)).toEqual([]);
  });

  it('imports an incremental roster that refers to rows already in the database', async () => {
    await importOk(toRaw(validTables()));
    const tables = validTables();
    const header = (sheet: keyof typeof tables) => [tables[sheet][0]];
    const raw = toRaw({
      单位: [...header('单位'), ['碑林区', '区县', '']],
      人员: [...header('人员'), ['周杰', '13800000010', '碑林区', '干部', 'zhoujie', '', '']],
      企业: header('企业'),
      包联: [...header('包联'), ['13800000010', '秦创'], ['13800000002', CODE_B]],
      问题类别: header('问题类别'),
      群聊: header('群聊'),
    });
    expect(validateRoster(raw).ok).toBe(false); // on its own it refers to unknown rows
    const counts = await importOk(raw);
    expect(counts['包联']).toEqual({ created: 1, updated: 0, unchanged: 1, ended: 2 });
    expect((await pairingsOf(CODE_A)).at(-1)).toMatchObject({ mobile: '13800000010', ended_at: null });
  });

  it('seedIfEmpty loads the demo roster once', async () => {
    const counts = await seedIfEmpty(ds, clock);
    expect(counts?.['企业'].created).toBeGreaterThanOrEqual(55);
    const after = await rowCounts();
    expect(await seedIfEmpty(ds, clock)).toBeNull();
    expect(await rowCounts()).toEqual(after);
  });

  it('imports a validated roster through import() with progress per sheet', async () => {
    const result = validateRoster(toRaw(validTables()));
    if (!result.ok) throw new Error('fixture invalid');
    const seen: string[] = [];
    const counts = await service.import(result.roster, {
      batchSize: 2,
      onProgress: (p) => seen.push(`${p.sheet}${p.done}/${p.total}`),
    });
    expect(counts['人员'].created).toBe(5);
    expect(seen).toEqual(expect.arrayContaining(['人员0/5', '人员2/5', '人员4/5', '人员5/5', '节假日2/2']));
  });
});
