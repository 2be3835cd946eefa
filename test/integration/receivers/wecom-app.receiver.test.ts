import { callbackUrl, sendCallback } from '../../support/callbacks/callback-request';
import {
  buildWecomAppCardEventCallback,
  buildWecomAppTextCallback,
  buildWecomAppVerification,
  sealWecomAppCallback,
  signedWecomQuery,
} from '../../support/callbacks/wecom-callback.builder';
import { V1_GET, V1_POST, V1_POST_BODY } from '../../fixtures/platforms/wecom-vectors';
import { expectRejected, startReceivers, TEST_ENV, type Harness } from './receiver-harness';

const VECTOR_ENV = { ...TEST_ENV, CALLBACK_MAX_SKEW_SECONDS: '0' };
const v1Query = `msg_signature=${V1_POST.signature}&timestamp=${V1_POST.timestamp}&nonce=${V1_POST.nonce}`;
const postXml = (h: Harness, body: string, query = v1Query) =>
  fetch(`${h.base}/wecom/callback?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body,
  });

describe('WeCom app receiver on the official V1 vectors', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startReceivers(VECTOR_ENV);
  });
  afterEach(() => h.close());

  it('answers the V1 GET verification with the bare plaintext', async () => {
    const res = await fetch(
      `${h.base}/wecom/callback?msg_signature=${V1_GET.signature}&timestamp=${V1_GET.timestamp}` +
        `&nonce=${V1_GET.nonce}&echostr=${V1_GET.echostrUrl}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe(V1_GET.reply);
  });

  it('keeps a literal + in echostr (decoded exactly once, not as a form)', async () => {
    const echostr = V1_GET.echostr.replace(/\//g, '%2F').replace(/=/g, '%3D');
    expect(echostr).toContain('+');
    const res = await fetch(
      `${h.base}/wecom/callback?msg_signature=${V1_GET.signature}&timestamp=${V1_GET.timestamp}` +
        `&nonce=${V1_GET.nonce}&echostr=${echostr}`,
    );
    expect(await res.text()).toBe(V1_GET.reply);
  });

  it('accepts the V1 POST: empty 200 and the message handed to intake with its exact MsgId', async () => {
    const res = await postXml(h, V1_POST_BODY);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(h.received).toEqual([
      {
        platform: 'wecom',
        messageId: '4561255354251345929',
        senderId: 'mycreate',
        chatId: null,
        text: 'hello',
        sentAt: '2014-09-02T20:10:13+08:00',
        reply: { kind: 'wecom_app', userId: 'mycreate' },
      },
    ]);
    expect(h.logs).toHaveLength(0);
  });

  it('refuses a bad signature with 401', async () => {
    await expectRejected(
      h,
      await postXml(h, V1_POST_BODY, v1Query.replace(/msg_signature=4/, 'msg_signature=5')),
      401,
    );
  });

  it('refuses missing query parameters with 400', async () => {
    await expectRejected(h, await postXml(h, V1_POST_BODY, `timestamp=${V1_POST.timestamp}`), 400);
  });

  it('refuses a GET without echostr with 400', async () => {
    const res = await fetch(`${h.base}/wecom/callback?msg_signature=a&timestamp=1&nonce=2`);
    await expectRejected(h, res, 400);
  });

  it('refuses malformed percent-encoding with 400', async () => {
    await expectRejected(h, await postXml(h, V1_POST_BODY, `${v1Query}&x=%E0%A4%A`), 400);
  });

  it('refuses malformed outer XML and an empty body with 400', async () => {
    await expectRejected(h, await postXml(h, '<xml><Encrypt>abc</xml>'), 400);
    h.logs.length = 0;
    await expectRejected(h, await postXml(h, ''), 400);
  });

  it.each([
    ['truncated ciphertext', V1_POST.encrypt.slice(0, 100)],
    ['non-base64 ciphertext', V1_POST.encrypt.replace(/\+/g, '*')],
  ])('refuses a correctly signed %s with 400', async (_name, encrypt) => {
    const query = new URLSearchParams(
      signedWecomQuery(TEST_ENV.WECOM_TOKEN, encrypt, { now: new Date(1409659813000), nonce: '1' }),
    );
    await expectRejected(
      h,
      await postXml(h, `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`, query.toString()),
      400,
    );
  });

  it('refuses malformed XML inside a valid envelope with 400', async () => {
    const request = sealWecomAppCallback(h.config.wecom!, '<xml><FromUserName>a</xml>', { now: new Date() });
    await expectRejected(h, await sendCallback(h.base, request), 400);
  });

  it('refuses an oversize body with 413', async () => {
    await expectRejected(h, await postXml(h, `<xml>${'a'.repeat(70 * 1024)}</xml>`), 413);
  });

  it('answers 404 on unknown routes', async () => {
    expect((await fetch(`${h.base}/wecom/other`)).status).toBe(404);
  });

  it('answers 503 when intake throws, so WeCom retries', async () => {
    h.setIntake(async () => {
      throw new Error('database down');
    });
    const res = await postXml(h, V1_POST_BODY);
    expect(res.status).toBe(503);
    expect(await res.text()).not.toContain('database down');
  });
});

