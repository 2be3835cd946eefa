import type { DataSource } from 'typeorm';
import { FixedClock } from '../../../src/lib/clock';
import { VisitConfirmationService, VisitService } from '../../../src/services/visits';
import { type AppHarness, HARNESS_ADMIN_TOKEN, startAppHarness } from '../../support/app-harness';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { actorOf, firmBy, MOBILES, personBy, seedRoster } from '../visits/visit-fixtures';

let ds: DataSource;
let h: AppHarness;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ds = await testDataSource();
  await truncateAll(ds);
  await seedRoster(ds);
  h = await startAppHarness({ workers: false });
  const clock = new FixedClock(new Date('2026-11-23T02:00:00Z'));
  const visits = new VisitService(ds, clock);
  const tian = await personBy(ds, MOBILES.tian);
  const yu = await personBy(ds, MOBILES.yu);
  const contact = await personBy(ds, MOBILES.contactQinchuang);
  const qinchuang = await firmBy(ds, '秦创智能');
  const zhuque = await firmBy(ds, '朱雀金融');
  Object.assign(ids, { tian: tian.id, yu: yu.id, qinchuang: qinchuang.id, zhuque: zhuque.id });
  const add = async (cadre: typeof tian, firm: string, visitedOn: string, summary: string) =>
    (
      await visits.registerVisit(
        { cadreId: cadre.id, enterpriseId: firm, visitedOn, method: 'onsite', summary, sourceKey: summary },
        actorOf(cadre),
      )
    ).visit.id;
  ids.oct = await add(tian, qinchuang.id, '2026-10-31', '十月底');
  ids.nov1 = await add(tian, qinchuang.id, '2026-11-01', '十一月初');
  ids.nov20 = await add(tian, qinchuang.id, '2026-11-20', '了解用工');
  ids.yuVisit = await add(yu, zhuque.id, '2026-11-21', '融资对接');
  await new VisitConfirmationService(ds, clock).confirmVisit(ids.nov20, actorOf(contact));
});
afterAll(async () => {
  await h.close();
  await closeTestDataSource();
});

const get = (query: string, token: string | null = HARNESS_ADMIN_TOKEN) =>
  fetch(`${h.base}/api/visits${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

async function list(query: string): Promise<{ items: Record<string, unknown>[]; total: number }> {
  const res = await get(query);
  expect(res.status).toBe(200);
  return res.json() as Promise<{ items: Record<string, unknown>[]; total: number }>;
}

const summaries = (body: { items: Record<string, unknown>[] }) => body.items.map((i) => i.summary);

describe('GET /api/visits', () => {
  it('lists visits newest first in the contract’s shape', async () => {
    const body = await list('');
    expect(body.total).toBe(4);
    expect(summaries(body)).toEqual(['融资对接', '了解用工', '十一月初', '十月底']);
    expect(body.items[1]).toEqual({
      id: ids.nov20,
      visitedOn: '2026-11-20',
      method: 'onsite',
      summary: '了解用工',
      cadre: { id: ids.tian, name: '田振华', mobile: MOBILES.tian },
      enterprise: { id: ids.qinchuang, name: '西安秦创智能装备有限公司', creditCode: '91610113MA60000R5H' },
      confirmedAt: '2026-11-23T10:00:00.000+08:00',
    });
    expect(body.items[0].confirmedAt).toBeNull();
  });

  it('filters by dates (inclusive), enterprise (id or credit code) and cadre (id or mobile)', async () => {
    expect(summaries(await list('?from=2026-11-01&to=2026-11-20'))).toEqual(['了解用工', '十一月初']);
    expect(summaries(await list('?to=2026-10-31'))).toEqual(['十月底']);
    expect((await list(`?enterprise=${ids.zhuque}`)).total).toBe(1);
    expect((await list('?enterprise=91610113ma60000r5h')).total).toBe(3);
    expect((await list(`?cadre=${ids.yu}`)).total).toBe(1);
    expect((await list(`?cadre=${MOBILES.tian}&from=2026-11-01`)).total).toBe(2);
    expect((await list('?cadre=13900000000')).total).toBe(0);
  });

  it('counts the total before paging', async () => {
    const page = await list('?limit=1&offset=1');
    expect(page.total).toBe(4);
    expect(summaries(page)).toEqual(['了解用工']);
  });

  it('pages visits of one day and one transaction stably: every row once', async () => {
    await ds.query(
      `INSERT INTO visit (cadre_id, enterprise_id, visited_on, method, summary)
       SELECT $1, $2, '2026-09-09', 'phone', 'batch-' || n FROM generate_series(1, 12) n`,
      [ids.tian, ids.qinchuang],
    );
    const seen: unknown[] = [];
    for (let offset = 0; offset < 12; offset += 5) {
      seen.push(...(await list(`?to=2026-09-09&limit=5&offset=${offset}`)).items.map((i) => i.id));
    }
    expect(new Set(seen).size).toBe(12);
    await ds.query(`DELETE FROM visit WHERE visited_on = '2026-09-09'`);
  });

  it('answers an empty page with total 0 when nothing matches', async () => {
    expect(await list('?from=2030-01-01')).toEqual({ items: [], total: 0 });
  });

  it.each([
    ['?from=2026-02-30', 'from'],
    ['?to=2026/11/01', 'to'],
    ['?from=2026-11-20&to=2026-11-01', 'from is after to'],
    ['?from=2026-11-01&from=2026-11-02', 'more than once'],
    ['?month=2026-11', 'month'],
    ['?limit=0', 'limit'],
  ])('answers 400 on %s', async (query, says) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('bad_query');
    expect(body.message).toContain(says);
  });

  it('answers 401 without the token or with a wrong one', async () => {
    expect((await get('', null)).status).toBe(401);
    const wrong = await get('', 'not-the-admin-token-0000000');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('GET /api/visits without ADMIN_TOKEN', () => {
  it('answers 503: the API is closed until the token is set', async () => {
    const closed = await startAppHarness({ workers: false, env: { ADMIN_TOKEN: '' } });
    try {
      const res = await fetch(`${closed.base}/api/visits`, {
        headers: { authorization: `Bearer ${HARNESS_ADMIN_TOKEN}` },
      });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: string }).error).toBe('api_disabled');
    } finally {
      await closed.close();
    }
  });
});
