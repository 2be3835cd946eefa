import type { DataSource } from 'typeorm';
import { Enterprise, Person } from '../../../src/entities';
import { type AppHarness, HARNESS_ADMIN_TOKEN } from '../../support/app-harness';
import { consolePost, demoHeaders, startSeededApp, stopSeededApp } from './console-http-kit';
import { badEdit, goodEdit, UPLOAD_CODE, workbookOf } from './roster-workbook';

/** The roster's changes from the console: upload with a preview, confirm, 状态, reassignment. */
let ds: DataSource;
let h: AppHarness;

beforeAll(
  async () => ({ ds, h } = await startSeededApp({ workers: false, env: { CONSOLE_DEMO_LOGIN: '1' } })),
);
afterAll(() => stopSeededApp(h));

const person = (mobile: string) => ds.getRepository(Person).findOneByOrFail({ mobile });
const bearer = { authorization: `Bearer ${HARNESS_ADMIN_TOKEN}` };

const session = (mobile: string) => demoHeaders(h, ds, mobile);
const post = (path: string, headers: Record<string, string>, body: Buffer | object, type?: string) =>
  consolePost(h, path, headers, body, type);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const uploads = async () => h.container.redis.keys(`${h.config.queuePrefix}:console:roster-upload:*`);
interface Answer {
  error?: string;
  message?: string;
  token?: string;
  errors?: { sheet: string; row: number; column: string; message: string }[];
  counts?: Record<string, { created: number; updated: number; unchanged: number; ended: number }>;
  firms?: number;
  movedProblems?: number;
  changed?: boolean;
}

describe('roster upload from the console', () => {
  it('refuses a leader, a cadre and a handler (403), before reading the file', async () => {
    for (const mobile of ['13929000020', '13929000021', '13929000007']) {
      const res = await post('/roster/upload', await session(mobile), await workbookOf(goodEdit()), XLSX);
      expect(res.status).toBe(403);
      expect(((await res.json()) as Answer).message).toBe('只有管理员可以修改名册');
    }
  });

  it('a file that is not a workbook, or no file, is a 400 in Chinese and nothing is kept', async () => {
    const admin = await session('13929000002');
    const junk = await post('/roster/upload', admin, Buffer.from('姓名,手机\n张三,138'), 'text/csv');
    expect(junk.status).toBe(400);
    expect(((await junk.json()) as Answer).message).toMatch(/无法读取该文件：请上传 Excel 工作簿/);
    const empty = await post('/roster/upload', admin, Buffer.alloc(0), XLSX);
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as Answer).message).toMatch(/请选择要上传的名册工作簿/);
    expect(await uploads()).toEqual([]);
  });

  it('a workbook with bad rows is a 422 listing every error by sheet, row and column; nothing written', async () => {
    const before = await ds.getRepository(Person).count();
    const res = await post('/roster/upload', bearer, await workbookOf(badEdit()), XLSX);
    expect(res.status).toBe(422);
    const body = (await res.json()) as Answer;
    expect(body.message).toMatch(/名册有 \d+ 处错误，未写入任何数据/);
    const where = body.errors!.map((e) => [e.sheet, e.row, e.column]);
    expect(where).toEqual(
      expect.arrayContaining([
        ['人员', 58, '手机'],
        ['包联', 62, '企业'],
      ]),
    );
    expect(body.errors!.every((e) => /第\d+行/.test(e.message))).toBe(true);
    expect(await ds.getRepository(Person).count()).toBe(before);
    expect(await uploads()).toEqual([]);
  });

  it('a good workbook previews its changes without writing them, then the confirmation applies them', async () => {
    const admin = await session('13929000002');
    const res = await post('/roster/upload', admin, await workbookOf(goodEdit()), XLSX);
    expect(res.status).toBe(200);
    const preview = (await res.json()) as Answer;
    expect(preview.counts!['企业']).toMatchObject({ created: 1, updated: 0 });
    expect(preview.counts!['人员']).toMatchObject({ created: 0, updated: 1 });
    expect(preview.counts!['包联']).toMatchObject({ created: 1, ended: 0 });
    // The preview ran the import and rolled it back.
    expect(await ds.getRepository(Enterprise).countBy({ creditCode: UPLOAD_CODE })).toBe(0);
    expect((await person('13929000021')).name).toBe('于浩然');

    // Another admin cannot confirm someone else's upload; a malformed token is a 400.
    const other = await session('13929000001');
    expect((await post('/roster/apply', other, { token: preview.token })).status).toBe(410);
    expect((await post('/roster/apply', admin, { token: 'x' })).status).toBe(400);

    const applied = await post('/roster/apply', admin, { token: preview.token });
    expect(applied.status).toBe(200);
    expect(((await applied.json()) as Answer).counts!['企业']).toMatchObject({ created: 1 });
    expect(await ds.getRepository(Enterprise).countBy({ creditCode: UPLOAD_CODE })).toBe(1);
    expect((await person('13929000021')).name).toBe('于浩然（新）');
    // Applied once: the same token again is gone.
    expect((await post('/roster/apply', admin, { token: preview.token })).status).toBe(410);
  });

  it('refuses an upload without the CSRF token', async () => {
    const { cookie } = await session('13929000002');
    const res = await post('/roster/upload', { cookie }, await workbookOf(goodEdit()), XLSX);
    expect(res.status).toBe(403);
  });
});