describe('WeCom app receiver with a corp id that is not the V1 one', () => {
  it('refuses the V1 POST and GET with 403 (receive id mismatch)', async () => {
    const h = await startReceivers({ ...VECTOR_ENV, WECOM_CORP_ID: 'wwsomeothercorp' });
    try {
      await expectRejected(h, await postXml(h, V1_POST_BODY), 403);
      expect(h.logs[0]).toMatchObject({ status: 403, code: -40005 });
    } finally {
      await h.close();
    }
  });
});

describe('WeCom app receiver with the timestamp window on', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startReceivers(TEST_ENV, { now: new Date('2026-11-23T02:00:00Z'), intakeTimeoutMs: 200 });
  });
  afterEach(() => h.close());

  it('refuses the 2014 vector as stale with 403', async () => {
    await expectRejected(h, await postXml(h, V1_POST_BODY), 403);
  });

  it('accepts a built text message and a card button press', async () => {
    const now = h.clock.now();
    const text = buildWecomAppTextCallback(h.config.wecom!, {
      userId: 'zhangsan',
      text: ' 走访登记 某某科技 ',
      now,
      msgId: '9223372036854775807',
    });
    expect((await sendCallback(h.base, text)).status).toBe(200);
    const card = buildWecomAppCardEventCallback(h.config.wecom!, {
      userId: 'zhangsan',
      eventKey: 'accept:W20261123-0001',
      taskId: 'task-1',
      responseCode: 'RC1',
      now,
    });
    expect((await sendCallback(h.base, card)).status).toBe(200);
    expect(h.received).toMatchObject([
      { messageId: '9223372036854775807', text: '走访登记 某某科技', senderId: 'zhangsan' },
      {
        messageId: `zhangsan-${Math.floor(now.getTime() / 1000)}-template_card_event-RC1`,
        action: { key: 'accept:W20261123-0001', taskId: 'task-1', responseCode: 'RC1' },
      },
    ]);
  });

  it('answers a built GET verification with its echo', async () => {
    const { request, echo } = buildWecomAppVerification(h.config.wecom!, { now: h.clock.now() });
    const res = await fetch(callbackUrl(h.base, request));
    expect(await res.text()).toBe(echo);
  });

  it('answers 503 when intake is slower than the timeout', async () => {
    h.setIntake(() => new Promise((resolve) => setTimeout(resolve, 1000)));
    const request = buildWecomAppTextCallback(h.config.wecom!, {
      userId: 'u',
      text: 'x',
      now: h.clock.now(),
    });
    const started = Date.now();
    expect((await sendCallback(h.base, request)).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(900);
  });
});
