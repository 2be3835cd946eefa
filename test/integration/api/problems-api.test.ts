import type { DataSource } from 'typeorm';
import { buildSending } from '../../../src/app/sending';
import { buildProblemWorkflow } from '../../../src/commands/problems/install';
import { Category } from '../../../src/entities';
import type { ProblemWorkflowService } from '../../../src/services/problem-workflow.service';
import { type AppHarness, HARNESS_ADMIN_TOKEN, startAppHarness } from '../../support/app-harness';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { actorOf, firmBy, MOBILES, personBy, seedRoster } from '../visits/visit-fixtures';

/** Monday 2026-11-23 10:00 in Beijing: the problems are reported then. */
const REPORTED_AT = '2026-11-23T02:00:00Z';

let ds: DataSource;
let h: AppHarness;
let wf: ProblemWorkflowService;
const codes: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  ds = await testDataSource();
  await truncateAll(ds);
  await seedRoster(ds);
  h = await startAppHarness({ workers: false, now: new Date(REPORTED_AT) });
  wf = buildProblemWorkflow(h.container, buildSending(h.container));
  const qinContact = actorOf(await personBy(ds, MOBILES.contactQinchuang));
  const chaContact = actorOf(await personBy(ds, MOBILES.contactChangan));
  const planner = actorOf(await personBy(ds, '13929000007'));
  const financier = actorOf(await personBy(ds, '13929000012'));
  const qin = await firmBy(ds, '秦创智能');
  const cha = await firmBy(ds, '长安半导体');
  const cat = async (name: string) => ds.getRepository(Category).findOneByOrFail({ name });
  const planning = await cat('规划');
  const finance = await cat('融资');
  Object.assign(ids, { qin: qin.id, planning: planning.id, planningUnit: planning.leadUnitId });

  const report = async (firm: string, description: string, categoryId: string | null, actor = qinContact) =>
    (await wf.reportAndRoute({ enterpriseId: firm, description, categoryId, sourceKey: description }, actor))
      .problem.code;
  codes.assigned = await report(qin.id, '厂房规划许可迟迟未批', planning.id);
  codes.closed = await report(cha.id, '流动资金贷款难', finance.id, chaContact);
  await wf.step('accept', [codes.closed, financier]);
  await wf.step('answer', [codes.closed, '已对接两家银行', financier]);
  await wf.step('rate', [codes.closed, 'basic', '还可以更快', chaContact]);
  codes.pending = await report(qin.id, '食堂饭菜不好吃', null);
  codes.accepted = await report(qin.id, '控规调整申请没有回音', planning.id);
  await wf.step('accept', [codes.accepted, planner]);
});
afterAll(async () => {
  await h.close();
  await closeTestDataSource();
});

