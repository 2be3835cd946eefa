import { Queue } from 'bullmq';
import type { InboundMessage } from '../../../src/bot/inbound-message';
import { createRedis, endRedis } from '../../../src/infra/redis';
import { IntakeService, type InboundJob } from '../../../src/intake/intake.service';
import { createLogger } from '../../../src/lib/logger';
import { sendCallback } from '../../support/callbacks/callback-request';
import {
  buildDingtalkTextCallback,
  sealDingtalkCallback,
} from '../../support/callbacks/dingtalk-callback.builder';
import {
  buildWecomBotTextCallback,
  sealWecomBotCallback,
} from '../../support/callbacks/wecom-bot-callback.builder';
import { sealWecomAppCallback } from '../../support/callbacks/wecom-callback.builder';
import { decryptWecom, wecomSignature } from '../../../src/platforms/wecom/wecom-crypto';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { TEST_REDIS_URL, testPrefix } from '../../support/env';
import { rejectionsByReason, startReceivers, TEST_ENV, type Harness } from './receiver-harness';

describe('every message is heard: passive welcome, voice, empty keys, same-second presses', () => {
  let h: Harness;
  const welcomed: InboundMessage[] = [];
  beforeEach(async () => {
    welcomed.length = 0;
    h = await startReceivers(TEST_ENV, {
      welcome: async (msg) => {
        welcomed.push(msg);
        return `您好 ${msg.senderId}，发送“帮助”查看可用命令。`;
      },
    });
  });
  afterEach(() => h.close());

  const bot = (plain: Record<string, unknown>) =>
    sealWecomBotCallback(h.config.wecomBot!, JSON.stringify(plain), { now: h.clock.now() });

  it('answers a 智能机器人 enter_chat with the welcome as the encrypted passive reply', async () => {
    const request = bot({
      msgid: 'enter-1',
      chattype: 'single',
      from: { userid: 'lisi' },
      msgtype: 'event',
      event: { eventtype: 'enter_chat' },
    });
    const res = await sendCallback(h.base, request);
    expect(res.status).toBe(200);
    const reply = (await res.json()) as Record<string, string>;
    const { token, encodingAesKey } = h.config.wecomBot!;
    expect(reply.timestamp).toBe(request.query.timestamp);
    expect(reply.nonce).toBe(request.query.nonce);
    expect(reply.msgsignature).toBe(wecomSignature(token, reply.timestamp, reply.nonce, reply.encrypt));
    const opened = decryptWecom(encodingAesKey, reply.encrypt, '');
    expect(opened.ok && JSON.parse(opened.value)).toEqual({
      msgtype: 'text',
      text: { content: '您好 lisi，发送“帮助”查看可用命令。' },
    });
    // Nothing is queued towards a response_url it never had.
    expect(h.received).toHaveLength(0);
    expect(welcomed).toHaveLength(1);
  });

  it('reads a 智能机器人 voice message as its speech-to-text through the route', async () => {
    const request = bot({
      msgid: 'voice-1',
      chattype: 'single',
      from: { userid: 'lisi' },
      msgtype: 'voice',
      voice: { content: '我的待办' },
      response_url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=x',
    });
    expect((await sendCallback(h.base, request)).status).toBe(200);
    expect(h.received).toMatchObject([{ text: '我的待办' }]);
  });

  it('answers 200 to a card press with an empty EventKey and stores nothing', async () => {
    const xml =
      '<xml><ToUserName>c</ToUserName><FromUserName>zhangsan</FromUserName><CreateTime>1763863200</CreateTime>' +
      '<MsgType>event</MsgType><Event>template_card_event</Event><EventKey><![CDATA[]]></EventKey>' +
      '<TaskId>t</TaskId><ResponseCode>RC</ResponseCode></xml>';
    const res = await sendCallback(
      h.base,
      sealWecomAppCallback(h.config.wecom!, xml, { now: h.clock.now() }),
    );
    expect(res.status).toBe(200);
    expect(h.received).toHaveLength(0);
  });

  it('keeps two presses of one member in the same second apart by ResponseCode', async () => {
    const press = (code: string) =>
      sealWecomAppCallback(
        h.config.wecom!,
        '<xml><ToUserName>c</ToUserName><FromUserName>zhangsan</FromUserName><CreateTime>1763863200</CreateTime>' +
          '<MsgType>event</MsgType><Event>template_card_event</Event><EventKey>accept:W20261123-0001</EventKey>' +
          `<TaskId>t</TaskId><ResponseCode>${code}</ResponseCode></xml>`,
        { now: h.clock.now() },
      );
    expect((await sendCallback(h.base, press('RC-A'))).status).toBe(200);
    expect((await sendCallback(h.base, press('RC-B'))).status).toBe(200);
    const ids = h.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(2);
  });

  it('reads DingTalk richText and audio as text through the route', async () => {
    const base = JSON.parse(
      buildDingtalkTextCallback(h.config.dingtalk!, { userId: 'u1', text: 'x', now: h.clock.now() }).body!,
    );
    const rich = { ...base, msgId: 'rich-1', msgtype: 'richText', text: undefined };
    rich.content = { richText: [{ text: '我的' }, { type: 'picture', downloadCode: 'p' }, { text: '企业' }] };
    const audio = { ...base, msgId: 'audio-1', msgtype: 'audio', text: undefined };
    audio.content = { recognition: '帮助', downloadCode: 'a' };
    for (const body of [rich, audio]) {
      const now = new Date(h.clock.now().getTime() + h.received.length);
      expect(
        (await sendCallback(h.base, sealDingtalkCallback(h.config.dingtalk!, JSON.stringify(body), now)))
          .status,
      ).toBe(200);
    }
    expect(h.received.map((m) => m.text)).toEqual(['我的企业', '帮助']);
  });
});

