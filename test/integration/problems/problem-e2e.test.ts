import type { DataSource } from 'typeorm';
import { Problem } from '../../../src/entities';
import { buildWecomBotTextCallback } from '../../support/callbacks/wecom-bot-callback.builder';
import { buildWecomAppCardEventCallback } from '../../support/callbacks/wecom-callback.builder';
import { type AppHarness, startAppHarness } from '../../support/app-harness';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { seedRoster } from '../visits/visit-fixtures';

/** The demo roster's group robots (seeds/roster/群聊.csv), so the fake accepts their pushes. */
const GROUP_KEYS = [
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `demo-ent-${n}`),
  'demo-unit-zrzy',
  'demo-unit-zjj',
  'demo-unit-spj',
];

let ds: DataSource;
let h: AppHarness;

beforeAll(async () => {
  ds = await testDataSource();
  await truncateAll(ds);
  await seedRoster(ds);
  h = await startAppHarness({
    wecom: { webhookKeys: GROUP_KEYS },
    env: {
      WECOM_BOT_TOKEN: 'harnessBotToken',
      WECOM_BOT_ENCODING_AES_KEY: 'HarnessBotAesKey0123456789abcdefghijklmnopq',
    },
  });
});
afterAll(async () => {
  await h.close();
  await closeTestDataSource();
});

describe('上报问题 end to end (智能机器人 in the enterprise group → worker → bot → outbox → fake WeCom)', () => {
  it('the contact reports in the group; the unit group gets the card; the handler taps 受理', async () => {
    const report = buildWecomBotTextCallback(h.config.wecomBot!, {
      userId: 'yaojianguo',
      chatId: 'wrdemo-ent-01',
      text: '上报问题 厂房规划许可迟迟未批',
      responseUrl: h.fake.issueBotResponseUrl(),
      now: h.clock.now(),
    });
    expect((await h.send(report)).status).toBe(200);

    const reply = await h.waitForSent((r) => r.api === 'aibot/response');
    expect(JSON.stringify(reply.body)).toContain(
      '已登记问题 W20261123-0001（规划），已交办市自然资源和规划局',
    );
    const card = await h.waitForSent((r) => r.api === 'webhook/send' && r.to === 'demo-unit-zrzy');
    const body = JSON.stringify(card.body);
    expect(body).toContain('新交办问题 W20261123-0001');
    expect(body).toContain('受理 W20261123-0001');
    expect(body).toContain('<@yesiyuan>');

    const press = buildWecomAppCardEventCallback(h.config.wecom!, {
      userId: 'yesiyuan',
      eventKey: '受理 W20261123-0001',
      taskId: 'qs_task',
      now: h.clock.now(),
    });
    expect((await h.send(press)).status).toBe(200);
    await h.waitForSent((r) => r.api === 'message/send' && r.to === 'yesiyuan');
    expect(h.textsTo('yesiyuan')[0]).toContain('已受理 W20261123-0001');
    expect(await ds.getRepository(Problem).findOneByOrFail({ code: 'W20261123-0001' })).toMatchObject({
      status: 'accepted',
    });
  });
});
