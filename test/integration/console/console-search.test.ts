import type { DataSource } from 'typeorm';
import { ConsoleRepository } from '../../../src/console/console.repository';
import { officialCalendar } from '../../../src/services/calendar-official';
import type { Actor } from '../../../src/services/permissions';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';

/**
 * The 工作台账 and 走访台账 free-text search (stored search text kept by triggers, a GIN index of its
 * characters and pairs): each field finds its rows, the viewer's scope holds, renames are followed, and
 * the rows found are those an ILIKE over the same fields finds.
 */
let ds: DataSource;
let repo: ConsoleRepository;
const TODAY = '2026-11-25';
const page = { limit: 50, offset: 0 };
const calendar = officialCalendar();

const ids: Record<string, string> = {};
const admin: Actor = {
  personId: '00000000-0000-0000-0000-000000000000',
  roles: ['admin'],
  unitId: null,
  enterpriseId: null,
};
const as = (roles: Actor['roles'], person: string, unit: string | null): Actor => ({
  personId: ids[person],
  roles,
  unitId: unit ? ids[unit] : null,
  enterpriseId: null,
});

async function insert(sql: string, params: unknown[]): Promise<string> {
  const [{ id }]: { id: string }[] = await ds.query(`${sql} RETURNING id`, params);
  return id;
}

beforeAll(async () => {
  ds = await testDataSource();
  await truncateAll(ds);
  repo = new ConsoleRepository(ds, { blueWithinDays: 1, redOverdueDays: 3, redRedoCount: 2 });
  const unit = (name: string, kind: string, parent: string | null = null) =>
    insert(`INSERT INTO org_unit (name, kind, parent_id) VALUES ($1, $2, $3)`, [name, kind, parent]);
  ids.city = await unit('西安市', 'district');
  ids.office = await unit('亲商助企办', 'campaign');
  ids.yanta = await unit('雁塔区', 'district', ids.city);
  ids.beilin = await unit('碑林区', 'district', ids.city);
  ids.yantaOffice = await unit('雁塔区亲商办', 'campaign', ids.yanta);
  ids.power = await unit('国网西安供电公司', 'handling');
  ids.commerce = await unit('市商务局', 'handling');
  const person = (name: string, mobile: string, roles: string[], unitId: string) =>
    insert(`INSERT INTO person (name, mobile, roles, unit_id) VALUES ($1, $2, $3::varchar[], $4)`, [
      name,
      mobile,
      roles,
      unitId,
    ]);
  ids.zhang = await person('张晓峰', '13900000001', ['cadre'], ids.yanta);
  ids.li = await person('李卫东', '13900000002', ['cadre'], ids.beilin);
  ids.leader = await person('王建设', '13900000003', ['leader'], ids.yanta);
  ids.cityLeader = await person('赵总揽', '13900000004', ['leader'], ids.office);
  ids.yantaOfficeLeader = await person('钱区办', '13900000005', ['leader'], ids.yantaOffice);
  const firm = (name: string, short: string, code: string, district: string) =>
    insert(`INSERT INTO enterprise (name, short_name, credit_code, district_id) VALUES ($1, $2, $3, $4)`, [
      name,
      short,
      code,
      district,
    ]);
  ids.jiaoda = await firm('西安交通大学科技园有限公司', '交大科技园', '916101000000000001', ids.yanta);
  ids.changan = await firm('陕西长安半导体有限公司', '长安芯', '916101000000000002', ids.beilin);
  await ds.query(
    `INSERT INTO pairing (cadre_id, enterprise_id, started_at) VALUES ($1, $2, now()), ($3, $4, now())`,
    [ids.zhang, ids.jiaoda, ids.li, ids.changan],
  );
  const problem = (code: string, firmId: string, cadre: string, unitId: string, text: string) =>
    insert(
      `INSERT INTO problem (code, kind, enterprise_id, reporter_id, cadre_id, description, status, lead_unit_id,
         assigned_at, due_on, created_at)
       VALUES ($1, 'problem', $2, $3, $3, $4, 'assigned', $5, now(), '2026-12-31', '2026-11-20T10:00:00+08')`,
      [code, firmId, cadre, text, unitId],
    );
  ids.p1 = await problem('W20261120-000001', ids.jiaoda, ids.zhang, ids.power, '园区用电报装需要提速');
  ids.p2 = await problem('W20261120-000002', ids.changan, ids.li, ids.commerce, 'WiFi 覆盖不足，达标率 100%');
  const visit = (cadre: string, firmId: string, summary: string) =>
    insert(
      `INSERT INTO visit (cadre_id, enterprise_id, visited_on, method, summary) VALUES ($1, $2, '2026-11-18', 'onsite', $3)`,
      [cadre, firmId, summary],
    );
  ids.v1 = await visit(ids.zhang, ids.jiaoda, '了解融资需求');
  ids.v2 = await visit(ids.li, ids.changan, '座谈 Export 政策');
});
afterAll(closeTestDataSource);