describe('a person’s 状态 and reassignment from the console', () => {
  it('离岗 then 在岗 with the roster column’s meaning; a leader is refused', async () => {
    const yu = await person('13929000021');
    const leader = await session('13929000020');
    expect((await post(`/roster/people/${yu.id}/status`, leader, { status: 'away' })).status).toBe(403);
    const admin = await session('13929000002');
    const bad = await post(`/roster/people/${yu.id}/status`, admin, { status: 'gone' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Answer).message).toBe('状态只能是在岗、离岗或停用');
    const away = await post(`/roster/people/${yu.id}/status`, admin, { status: 'away' });
    expect(((await away.json()) as Answer).changed).toBe(true);
    const left = await person('13929000021');
    expect(left.active).toBe(true);
    expect(left.leaveFrom).not.toBeNull();
    expect(left.leaveTo).toBeNull();
    // The admins hear who is away and what they leave behind, as after an import.
    const [notice] = await ds.query(
      `SELECT count(*)::int AS n FROM outbound_message WHERE payload::text LIKE '%人员停用/离岗%'`,
    );
    expect(notice.n).toBeGreaterThan(0);
    await post(`/roster/people/${yu.id}/status`, admin, { status: 'active' });
    expect((await person('13929000021')).leaveFrom).toBeNull();
    const again = await post(`/roster/people/${yu.id}/status`, admin, { status: 'active' });
    expect(((await again.json()) as Answer).changed).toBe(false);
    const nobody = await post(`/roster/people/00000000-0000-4000-8000-000000000000/status`, admin, {
      status: 'disabled',
    });
    expect(nobody.status).toBe(404);
  });

  it('停用 keeps the person, takes their sessions away at the next request', async () => {
    const contact = await person('13929000052');
    const theirs = await session('13929000052');
    const admin = await session('13929000002');
    await post(`/roster/people/${contact.id}/status`, admin, { status: 'disabled' });
    expect((await person('13929000052')).active).toBe(false);
    expect((await fetch(`${h.base}/api/console/me`, { headers: { cookie: theirs.cookie } })).status).toBe(
      401,
    );
    await post(`/roster/people/${contact.id}/status`, admin, { status: 'active' });
  });

  it('hands a firm to another cadre and its open problems follow it', async () => {
    const tian = await person('13929000020');
    const yu = await person('13929000021');
    const [firm] = await ds.query(`SELECT id FROM enterprise WHERE short_name = '秦创智能'`);
    await ds.query(
      `INSERT INTO problem (code, kind, description, status, enterprise_id, cadre_id, reporter_id, created_at, updated_at)
       VALUES ('W20261201-9001', 'problem', '随企业转交的问题', 'pending', $1, $2, $2, now(), now())`,
      [firm.id, tian.id],
    );
    const admin = await session('13929000002');
    const handler = await session('13929000007');
    expect(
      (await post('/roster/reassign', handler, { enterpriseId: firm.id, toCadreId: yu.id })).status,
    ).toBe(403);
    const notCadre = await person('13929000007');
    const refused = await post('/roster/reassign', admin, { enterpriseId: firm.id, toCadreId: notCadre.id });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Answer).message).toBe('新的包联干部须是名册中在岗的干部。');

    const res = await post('/roster/reassign', admin, { enterpriseId: firm.id, toCadreId: yu.id });
    expect(await res.json()).toEqual({ firms: 1, movedProblems: 1 });
    const pairs = await ds.query(
      `SELECT cadre_id, end_reason, ended_at IS NULL AS open FROM pairing WHERE enterprise_id = $1 ORDER BY started_at`,
      [firm.id],
    );
    expect(pairs.map((p: { cadre_id: string; open: boolean }) => [p.cadre_id, p.open])).toEqual([
      [tian.id, false],
      [yu.id, true],
    ]);
    expect(pairs[0].end_reason).toBe('reassigned');
    const [moved] = await ds.query(`SELECT cadre_id FROM problem WHERE code = 'W20261201-9001'`);
    expect(moved.cadre_id).toBe(yu.id);
    // Every firm of a cadre at once.
    const all = await post('/roster/reassign', admin, { fromCadreId: tian.id, toCadreId: yu.id });
    expect(((await all.json()) as Answer).firms).toBeGreaterThan(0);
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM pairing WHERE cadre_id = $1 AND ended_at IS NULL`,
      [tian.id],
    );
    expect(n).toBe(0);
  });
});
