import { type AppHarness, HARNESS_ADMIN_TOKEN, startAppHarness } from '../../support/app-harness';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';

const METRICS_TOKEN = 'metrics-token-0123456789';
let h: AppHarness;

beforeAll(async () => {
  await truncateAll(await testDataSource());
  h = await startAppHarness({ workers: false, env: { METRICS_TOKEN } });
});
afterAll(async () => {
  await h.close();
  await closeTestDataSource();
});

const api = (path: string) =>
  fetch(`${h.base}${path}`, { headers: { authorization: `Bearer ${HARNESS_ADMIN_TOKEN}` } });

describe('/api validates every parameter: 4xx, never 5xx', () => {
  it.each([
    '/api/visits?enterprise=%00',
    '/api/visits?cadre=a%00b',
    '/api/visits?from=2026-11-01%00',
    '/api/problems?unit=%00',
    '/api/problems?enterprise=%1F',
    '/api/problems/W20261123-0001%00',
    '/api/problems/%00',
    '/api/problems/%E0%A4%A',
    '/api/compliance?month=2026-11%00',
    '/api/stats?from=%00',
    '/api/visits?limit=%00',
    '/api/visits?%00=1',
    '/api/visits?enterprise[a]=1',
    '/api/problems?status=open&status=closed',
  ])('%s → 400 with a JSON reason and no stack', async (path) => {
    const res = await api(path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const body = await res.text();
    expect(body).not.toMatch(/at \w+ \(|node_modules/);
  });

  it('still answers a clean query', async () => {
    const res = await api('/api/visits?enterprise=%E7%A7%A6%E5%88%9B');
    expect(res.status).toBe(200);
  });
});

describe('/metrics needs METRICS_TOKEN when it is set', () => {
  it('refuses without the token and answers with it, counting rejected callbacks', async () => {
    expect((await fetch(`${h.base}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${h.base}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    await fetch(`${h.base}/wecom/callback?msg_signature=x&timestamp=1&nonce=1`, {
      method: 'POST',
      body: '<xml/>',
    });
    const ok = await fetch(`${h.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(
      /qinshang_callbacks_rejected_total\{route="\/wecom\/callback",reason="stale"\} 1/,
    );
  });
});
