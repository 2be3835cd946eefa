import type { DataSource } from 'typeorm';
import { Person } from '../../../src/entities';
import { type AppHarness, HARNESS_ADMIN_TOKEN } from '../../support/app-harness';
import { startSeededApp, stopSeededApp } from './console-http-kit';

/** The console's sessions and guards over plain HTTP (the browser tests cover the pages). */
let ds: DataSource;
let h: AppHarness;

beforeAll(async () => {
  ({ ds, h } = await startSeededApp({
    workers: false,
    env: { CONSOLE_DEMO_LOGIN: '1', CONSOLE_SESSION_IDLE_MINUTES: '1' },
  }));
});
afterAll(() => stopSeededApp(h));

const personId = async (mobile: string) => (await ds.getRepository(Person).findOneByOrFail({ mobile })).id;

/** Signs in through the demo page; returns the cookie header and the CSRF token. */
async function demoSession(mobile: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${h.base}/console/auth/demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ personId: await personId(mobile) }),
  });
  expect(res.status).toBe(200);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0];
  const me = (await (await fetch(`${h.base}/api/console/me`, { headers: { cookie } })).json()) as {
    csrf: string;
  };
  return { cookie, csrf: me.csrf as string, setCookie, me };
}

describe('console sessions', () => {
  it('sets an HttpOnly SameSite cookie, Secure only over https (via the trusted proxy)', async () => {
    const plain = await demoSession('13929000021');
    expect(plain.setCookie).toMatch(/HttpOnly/i);
    expect(plain.setCookie).toMatch(/SameSite=Lax/i);
    expect(plain.setCookie).not.toMatch(/Secure/i);
    const https = await demoSession('13929000021', { 'x-forwarded-proto': 'https' });
    expect(https.setCookie).toMatch(/Secure/i);
    expect(plain.me).toMatchObject({ name: '于浩然', roles: ['干部'] });
  });

  it('expires after the idle timeout, and sign-out ends it at once', async () => {
    const s = await demoSession('13929000021');
    const keys = await h.container.redis.keys(`${h.config.queuePrefix}:console:session:*`);
    const ttls = await Promise.all(keys.map((k) => h.container.redis.ttl(k)));
    expect(Math.max(...ttls)).toBeLessThanOrEqual(60);
    expect(Math.min(...ttls)).toBeGreaterThan(0);
    const out = await fetch(`${h.base}/console/auth/logout`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBe(200);
    expect((await fetch(`${h.base}/api/console/me`, { headers: { cookie: s.cookie } })).status).toBe(401);
  });

  it('refuses sign-in posts that are not JSON (a cross-site form) and an unknown person', async () => {
    const form = await fetch(`${h.base}/console/auth/demo`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `personId=${await personId('13929000021')}`,
    });
    expect(form.status).toBe(415);
    const nobody = await fetch(`${h.base}/console/auth/demo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ personId: '00000000-0000-4000-8000-000000000000' }),
    });
    expect(nobody.status).toBe(404);
  });

  it('a wrong admin token is refused; the right one signs the office in', async () => {
    const post = (token: string) =>
      fetch(`${h.base}/console/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
    const wrong = await post('not-the-token-at-all');
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { message: string }).message).toBe('管理口令不正确');
    const right = await post(HARNESS_ADMIN_TOKEN);
    expect(right.status).toBe(200);
    const cookie = (right.headers.get('set-cookie') ?? '').split(';')[0];
    expect((await fetch(`${h.base}/api/problems`, { headers: { cookie } })).status).toBe(200);
  });

  it("the contract's routes answer to the bearer token and an admin's session, not to others", async () => {
    const bearer = await fetch(`${h.base}/api/console/problems`, {
      headers: { authorization: `Bearer ${HARNESS_ADMIN_TOKEN}` },
    });
    expect(bearer.status).toBe(200);
    const cadre = await demoSession('13929000021');
    expect((await fetch(`${h.base}/api/visits`, { headers: { cookie: cadre.cookie } })).status).toBe(403);
    const admin = await demoSession('13929000002');
    expect((await fetch(`${h.base}/api/visits`, { headers: { cookie: admin.cookie } })).status).toBe(200);
    // No cookie and no bearer header: as before.
    expect((await fetch(`${h.base}/api/visits`)).status).toBe(401);
  });

  it('a handler may not open 走访台账 or 名册; bad filters are a 400 naming the parameter', async () => {
    const handler = await demoSession('13929000007');
    expect(
      (await fetch(`${h.base}/api/console/visits`, { headers: { cookie: handler.cookie } })).status,
    ).toBe(403);
    expect(
      (await fetch(`${h.base}/api/console/roster/people`, { headers: { cookie: handler.cookie } })).status,
    ).toBe(403);
    const bad = await fetch(`${h.base}/api/console/problems?tier=purple`, {
      headers: { cookie: handler.cookie },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/tier/);
  });

  it("统计 answers for the window of its link (the digests' from/to), as the page asks for it", async () => {
    const [firm] = await ds.query(`SELECT id FROM enterprise ORDER BY name LIMIT 1`);
    const reporter = await personId('13929000021');
    await ds.query(
      `INSERT INTO problem (code, kind, enterprise_id, reporter_id, description, status, created_at)
       VALUES ('W20261015-000001', 'problem', $1, $2, '十月的问题', 'pending', '2026-10-15T10:00:00+08'),
              ('W20261110-000001', 'problem', $1, $2, '十一月的问题', 'pending', '2026-11-10T10:00:00+08')`,
      [firm.id, reporter],
    );
    const stats = async (query: string) => {
      const res = await fetch(`${h.base}/api/console/stats?${query}`, {
        headers: { authorization: `Bearer ${HARNESS_ADMIN_TOKEN}` },
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const october = await stats('from=2026-10-01&to=2026-10-31&by=month');
    expect(october.status).toBe(200);
    expect(october.body).toMatchObject({
      from: '2026-10-01',
      to: '2026-10-31',
      overall: { counts: { reported: 1 } },
      trend: [{ period: '2026-10-01', reported: 1, closed: 0 }],
    });
    const both = await stats('from=2026-10-01&to=2026-11-30&by=month');
    expect(both.body).toMatchObject({ overall: { counts: { reported: 2 } } });
    expect((await stats('from=2026-11-01&to=2026-10-01')).status).toBe(400);
  });
});
