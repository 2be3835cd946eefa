import { setTimeout as sleep } from 'node:timers/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildContainer, type Container } from '../../../src/app/container';
import { buildWebServer } from '../../../src/app/web';
import { startWorkers } from '../../../src/app/worker';
import { loadConfig } from '../../../src/config';
import { systemClock } from '../../../src/lib/clock';
import { createLogger } from '../../../src/lib/logger';
import { sendCallback } from '../../support/callbacks/callback-request';
import {
  buildWecomAppCardEventCallback,
  buildWecomAppTextCallback,
} from '../../support/callbacks/wecom-callback.builder';
import { seedDemoRoster } from '../../../src/roster/seed';
import { FakeWecom } from '../../fakes/fake-wecom';
import { testDataSource, testDatabaseUrl, truncateAll } from '../../support/db';
import { TEST_REDIS_URL, testPrefix } from '../../support/env';
import { setAccount } from '../../support/accounts';

const WECOM = {
  WECOM_CORP_ID: 'wwintaketest0001',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'intake-secret',
  WECOM_TOKEN: 'intakeToken',
  WECOM_ENCODING_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

/** The real composition (web app + workers) on the test database and Redis prefix, WeCom faked. */
describe('a WeCom callback, end to end through intake, the inbound worker, the bot and the outbox', () => {
  let fake: FakeWecom;
  let c: Container;
  let server: Server;
  let base: string;
  let workers: { close(): Promise<void> } | null = null;

  beforeAll(async () => {
    fake = await new FakeWecom({ corpId: WECOM.WECOM_CORP_ID, secret: WECOM.WECOM_SECRET }).start();
    const config = loadConfig({
      ...WECOM,
      WECOM_API_BASE: fake.url,
      DATABASE_URL: testDatabaseUrl(),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `${testPrefix()}_e2e`,
      CALLBACK_MAX_SKEW_SECONDS: '300',
    });
    const ds = await testDataSource();
    await truncateAll(ds);
    await seedDemoRoster(ds, systemClock);
    c = await buildContainer(config, systemClock, createLogger('silent'));
    server = buildWebServer(c).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    workers = await startWorkers(c);
  });

  afterAll(async () => {
    await workers?.close();
    await new Promise((r) => server.close(r));
    await c.close();
    await fake.close();
  });

  const config = () => ({
    corpId: WECOM.WECOM_CORP_ID,
    agentId: WECOM.WECOM_AGENT_ID,
    secret: WECOM.WECOM_SECRET,
    token: WECOM.WECOM_TOKEN,
    encodingAesKey: WECOM.WECOM_ENCODING_AES_KEY,
  });

  async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 15000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error('timed out waiting');
      await sleep(100);
    }
  }

  it('stores a message delivered four times at once only once, and answers it only once', async () => {
    const request = buildWecomAppTextCallback(config(), {
      userId: 'yuhaoran',
      text: '帮助',
      msgId: '9223372036854775001',
      now: new Date(),
    });
    const answers = await Promise.all([1, 2, 3, 4].map(() => sendCallback(base, request)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(await Promise.all(answers.map((a) => a.text()))).toEqual(['', '', '', '']);

    const [{ n }] = await c.ds.query(
      `SELECT count(*)::int AS n FROM inbound_message WHERE platform = 'wecom' AND message_id = $1`,
      ['9223372036854775001'],
    );
    expect(n).toBe(1);
    await waitFor(async () => (fake.sent.some((m) => m.to === 'yuhaoran') ? true : undefined));
    await sleep(1500); // room for a wrongly doubled reply to arrive
    const replies = fake.sent.filter((m) => m.to === 'yuhaoran');
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies[0].body)).toContain('于浩然');
  });

  it('tells an unknown sender how to get bound', async () => {
    const request = buildWecomAppTextCallback(config(), {
      userId: 'stranger01',
      text: '你好',
      now: new Date(),
    });
    expect((await sendCallback(base, request)).status).toBe(200);
    const reply = await waitFor(async () => fake.sent.find((m) => m.to === 'stranger01'));
    expect(JSON.stringify(reply.body)).toContain('绑定 手机号');
  });

  it('binds a roster person who has no WeCom account when the directory agrees, and refuses someone else’s number', async () => {
    const [contact] = await c.ds.query(
      `SELECT mobile FROM person p WHERE NOT EXISTS (SELECT 1 FROM person_account a WHERE a.person_id = p.id AND a.platform = 'wecom') AND NOT roles && ARRAY['leader','admin']::varchar[] LIMIT 1`,
    );
    const mobile: string = contact?.mobile ?? (await unboundMobile());
    // 绑定 now needs proof: WeCom's own directory gives this account the same mobile.
    fake.directory.set('newcomer01', mobile);
    const bind = buildWecomAppTextCallback(config(), {
      userId: 'newcomer01',
      text: `绑定 ${mobile}`,
      now: new Date(),
    });
    expect((await sendCallback(base, bind)).status).toBe(200);
    const ok = await waitFor(async () => fake.sent.find((m) => m.to === 'newcomer01'));
    expect(JSON.stringify(ok.body)).toContain('绑定成功');

    const steal = buildWecomAppTextCallback(config(), {
      userId: 'intruder01',
      text: `绑定 ${mobile}`,
      now: new Date(),
    });
    expect((await sendCallback(base, steal)).status).toBe(200);
    const refused = await waitFor(async () => fake.sent.find((m) => m.to === 'intruder01'));
    expect(JSON.stringify(refused.body)).toContain('已绑定其他账号');
  });

  it('treats a card button press as the command it carries and marks the button pressed, once', async () => {
    const responseCode = fake.issueResponseCode();
    const press = buildWecomAppCardEventCallback(config(), {
      userId: 'dingjincheng',
      eventKey: '帮助',
      taskId: 'task-help-1',
      responseCode,
      now: new Date(),
    });
    const answers = await Promise.all([sendCallback(base, press), sendCallback(base, press)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const update = await waitFor(async () => fake.sent.find((m) => m.api === 'update_template_card'));
    expect(update.body).toMatchObject({ response_code: responseCode, button: { replace_name: '已处理' } });
    await waitFor(async () => (fake.sent.some((m) => m.to === 'dingjincheng') ? true : undefined));
    await sleep(1000);
    expect(fake.sent.filter((m) => m.api === 'update_template_card')).toHaveLength(1);
    expect(fake.rejected.filter((m) => m.api === 'update_template_card')).toHaveLength(0);
  });

  async function unboundMobile(): Promise<string> {
    await setAccount(c.ds, { mobile: '13929000052' }, 'wecom', null);
    return '13929000052';
  }
});
