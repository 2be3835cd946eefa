import type { DataSource } from 'typeorm';
import type { Bot } from '../../../src/bot/bot';
import { IdentityService } from '../../../src/bot/identity.service';
import { accountsOf } from '../../../src/platforms/registry';
import { createRedis, endRedis } from '../../../src/infra/redis';
import { DingtalkDirectory } from '../../../src/platforms/dingtalk/dingtalk-directory';
import { createDingtalkTokenCache } from '../../../src/platforms/dingtalk/dingtalk-token';
import { FakeDingtalk } from '../../fakes/fake-dingtalk';
import { type AppHarness } from '../../support/app-harness';
import { botSays, inboundMessage } from '../../support/bot-chat';
import { useBotOnDemoRoster } from '../../support/demo-bot';
import { TEST_REDIS_URL, testPrefix } from '../../support/env';
import { MOBILES } from '../visits/visit-fixtures';
import { setAccount } from '../../support/accounts';

let ds: DataSource;
let h: AppHarness;
let bot: Bot;
let seq = 0;

useBotOnDemoRoster(
  {
    beforeEach: async () => {
      h.fake.directory.clear();
      // These three have no WeCom account yet; 于浩然 has a DingTalk one.
      for (const mobile of [MOBILES.yu, MOBILES.tian, MOBILES.contactQinchuang]) {
        await setAccount(ds, { mobile }, 'wecom', null);
      }
      await setAccount(ds, { mobile: MOBILES.yu }, 'dingtalk', 'dt-yu');
    },
  },
  (f) => ({ ds, h, bot } = f),
);

const say = (sender: string, text: string) =>
  botSays(ds, bot, inboundMessage(sender, text, null, `bind-${Date.now()}-${++seq}`));
const whoIs = (userId: string) => new IdentityService(ds, accountsOf).identify('wecom', userId);
const audit = async () =>
  (await ds.query(
    `SELECT action, method, external_user_id AS ext FROM binding_audit ORDER BY at, action`,
  )) as {
    action: string;
    method: string | null;
    ext: string;
  }[];
const outbox = async (channel: string, target: string) =>
  (
    (await ds.query(
      `SELECT payload->>'text' AS text FROM outbound_message WHERE channel = $1 AND target = $2 AND idempotency_key NOT LIKE 'reply-%' ORDER BY id`,
      [channel, target],
    )) as { text: string }[]
  ).map((r) => r.text);

describe('绑定 proves who you are', () => {
  it('binds when WeCom’s directory gives the same mobile for this account', async () => {
    h.fake.directory.set('newyao', `+86 ${MOBILES.contactQinchuang}`);
    expect(await say('newyao', `绑定 ${MOBILES.contactQinchuang}`)).toContain('绑定成功：姚建国');
    expect((await whoIs('newyao'))?.mobile).toBe(MOBILES.contactQinchuang);
    expect(await audit()).toEqual([{ action: 'bound', method: 'directory', ext: 'newyao' }]);
  });

  it('does not bind someone whose directory mobile differs: with no other account, an admin decides', async () => {
    h.fake.directory.set('intruder', '13000000000');
    const answer = await say('intruder', `绑定 ${MOBILES.contactQinchuang}`);
    expect(answer).toMatch(/^已提交亲商助企办审核（申请号 (\d+)）/);
    expect(await whoIs('intruder')).toBeNull();
    const [toAdmin] = await outbox('wecom_app', 'huanglixin');
    const no = /绑定申请 (\d+)/.exec(toAdmin)![1];
    expect(toAdmin).toContain(`同意绑定 ${no}`);

    expect(await say('yuhaoran-not-admin', `拒绝绑定 ${no}`)).toContain('系统还不认识您');
    expect(await say('huanglixin', `拒绝绑定 ${no}`)).toBe(`已拒绝绑定申请 ${no}。`);
    expect(await whoIs('intruder')).toBeNull();
    expect(await outbox('wecom_app', 'intruder')).toEqual([
      `您的绑定申请 ${no} 未通过。如有疑问请联系亲商助企办。`,
    ]);
    expect((await audit()).map((a) => a.action)).toEqual(['requested', 'refused']);
  });

  it('sends a one-time code through the DingTalk account already tied to the person', async () => {
    h.fake.directory.set('newyu', ''); // the app may not read mobiles
    expect(await say('newyu', `绑定 ${MOBILES.yu}`)).toContain('验证码已发到您的钉钉账号');
    const [sent] = await outbox('dingtalk_api_user', 'dt-yu');
    const code = /验证码：(\d{6})/.exec(sent)![1];
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await say('newyu', `绑定 ${MOBILES.yu} ${wrong}`)).toBe('验证码不正确，请核对后重试。');
    expect(await whoIs('newyu')).toBeNull();
    // Someone else cannot use the code sent for newyu.
    expect(await say('thief', `绑定 ${MOBILES.yu} ${code}`)).toContain('验证码已过期或不存在');
    expect(await say('newyu', `绑定 ${MOBILES.yu} ${code}`)).toContain('绑定成功：于浩然');
    expect((await whoIs('newyu'))?.mobile).toBe(MOBILES.yu);
    expect((await audit()).filter((a) => a.ext === 'newyu').map((a) => [a.action, a.method])).toEqual([
      ['code_sent', null],
      ['bound', 'code'],
    ]);
  });

  it('binds a 领导 only with an admin’s approval, even when the directory agrees; an admin can revoke it', async () => {
    h.fake.directory.set('newtian', MOBILES.tian);
    const answer = await say('newtian', `绑定 ${MOBILES.tian}`);
    const no = /申请号 (\d+)/.exec(answer)![1];
    expect(await whoIs('newtian')).toBeNull();
    expect(await say('huanglixin', `同意绑定 ${no}`)).toBe(`已同意绑定申请 ${no}：田振华。`);
    expect((await whoIs('newtian'))?.name).toBe('田振华');
    expect(await outbox('wecom_app', 'newtian')).toEqual([
      `您的绑定申请 ${no} 已通过：田振华。发送“帮助”查看可用命令。`,
    ]);
    expect(await say('huanglixin', `同意绑定 ${no}`)).toContain('没有待审核的绑定申请');

    expect(await say('dingjincheng', `解除绑定 ${MOBILES.tian}`)).toBe(
      '“解除绑定”只有管理员可以使用。发送“帮助”查看您可以使用的命令。',
    );
    expect(await say('huanglixin', `解除绑定 ${MOBILES.tian}`)).toBe('已解除 田振华 的 1 个绑定账号。');
    expect(await whoIs('newtian')).toBeNull();
    expect((await audit()).map((a) => [a.action, a.method])).toEqual([
      ['requested', null],
      ['bound', 'admin'],
      ['revoked', null],
    ]);
  });
});

describe('DingTalk directory (topapi/v2/user/get)', () => {
  it('reads the mobile for a staff id, and null-safe fails for an unknown one', async () => {
    const fake = await new FakeDingtalk().start();
    const redis = createRedis(TEST_REDIS_URL, 'worker');
    try {
      fake.directory.set('manager1', '13929000021');
      const directory = new DingtalkDirectory({
        oapiBase: fake.url,
        tokens: createDingtalkTokenCache(redis, {
          apiBase: fake.url,
          appKey: fake.appKey,
          appSecret: fake.appSecret,
          prefix: `${testPrefix()}_dir`,
        }),
      });
      expect(await directory.mobileOf('manager1')).toBe('13929000021');
      await expect(directory.mobileOf('nobody')).rejects.toThrow(/60121/);
    } finally {
      await endRedis(redis);
      await fake.close();
    }
  });
});