const problemIds = async (actor: Actor, q?: string) =>
  (await repo.problems(actor, q === undefined ? {} : { q }, TODAY, calendar, page)).items
    .map((r) => r.id)
    .sort();
const visitIds = async (actor: Actor, q?: string) =>
  (await repo.visits(actor, q === undefined ? {} : { q }, page)).items.map((r) => r.id).sort();
const sorted = (...keys: string[]) => keys.map((k) => ids[k]).sort();

describe('工作台账 search', () => {
  it.each([
    ['the code', 'W20261120-000001'],
    ['the code in lower case', 'w20261120-000001'],
    ['the description', '用电报装'],
    ['one character of the description', '装'],
    ["the firm's name", '交通大学'],
    ["the firm's short name", '交大'],
    ["the lead unit's name", '供电公司'],
    ["the cadre's name", '张晓峰'],
  ])('finds a problem by %s', async (_what, q) => {
    expect(await problemIds(admin, q)).toEqual(sorted('p1'));
  });

  it('reads LIKE wildcards and case as typed, and needs the whole text in one field', async () => {
    expect(await problemIds(admin, '100%')).toEqual(sorted('p2'));
    expect(await problemIds(admin, '%')).toEqual(sorted('p2'));
    expect(await problemIds(admin, '_')).toEqual([]);
    expect(await problemIds(admin, 'wifi')).toEqual(sorted('p2'));
    // The end of the description and the start of the firm's name are two fields.
    expect(await problemIds(admin, '提速西安')).toEqual([]);
    expect(await problemIds(admin, '园区用电报装需要提速了')).toEqual([]);
  });

  it("keeps to the viewer's scope", async () => {
    const leader = as(['leader'], 'leader', 'yanta');
    expect(await problemIds(leader, '长安')).toEqual([]);
    expect(await problemIds(leader, '交大')).toEqual(sorted('p1'));
    expect(await problemIds(as(['cadre'], 'li', 'beilin'), '用电')).toEqual([]);
    expect(await problemIds(as(['cadre'], 'zhang', 'yanta'), '用电')).toEqual(sorted('p1'));
    expect(await problemIds(as(['handler'], 'zhang', 'commerce'), '公司')).toEqual(sorted('p2'));
  });

  it('follows a rewritten description and renamed firms, units and people', async () => {
    await ds.query(`UPDATE problem SET description = '园区用水报装需要提速' WHERE id = $1`, [ids.p1]);
    expect(await problemIds(admin, '用水')).toEqual(sorted('p1'));
    expect(await problemIds(admin, '用电')).toEqual([]);
    await ds.query(`UPDATE enterprise SET short_name = '交科园' WHERE id = $1`, [ids.jiaoda]);
    expect(await problemIds(admin, '交科园')).toEqual(sorted('p1'));
    expect(await visitIds(admin, '交科园')).toEqual(sorted('v1'));
    expect(await problemIds(admin, '交大')).toEqual([]);
    await ds.query(`UPDATE org_unit SET name = '国网西安电力公司' WHERE id = $1`, [ids.power]);
    expect(await problemIds(admin, '电力')).toEqual(sorted('p1'));
    await ds.query(`UPDATE person SET name = '张晓锋' WHERE id = $1`, [ids.zhang]);
    expect(await problemIds(admin, '张晓锋')).toEqual(sorted('p1'));
    expect(await visitIds(admin, '张晓锋')).toEqual(sorted('v1'));
    expect(await problemIds(admin, '张晓峰')).toEqual([]);
    // A problem moved to another unit reads the new unit's name.
    await ds.query(`UPDATE problem SET lead_unit_id = $2 WHERE id = $1`, [ids.p1, ids.commerce]);
    expect(await problemIds(admin, '商务局')).toEqual(sorted('p1', 'p2'));
  });
});

