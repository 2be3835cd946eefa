import { callbackUrl, sendCallback } from '../../support/callbacks/callback-request';
import {
  buildWecomBotCardEventCallback,
  buildWecomBotTextCallback,
  buildWecomBotVerification,
  sealWecomBotCallback,
} from '../../support/callbacks/wecom-bot-callback.builder';
import { V3_JSON } from '../../fixtures/platforms/wecom-vectors';
import { expectRejected, startReceivers, TEST_ENV, type Harness } from './receiver-harness';

describe('WeCom 智能机器人 receiver', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startReceivers(TEST_ENV);
  });
  afterEach(() => h.close());

  it('answers the GET verification with the bare echo (receive id "")', async () => {
    const { request, echo } = buildWecomBotVerification(h.config.wecomBot!, { now: h.clock.now() });
    const res = await fetch(callbackUrl(h.base, request));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(echo);
  });

  it('accepts a group text: empty 200, @mention removed, response_url kept', async () => {
    const request = buildWecomBotTextCallback(h.config.wecomBot!, {
      userId: 'zhangsan',
      chatId: 'wrkSFfCgAAxxxx',
      text: '问题反馈 用电增容 办理慢',
      msgId: 'msg-1',
      responseUrl: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC',
      now: h.clock.now(),
    });
    const res = await sendCallback(h.base, request);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(h.received).toEqual([
      {
        platform: 'wecom_bot',
        messageId: 'msg-1',
        senderId: 'zhangsan',
        chatId: 'wrkSFfCgAAxxxx',
        text: '问题反馈 用电增容 办理慢',
        sentAt: '2026-11-23T10:00:00+08:00',
        reply: {
          kind: 'wecom_bot_response',
          responseUrl: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC',
          chatId: 'wrkSFfCgAAxxxx',
          userId: 'zhangsan',
        },
      },
    ]);
  });

  it('accepts a card button press as an action', async () => {
    const request = buildWecomBotCardEventCallback(h.config.wecomBot!, {
      userId: 'lisi',
      eventKey: 'accept:W1',
      taskId: 'task-9',
      now: h.clock.now(),
    });
    expect((await sendCallback(h.base, request)).status).toBe(200);
    expect(h.received).toMatchObject([{ senderId: 'lisi', action: { key: 'accept:W1', taskId: 'task-9' } }]);
  });

  it('refuses the V3 vector (encrypted for a corp id, not "") with 403', async () => {
    const vectors = await startReceivers({ ...TEST_ENV, CALLBACK_MAX_SKEW_SECONDS: '0' });
    try {
      const res = await fetch(
        `${vectors.base}/wecom/bot?msg_signature=${V3_JSON.signature}&timestamp=${V3_JSON.timestamp}&nonce=${V3_JSON.nonce}`,
        { method: 'POST', body: JSON.stringify({ encrypt: V3_JSON.encrypt }) },
      );
      await expectRejected(vectors, res, 403);
    } finally {
      await vectors.close();
    }
  });

  it('refuses malformed JSON, outside and inside the envelope, with 400', async () => {
    const request = buildWecomBotTextCallback(h.config.wecomBot!, {
      userId: 'u',
      text: 'x',
      now: h.clock.now(),
    });
    await expectRejected(h, await sendCallback(h.base, { ...request, body: '{"encrypt":' }), 400);
    h.logs.length = 0;
    const inner = sealWecomBotCallback(h.config.wecomBot!, '{"msgid":"x",', { now: h.clock.now() });
    await expectRejected(h, await sendCallback(h.base, inner), 400);
  });

  it('refuses a bad signature with 401 and a stale timestamp with 403', async () => {
    const request = buildWecomBotTextCallback(h.config.wecomBot!, {
      userId: 'u',
      text: 'x',
      now: h.clock.now(),
    });
    const badSig = { ...request, query: { ...request.query, msg_signature: '0'.repeat(40) } };
    await expectRejected(h, await sendCallback(h.base, badSig), 401);
    h.logs.length = 0;
    const stale = buildWecomBotTextCallback(h.config.wecomBot!, {
      userId: 'u',
      text: 'x',
      now: new Date(h.clock.now().getTime() - 301_000),
    });
    await expectRejected(h, await sendCallback(h.base, stale), 403);
  });

  it('refuses an oversize body with 413', async () => {
    const request = buildWecomBotTextCallback(h.config.wecomBot!, {
      userId: 'u',
      text: 'x',
      now: h.clock.now(),
    });
    await expectRejected(h, await sendCallback(h.base, { ...request, body: 'x'.repeat(65 * 1024 + 1) }), 413);
  });

  it('answers 503 when intake throws', async () => {
    h.setIntake(() => Promise.reject(new Error('database down')));
    const request = buildWecomBotTextCallback(h.config.wecomBot!, {
      userId: 'u',
      text: 'x',
      now: h.clock.now(),
    });
    expect((await sendCallback(h.base, request)).status).toBe(503);
  });
});
