import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { registerPlatform, unregisterPlatform } from '../../../src/platforms/registry';
import { FakeFeishu } from '../../fakes/fake-feishu';
import { ConfigError } from '../../../src/config';
import { feishuPlatform, feishuSignature, readFeishuSettings } from '../../platforms/feishu/feishu.adapter';
import { setAccount } from '../../support/accounts';
import { type AppHarness, startAppHarness } from '../../support/app-harness';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { MOBILES, seedRoster } from '../visits/visit-fixtures';

const ENCRYPT_KEY = 'feishu-encrypt-key-for-tests';

/**
 * The seam, proven: a fourth platform defined entirely under test/ (its own signature check, JSON
 * event, text sender and fake server) is registered with one line and carries a conversation
 * through the real receiver → intake → inbound worker → bot → outbox → sender path.
 */
describe('a test-only Feishu-shaped adapter plugged in through the registry', () => {
  let feishu: FakeFeishu;
  let h: AppHarness;
  let ds: DataSource;

  beforeAll(async () => {
    feishu = await new FakeFeishu().start();
    const settings = readFeishuSettings({
      FEISHU_APP_ID: feishu.appId,
      FEISHU_APP_SECRET: feishu.appSecret,
      FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
      FEISHU_API_BASE: `${feishu.url}/`,
    });
    registerPlatform(feishuPlatform(settings!));
    ds = await testDataSource();
    await truncateAll(ds);
    await seedRoster(ds);
    await setAccount(ds, { mobile: MOBILES.yu }, 'feishu', 'fs-yuhaoran');
    h = await startAppHarness({ now: new Date() });
  });

  afterAll(async () => {
    await h?.close();
    await feishu?.close();
    unregisterPlatform('feishu');
    await closeTestDataSource();
  });

  const event = (userId: string, text: string, messageId = `om_${randomBytes(8).toString('hex')}`) =>
    JSON.stringify({
      schema: '2.0',
      header: {
        event_id: randomBytes(8).toString('hex'),
        event_type: 'im.message.receive_v1',
        create_time: String(Date.now()),
      },
      event: {
        sender: { sender_id: { user_id: userId } },
        message: {
          message_id: messageId,
          chat_id: 'oc_p2p',
          chat_type: 'p2p',
          message_type: 'text',
          content: JSON.stringify({ text }),
        },
      },
    });

  const post = (body: string, key = ENCRYPT_KEY) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(6).toString('hex');
    return fetch(`${h.base}/feishu/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-lark-request-timestamp': timestamp,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': feishuSignature(key, timestamp, nonce, body),
      },
      body,
    });
  };

  const waitForText = async (userId: string, timeoutMs = 20_000): Promise<string[]> => {
    const end = Date.now() + timeoutMs;
    while (feishu.textsTo(userId).length === 0) {
      if (Date.now() > end)
        throw new Error(`no Feishu message to ${userId}; rejected: ${JSON.stringify(feishu.rejected)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return feishu.textsTo(userId);
  };

  it('reads its settings in its own folder: all absent is off, one missing is named', () => {
    const notices: string[] = [];
    expect(readFeishuSettings({}, notices)).toBeNull();
    expect(notices).toEqual([
      'Feishu is off: FEISHU_APP_ID, FEISHU_APP_SECRET, FEISHU_ENCRYPT_KEY, FEISHU_API_BASE not set',
    ]);
    expect(() => readFeishuSettings({ FEISHU_APP_ID: 'cli_x', FEISHU_APP_SECRET: 's' })).toThrow(ConfigError);
    expect(() => readFeishuSettings({ FEISHU_APP_ID: 'cli_x', FEISHU_APP_SECRET: 's' })).toThrow(
      /FEISHU_ENCRYPT_KEY is missing/,
    );
    expect(() =>
      readFeishuSettings({
        FEISHU_APP_ID: 'a',
        FEISHU_APP_SECRET: 'b',
        FEISHU_ENCRYPT_KEY: 'c',
        FEISHU_API_BASE: 'ftp://x',
      }),
    ).toThrow(/FEISHU_API_BASE must be a URL/);
  });

  it('identifies the sender by their Feishu account and answers 帮助 through the Feishu sender', async () => {
    const res = await post(event('fs-yuhaoran', '帮助'));
    expect(res.status).toBe(200);
    const [reply] = await waitForText('fs-yuhaoran');
    expect(reply).toContain('于浩然');
    // The worker marks the row sent right after the fake accepted it: wait for that, not a sleep.
    const sent = async () =>
      (
        await ds.query(
          `SELECT count(*)::int AS n FROM outbound_message
           WHERE channel = 'feishu_text' AND target = 'fs-yuhaoran' AND status = 'sent'`,
        )
      )[0].n as number;
    const end = Date.now() + 10_000;
    while ((await sent()) === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(await sent()).toBe(1);
  });

  it('refuses a callback signed with another key and stores nothing', async () => {
    const messageId = 'om_forged_0001';
    const res = await post(event('fs-yuhaoran', '帮助', messageId), 'not-the-key');
    expect(res.status).toBe(401);
    const rows = await ds.query(
      `SELECT 1 FROM inbound_message WHERE platform = 'feishu' AND message_id = $1`,
      [messageId],
    );
    expect(rows).toEqual([]);
  });

  it('answers an unknown Feishu user with how to get bound', async () => {
    expect((await post(event('fs-stranger', '你好'))).status).toBe(200);
    const [reply] = await waitForText('fs-stranger');
    expect(reply).toMatch(/绑定/);
  });
});