describe('走访台账 search', () => {
  it.each([
    ['the summary', '融资'],
    ['one character of the summary', '融'],
    ["the firm's name", '长安半导体'],
    ["the firm's short name", '长安芯'],
    ["the cadre's name", '李卫东'],
    ['latin letters in another case', 'export'],
  ])('finds a visit by %s', async (_what, q) => {
    const expected = q === '融资' || q === '融' ? sorted('v1') : sorted('v2');
    expect(await visitIds(admin, q)).toEqual(expected);
  });

  it("keeps to the viewer's scope, with and without words", async () => {
    const leader = as(['leader'], 'leader', 'yanta');
    expect(await visitIds(leader)).toEqual(sorted('v1'));
    expect(await visitIds(leader, '长安')).toEqual([]);
    expect(await visitIds(leader, '融资')).toEqual(sorted('v1'));
    expect(await visitIds(as(['leader'], 'cityLeader', 'office'))).toEqual(sorted('v1', 'v2'));
    expect(await visitIds(as(['leader'], 'cityLeader', 'office'), '长安')).toEqual(sorted('v2'));
    expect(await visitIds(as(['leader'], 'yantaOfficeLeader', 'yantaOffice'))).toEqual(sorted('v1'));
    expect(await visitIds(as(['cadre'], 'li', 'beilin'), '融资')).toEqual([]);
    expect(await visitIds(as(['cadre'], 'li', 'beilin'))).toEqual(sorted('v2'));
    // A leader who is also a cadre sees their own visits beyond the district.
    expect(await visitIds(as(['leader', 'cadre'], 'li', 'yanta'))).toEqual(sorted('v1', 'v2'));
  });
});

describe('search equals ILIKE over the same fields', () => {
  const words = ['公司', '西安', '安', '需', '交', '座谈', 'w2026', '2026112', '100', '%', '东', '区'];

  it.each(words)('problems matching %s', async (q) => {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const expected: { id: string }[] = await ds.query(
      `SELECT p.id FROM problem p JOIN enterprise e ON e.id = p.enterprise_id
       LEFT JOIN org_unit u ON u.id = p.lead_unit_id LEFT JOIN person c ON c.id = p.cadre_id
       WHERE p.code ILIKE $1 OR p.description ILIKE $1 OR e.name ILIKE $1 OR e.short_name ILIKE $1
          OR u.name ILIKE $1 OR c.name ILIKE $1`,
      [like],
    );
    expect(await problemIds(admin, q)).toEqual(expected.map((r) => r.id).sort());
  });

  it.each(words)('visits matching %s', async (q) => {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const expected: { id: string }[] = await ds.query(
      `SELECT v.id FROM visit v JOIN enterprise e ON e.id = v.enterprise_id JOIN person c ON c.id = v.cadre_id
       WHERE v.summary ILIKE $1 OR e.name ILIKE $1 OR e.short_name ILIKE $1 OR c.name ILIKE $1`,
      [like],
    );
    expect(await visitIds(admin, q)).toEqual(expected.map((r) => r.id).sort());
  });
});