describe('replay protection', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startReceivers(TEST_ENV);
  });
  afterEach(() => h.close());

  const dingtalk = (msgId: string, text: string) =>
    buildDingtalkTextCallback(h.config.dingtalk!, { userId: 'manager1', text, msgId, now: h.clock.now() });

  it('refuses a captured DingTalk (timestamp, sign) pair carrying another body with 409', async () => {
    const genuine = dingtalk('msg-1', '帮助');
    expect((await sendCallback(h.base, genuine)).status).toBe(200);
    const forged = dingtalk('msg-2', '督办 W20261123-0001');
    const replay = { ...forged, headers: genuine.headers };
    expect((await sendCallback(h.base, replay)).status).toBe(409);
    expect(await rejectionsByReason(h)).toEqual({ replay: 1 });
    expect(h.received.map((m) => m.messageId)).toEqual(['msg-1']);
  });

  it('refuses a known DingTalk msgId with another body even under fresh headers', async () => {
    expect((await sendCallback(h.base, dingtalk('msg-1', '帮助'))).status).toBe(200);
    h.clock.set(new Date(h.clock.now().getTime() + 1000));
    const sameId = dingtalk('msg-1', '督办 W20261123-0001');
    expect((await sendCallback(h.base, sameId)).status).toBe(409);
    expect(await rejectionsByReason(h)).toEqual({ replay: 1 });
    expect(h.received).toHaveLength(1);
  });

  it('lets the platform retry the very same callback (intake dedupes it)', async () => {
    const request = dingtalk('msg-1', '帮助');
    expect((await sendCallback(h.base, request)).status).toBe(200);
    expect((await sendCallback(h.base, request)).status).toBe(200);
    const wecom = buildWecomBotTextCallback(h.config.wecomBot!, {
      userId: 'u',
      text: 'x',
      now: h.clock.now(),
    });
    expect((await sendCallback(h.base, wecom)).status).toBe(200);
    expect((await sendCallback(h.base, wecom)).status).toBe(200);
  });

  it('counts every refusal by reason but logs only a sample', async () => {
    const request = dingtalk('msg-1', '帮助');
    for (let i = 0; i < 20; i++) {
      const res = await sendCallback(h.base, {
        ...request,
        headers: { ...request.headers, sign: `bad${i}` },
      });
      expect(res.status).toBe(401);
    }
    expect(await rejectionsByReason(h)).toEqual({ signature: 20 });
    expect(h.logs.filter((l) => l.level === 40)).toHaveLength(1);
  });
});

describe('input hygiene: NUL and lone surrogates are stored and answered, not 503 forever', () => {
  const redis = createRedis(TEST_REDIS_URL, 'producer');
  const queue = new Queue<InboundJob>('inbound', { connection: redis, prefix: `${testPrefix()}_hygiene` });
  let h: Harness;
  beforeEach(async () => {
    const ds = await testDataSource();
    await truncateAll(ds);
    const intake = new IntakeService(ds, queue, createLogger('silent'));
    h = await startReceivers(TEST_ENV);
    h.setIntake(async (msg) => {
      h.received.push(msg);
      await intake.accept(msg);
    });
  });
  afterEach(() => h.close());
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await endRedis(redis);
    await closeTestDataSource();
  });

  it('stores a DingTalk text with NUL and a lone surrogate, keeping the original hashed', async () => {
    const request = buildDingtalkTextCallback(h.config.dingtalk!, {
      userId: 'manager1',
      text: '登记\u0000走访 \ud800曲江',
      msgId: 'msg\u0000nul',
      now: h.clock.now(),
    });
    expect(request.body).toContain('\\u0000');
    const first = await sendCallback(h.base, request);
    expect(first.status).toBe(200);
    const [msg] = h.received;
    expect(msg.text).toBe('登记走访 \ufffd曲江');
    expect(msg.messageId).toMatch(/^h-[0-9a-f]{64}$/);
    expect(msg.rawSha256).toMatch(/^[0-9a-f]{64}$/);
    const ds = await testDataSource();
    const rows = await ds.query(`SELECT message_id, payload->>'text' AS text FROM inbound_message`);
    expect(rows).toEqual([{ message_id: msg.messageId, text: '登记走访 \ufffd曲江' }]);
    // The retry maps to the same row.
    expect((await sendCallback(h.base, request)).status).toBe(200);
    expect(await ds.query(`SELECT count(*)::int AS n FROM inbound_message`)).toEqual([{ n: 1 }]);
  });

  it('stores a 智能机器人 text whose JSON carries an escaped NUL', async () => {
    const request = sealWecomBotCallback(
      h.config.wecomBot!,
      '{"msgid":"nul-1","chattype":"single","from":{"userid":"lisi"},"msgtype":"text","text":{"content":"帮\\u0000助"},"response_url":"https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=1"}',
      { now: h.clock.now() },
    );
    expect((await sendCallback(h.base, request)).status).toBe(200);
    expect(h.received).toMatchObject([{ messageId: 'nul-1', text: '帮助' }]);
  });
});