const get = (path: string, token: string | null = HARNESS_ADMIN_TOKEN) =>
  fetch(`${h.base}/api${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

interface Row {
  code: string;
  tier: string;
  status: string;
  [k: string]: unknown;
}

async function list(query: string): Promise<{ items: Row[]; total: number }> {
  const res = await get(`/problems${query}`);
  expect(res.status).toBe(200);
  return res.json() as Promise<{ items: Row[]; total: number }>;
}

const codesOf = (r: { items: Row[] }) => r.items.map((i) => i.code);

describe('GET /api/problems', () => {
  it('lists every problem newest first in the contract shape', async () => {
    const all = await list('');
    expect(all.total).toBe(4);
    expect(codesOf(all)).toEqual([codes.accepted, codes.pending, codes.closed, codes.assigned]);
    const closed = all.items.find((i) => i.code === codes.closed);
    expect(closed).toEqual({
      id: expect.any(String),
      code: codes.closed,
      kind: 'problem',
      category: '融资',
      description: '流动资金贷款难',
      status: 'closed',
      tier: 'normal',
      enterprise: { id: expect.any(String), name: '西安长安半导体有限公司' },
      leadUnit: { id: expect.any(String), name: '市地方金融管理局' },
      deadline: '2026-12-07',
      createdAt: '2026-11-23T10:00:00.000+08:00',
      closedAt: '2026-11-23T10:00:00.000+08:00',
      rating: '基本满意',
    });
    const pending = all.items.find((i) => i.code === codes.pending);
    expect(pending).toMatchObject({
      category: null,
      leadUnit: null,
      deadline: null,
      rating: null,
      closedAt: null,
    });
  });

  it('filters by status, category (name or id), unit (name or id), enterprise (id, credit code or name)', async () => {
    expect(codesOf(await list('?status=accepted'))).toEqual([codes.accepted]);
    expect(codesOf(await list('?category=规划'))).toEqual([codes.accepted, codes.assigned]);
    expect(codesOf(await list(`?category=${ids.planning}`))).toEqual([codes.accepted, codes.assigned]);
    expect(codesOf(await list('?unit=市地方金融管理局'))).toEqual([codes.closed]);
    expect((await list(`?unit=${ids.planningUnit}`)).total).toBe(2);
    expect((await list(`?enterprise=${ids.qin}`)).total).toBe(3);
    expect(codesOf(await list('?enterprise=91610103MA600005TE'))).toEqual([codes.closed]);
    expect((await list('?enterprise=西安秦创智能装备有限公司&status=pending')).total).toBe(1);
    expect(await list('?unit=不存在的单位')).toEqual({ items: [], total: 0 });
  });

  it('pages with limit and offset; total counts before paging', async () => {
    const page = await list('?limit=1&offset=1');
    expect(page.total).toBe(4);
    expect(codesOf(page)).toEqual([codes.pending]);
  });

  it('filters by tier with the same colours as the cards', async () => {
    // Deadlines are 2026-12-07; on 12-14 the open ones are overdue by 5 working days: red.
    h.clock.set('2026-12-14T02:00:00Z');
    try {
      const red = await list('?tier=red');
      expect(codesOf(red)).toEqual([codes.accepted, codes.assigned]);
      expect(red.items.every((i) => i.tier === 'red')).toBe(true);
      expect((await list('?tier=normal')).total).toBe(2);
      h.clock.set('2026-12-07T02:00:00Z');
      expect(codesOf(await list('?tier=blue'))).toEqual([codes.accepted, codes.assigned]);
    } finally {
      h.clock.set(REPORTED_AT);
    }
  });

  it('answers 400 on bad values and unknown parameters, 401 without the token', async () => {
    for (const q of [
      '?status=open',
      '?tier=purple',
      '?limit=0',
      '?offset=-1',
      '?foo=1',
      '?status=closed&status=pending',
    ]) {
      const res = await get(`/problems${q}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'bad_query' });
    }
    expect((await get('/problems', null)).status).toBe(401);
  });
});

describe('GET /api/problems/:code', () => {
  it('gives the problem with its events', async () => {
    const res = await get(`/problems/${codes.closed.toLowerCase()}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Row & { events: Record<string, unknown>[] };
    expect(body).toMatchObject({ code: codes.closed, status: 'closed', rating: '基本满意' });
    expect(body.events.map((e) => [e.action, e.from, e.to])).toEqual([
      ['report', null, 'pending'],
      ['assign', 'pending', 'assigned'],
      ['accept', 'assigned', 'accepted'],
      ['answer', 'accepted', 'answered'],
      ['rate', 'answered', 'closed'],
    ]);
    expect(body.events[0]).toEqual({
      at: '2026-11-23T10:00:00.000+08:00',
      actor: '汪立新',
      action: 'report',
      from: null,
      to: 'pending',
      note: '流动资金贷款难',
    });
    expect(body.events[1].actor).toBeNull();
  });

  it('404 for an unknown code, 400 for something that is not a code', async () => {
    expect((await get('/problems/W20991231-0001')).status).toBe(404);
    expect((await get('/problems/abc')).status).toBe(400);
  });
});
