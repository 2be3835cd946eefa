import { sendCallback } from '../../support/callbacks/callback-request';
import {
  buildDingtalkTextCallback,
  sealDingtalkCallback,
} from '../../support/callbacks/dingtalk-callback.builder';
import { expectRejected, startReceivers, TEST_ENV, type Harness } from './receiver-harness';

describe('DingTalk receiver', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startReceivers(TEST_ENV);
  });
  afterEach(() => h.close());

  const text = (over: Partial<Parameters<typeof buildDingtalkTextCallback>[1]> = {}) =>
    buildDingtalkTextCallback(h.config.dingtalk!, {
      userId: 'manager123',
      text: '走访登记',
      now: h.clock.now(),
      ...over,
    });

  it('accepts a group text: 200 {} and the message handed to intake', async () => {
    const request = text({ group: true, conversationId: 'cid1', msgId: 'msg:abc', senderNick: '张三' });
    const res = await sendCallback(h.base, request);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    const body = JSON.parse(request.body!);
    expect(h.received).toEqual([
      {
        platform: 'dingtalk',
        messageId: 'msg-abc',
        senderId: 'manager123',
        senderName: '张三',
        chatId: 'cid1',
        text: '走访登记',
        sentAt: '2026-11-23T10:00:00+08:00',
        reply: {
          kind: 'dingtalk_session',
          sessionWebhook: body.sessionWebhook,
          expiresAt: h.clock.now().getTime() + 90 * 60 * 1000,
          conversationId: 'cid1',
          isGroup: true,
          userId: 'manager123',
        },
      },
    ]);
  });

  it('refuses a wrong signature and missing headers with 401', async () => {
    const request = text();
    await expectRejected(
      h,
      await sendCallback(h.base, { ...request, headers: { ...request.headers, sign: 'AAAA' } }),
      401,
    );
    h.logs.length = 0;
    await expectRejected(h, await sendCallback(h.base, { ...request, headers: {} }), 401);
  });

  it('refuses a stale timestamp with 403', async () => {
    const request = text({ now: new Date(h.clock.now().getTime() - 301_000) });
    await expectRejected(h, await sendCallback(h.base, request), 403);
  });

  it('refuses malformed JSON with 400', async () => {
    await expectRejected(
      h,
      await sendCallback(h.base, sealDingtalkCallback(h.config.dingtalk!, '{"msgId":', h.clock.now())),
      400,
    );
  });

  it('refuses an oversize body with 413', async () => {
    const big = sealDingtalkCallback(
      h.config.dingtalk!,
      JSON.stringify({ pad: 'x'.repeat(70 * 1024) }),
      h.clock.now(),
    );
    await expectRejected(h, await sendCallback(h.base, big), 413);
  });

  it('answers 503 when intake throws', async () => {
    h.setIntake(() => Promise.reject(new Error('database down')));
    expect((await sendCallback(h.base, text())).status).toBe(503);
  });
});
