import type { DataSource } from 'typeorm';
import { Problem, Visit } from '../../../src/entities';
import { buildWecomAppCardEventCallback } from '../../support/callbacks/wecom-callback.builder';
import { type AppHarness, contentOf, startAppHarness } from '../../support/app-harness';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { seedRoster } from './visit-fixtures';

/** The demo roster's 企业群 robots (seeds/roster/群聊.csv), so the fake accepts their pushes. */
const GROUP_KEYS = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `demo-ent-${n}`);

let ds: DataSource;
let h: AppHarness;

beforeAll(async () => {
  ds = await testDataSource();
});
beforeEach(async () => {
  await truncateAll(ds);
  await seedRoster(ds);
  h = await startAppHarness({ wecom: { webhookKeys: GROUP_KEYS } });
});
afterEach(async () => {
  await h.close();
});
afterAll(closeTestDataSource);

const replyTo = (user: string, n = 0) =>
  h.waitForSent((r) => r.api === 'message/send' && r.to === user && h.textsTo(user).length > n);

describe('登记走访 end to end (WeCom callback → inbound worker → bot → outbox → fake WeCom)', () => {
  it('a cadre registers a visit with a problem; the firm’s group gets a confirm card; the contact confirms', async () => {
    await h.sayWecom(
      'tianzhenhua',
      '登记走访 秦创智能 11月20日 上门 了解用工情况 发现问题：厂房用地指标迟迟未批',
    );
    await replyTo('tianzhenhua');
    const [reply] = h.textsTo('tianzhenhua');
    expect(reply).toContain(
      '已登记：11月20日（周五）上门走访 西安秦创智能装备有限公司，了解用工情况。本月第1次，还需再联系1次才达到一月两见。',
    );
    expect(reply).toMatch(/发现的问题已登记为 W20261123-\d{4}（土地），已交办牵头单位。/);
    expect(reply).toContain('已请企业确认这次走访。');

    const visits = await ds.getRepository(Visit).find();
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ visitedOn: '2026-11-20', method: 'onsite', summary: '了解用工情况' });
    const problem = await ds.getRepository(Problem).findOneByOrFail({ visitId: visits[0].id });
    expect(problem.description).toBe('厂房用地指标迟迟未批');
    expect(problem.status).toBe('assigned'); // routed by the catalogue's keywords (用地 → 土地)
    expect(problem.dueOn).not.toBeNull();

    const card = await h.waitForSent((r) => r.api === 'webhook/send' && r.to === 'demo-ent-1');
    expect(contentOf(card)).toContain('请确认走访');
    // The group robot has no buttons: the reply to type is two words, not the visit id.
    expect(contentOf(card)).toContain('回复「确认走访」');
    expect(contentOf(card)).not.toContain(visits[0].id);

    // The contact taps the button (here: the app card event with the button's key).
    const press = buildWecomAppCardEventCallback(h.config.wecom!, {
      userId: 'yaojianguo',
      eventKey: `确认走访 ${visits[0].id}`,
      taskId: 'qs_task',
      now: h.clock.now(),
    });
    expect((await h.send(press)).status).toBe(200);
    await replyTo('yaojianguo');
    expect(h.textsTo('yaojianguo')[0]).toContain('已确认：11月20日（周五）田振华的上门走访');
    await replyTo('tianzhenhua', 1);
    expect(h.textsTo('tianzhenhua')[1]).toContain(
      '西安秦创智能装备有限公司已确认您11月20日（周五）的上门走访',
    );
    const confirmed = await ds.getRepository(Visit).findOneByOrFail({ id: visits[0].id });
    expect(confirmed.confirmedAt).not.toBeNull();
  });

  it('a redelivered callback (same MsgId) registers and answers once', async () => {
    const msgId = await h.sayWecom('tianzhenhua', '登记走访 万年光伏 昨天 电话 了解订单');
    await replyTo('tianzhenhua');
    await h.sayWecom('tianzhenhua', '登记走访 万年光伏 昨天 电话 了解订单', msgId);
    await h.sayWecom('tianzhenhua', '我的企业');
    await replyTo('tianzhenhua', 1);
    expect(await ds.getRepository(Visit).count()).toBe(1);
    const texts = h.textsTo('tianzhenhua');
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('已登记：11月22日（周日）电话联系 西安万年光伏科技有限公司，了解订单。');
    expect(texts[1]).toContain('万年光伏 ⏳本月联系1/2');
  });

  it('the "which firm?" dialogue through the real route: missing firm → numbered own firms → "2" → stored', async () => {
    await h.sayWecom('tianzhenhua', '登记走访 昨天 上门 了解用工情况');
    await replyTo('tianzhenhua');
    const question = h.textsTo('tianzhenhua')[0];
    expect(question).toContain('走访的是哪家企业？');
    expect(question).toContain('1. 西安万年光伏科技有限公司（包联）\n2. 西安秦创智能装备有限公司（包联）');
    await h.sayWecom('tianzhenhua', '2');
    await replyTo('tianzhenhua', 1);
    expect(h.textsTo('tianzhenhua')[1]).toContain(
      '已登记：11月22日（周日）上门走访 西安秦创智能装备有限公司，了解用工情况。',
    );
  });
});
