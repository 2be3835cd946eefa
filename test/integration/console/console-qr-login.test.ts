import type { AppHarness } from '../../support/app-harness';
import { startSeededApp, stopSeededApp } from './console-http-kit';

/** WeCom's QR web login for desktop browsers, through the fake login page and auth/getuserinfo. */
let h: AppHarness;

beforeAll(async () => ({ h } = await startSeededApp({ workers: false, wecom: { agentId: '1000002' } })));
afterAll(() => stopSeededApp(h));

/** Follows one redirect by hand, carrying cookies as a browser would. */
const go = (url: string, cookie = '') =>
  fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
/** The cookies a response sets that still have a value, as a Cookie header. */
const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => !c.endsWith('='))
    .join('; ');

describe('WeCom QR web login', () => {
  it('sends the browser to the login page with the app, a state and the callback; back with a code it signs in', async () => {
    const start = await go(`${h.base}/console/auth/wecom/qr`);
    expect(start.status).toBe(302);
    const to = new URL(start.headers.get('location')!);
    expect(`${to.origin}${to.pathname}`).toBe(`${h.fake.url}/wwlogin/sso/login`);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      login_type: 'CorpApp',
      appid: h.fake.corpId,
      agentid: '1000002',
      redirect_uri: `${h.base}/console/auth/wecom/callback`,
    });
    const state = cookieOf(start);
    h.fake.oauthUser = 'yuhaoran';
    const scanned = await go(to.toString());
    expect(scanned.status).toBe(302);
    const back = new URL(scanned.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe(to.searchParams.get('state'));
    const done = await go(back.toString(), state);
    expect(done.headers.get('location')).toBe('/console/');
    const me = await fetch(`${h.base}/api/console/me`, { headers: { cookie: cookieOf(done) } });
    expect(((await me.json()) as { name: string }).name).toBe('于浩然');
  });

  it('a member who is not on the roster, or a replayed code, is refused with a reason', async () => {
    h.fake.oauthUser = 'stranger';
    const start = await go(`${h.base}/console/auth/wecom/qr`);
    const scanned = await go(start.headers.get('location')!);
    const back = scanned.headers.get('location')!;
    const done = await go(back, cookieOf(start));
    expect(done.headers.get('location')).toBe('/console/login?error=unknown_user');
    // The state was used up: the same callback again is refused.
    expect((await go(back, cookieOf(start))).headers.get('location')).toBe('/console/login?error=state');
  });

  it('the fake login page refuses what the real one refuses: a wrong app or no redirect_uri', async () => {
    const bad = await go(
      `${h.fake.url}/wwlogin/sso/login?login_type=CorpApp&appid=wrong&agentid=1000002&redirect_uri=x`,
    );
    expect(bad.status).toBe(400);
    const noRedirect = await go(
      `${h.fake.url}/wwlogin/sso/login?login_type=CorpApp&appid=${h.fake.corpId}&agentid=1000002`,
    );
    expect(noRedirect.status).toBe(400);
    const wrongAgent = await go(
      `${h.fake.url}/wwlogin/sso/login?login_type=CorpApp&appid=${h.fake.corpId}&agentid=1000009&redirect_uri=x`,
    );
    expect(wrongAgent.status).toBe(400);
  });
});
