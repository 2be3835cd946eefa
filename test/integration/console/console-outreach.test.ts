import type { DataSource } from 'typeorm';
import { Person } from '../../../src/entities';
import { type AppHarness, HARNESS_ADMIN_TOKEN } from '../../support/app-harness';
import { consolePost, demoHeaders, startSeededApp, stopSeededApp } from './console-http-kit';

/** 现场办公 minutes without problems, and 送政策 attachments, from the console. */
let ds: DataSource;
let h: AppHarness;
let policyNumber: number;
const bearer = { authorization: `Bearer ${HARNESS_ADMIN_TOKEN}` };

beforeAll(async () => {
  ({ ds, h } = await startSeededApp({ workers: false, env: { CONSOLE_DEMO_LOGIN: '1' } }));
  const tian = await person('13929000020');
  const [firm] = await ds.query(`SELECT id FROM enterprise WHERE short_name = '大雁软件'`);
  // The harness clock reads 2026-11-23: one session held that day (no problems), one next week.
  for (const [heldOn, place] of [
    ['2026-11-23', '大雁软件会议室'],
    ['2026-11-30', '大雁软件厂区'],
  ]) {
    await ds.query(
      `INSERT INTO onsite_session (enterprise_id, held_on, place, presiding_id, created_by_id)
       VALUES ($1, $2::date, $3, $4, $4)`,
      [firm.id, heldOn, place, tian.id],
    );
  }
  const [unit] = await ds.query(`SELECT id FROM org_unit WHERE kind = 'handling' ORDER BY name LIMIT 1`);
  const [policy] = await ds.query(
    `INSERT INTO policy (title, issuer, contact_unit_id, created_by_id) VALUES ('稳岗补贴政策', '市人社局', $1, $2)
     RETURNING number`,
    [unit.id, tian.id],
  );
  policyNumber = policy.number as number;
});
afterAll(() => stopSeededApp(h));

const person = (mobile: string) => ds.getRepository(Person).findOneByOrFail({ mobile });
const sessionNumber = async (place: string) =>
  ((await ds.query(`SELECT number FROM onsite_session WHERE place = $1`, [place]))[0] as { number: number })
    .number;

const signIn = (mobile: string) => demoHeaders(h, ds, mobile);
const post = (path: string, headers: Record<string, string>, body: object | Buffer, type?: string) =>
  consolePost(h, path, headers, body, type);
const message = async (res: Response) => ((await res.json()) as { message: string }).message;

describe('现场办公 minutes from the console', () => {
  it('a session with no problems gets its minutes once, from the presiding leader, after the day', async () => {
    const today = await sessionNumber('大雁软件会议室');
    const later = await sessionNumber('大雁软件厂区');
    const cadre = await signIn('13929000021');
    expect((await post(`/sessions/${today}/minutes`, cadre, { summary: '座谈' })).status).toBe(403);
    const leader = await signIn('13929000020');
    const early = await post(`/sessions/${later}/minutes`, leader, { summary: '提前写' });
    expect(early.status).toBe(409);
    expect(await message(early)).toMatch(/办公之后才能记录纪要/);
    const blank = await post(`/sessions/${today}/minutes`, leader, { summary: '  ' });
    expect(await message(blank)).toBe('请填写纪要内容。');

    const res = await post(`/sessions/${today}/minutes`, leader, {
      summary: '企业介绍扩产计划，无待办问题。',
    });
    expect(await res.json()).toEqual({ sent: true });
    const sent: { text: string }[] = await ds.query(
      `SELECT payload->>'text' AS text FROM outbound_message WHERE payload::text LIKE '%现场办公纪要%'`,
    );
    expect(sent.length).toBeGreaterThan(0);
    expect(sent[0].text).toContain('本次现场办公没有在办问题列入议题');
    expect(sent[0].text).toContain('纪要：企业介绍扩产计划，无待办问题。');
    const again = await post(`/sessions/${today}/minutes`, leader, { summary: '再发一次' });
    expect(await again.json()).toEqual({ sent: false });
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM outbound_message WHERE payload::text LIKE '%现场办公纪要%'`,
    );
    expect(n).toBe(sent.length);
    expect((await post(`/sessions/99999/minutes`, leader, { summary: 'x' })).status).toBe(404);
  });
});

describe('送政策 attachments', () => {
  const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF')]);
  const files = async () =>
    ((await ds.query(`SELECT count(*)::int AS n FROM policy_file`))[0] as { n: number }).n;
  const upload = (
    headers: Record<string, string>,
    body: Buffer,
    name = '稳岗补贴.pdf',
    number = policyNumber,
  ) =>
    post(`/policies/${number}/attachment?name=${encodeURIComponent(name)}`, headers, body, 'application/pdf');

  it('refuses a cadre, a file that is not PDF/Word, a file over 10 MB, with nothing stored', async () => {
    const cadre = await signIn('13929000021');
    expect((await upload(cadre, PDF)).status).toBe(403);
    const png = await upload(bearer, Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]), 'fake.pdf');
    expect(png.status).toBe(415);
    expect(await message(png)).toBe('附件须为 PDF 或 Word 文件（.pdf、.doc、.docx）');
    const big = await upload(bearer, Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]));
    expect(big.status).toBe(413);
    expect(await message(big)).toBe('附件超过 10 MB，请压缩或拆分后再上传');
    expect((await upload(bearer, PDF, 'a.pdf', 424242)).status).toBe(404);
    expect(await files()).toBe(0);
  });

  it('keeps the file, links the policy to it with a signed expiring link, serves it to the link only', async () => {
    const handler = await signIn('13929000007');
    const res = await upload(handler, PDF);
    expect(res.status).toBe(200);
    const { link } = (await res.json()) as { link: string };
    expect(link).toMatch(/\/console\/files\/[0-9a-f-]{36}\?exp=\d+&sig=[0-9a-f]{64}$/);
    const [policy] = await ds.query(`SELECT file_ref FROM policy WHERE number = $1`, [policyNumber]);
    expect(policy.file_ref).toBe(link);

    // Anyone holding the link downloads it, no sign-in.
    const got = await fetch(link);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(got.headers.get('content-disposition') ?? '')).toContain('稳岗补贴.pdf');
    expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);
    // An altered signature or expiry is refused.
    const tampered = link.replace(/sig=./, (m) => (m.endsWith('0') ? 'sig=1' : 'sig=0'));
    expect((await fetch(tampered)).status).toBe(404);
    expect((await fetch(link.replace(/exp=(\d+)/, (_m, e: string) => `exp=${Number(e) + 1}`))).status).toBe(
      404,
    );
    // Thirty-one days on, the link has expired.
    h.clock.advance(31 * 86_400_000);
    const expired = await fetch(link);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toBe('链接已过期，请向政策的咨询单位重新索取');
  });
});
