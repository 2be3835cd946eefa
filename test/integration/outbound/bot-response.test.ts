import type { DataSource } from 'typeorm';
import { utf8Bytes } from '../../../src/lib/utf8';
import { outboundHarness, useOutboundHarness, until } from './harness';

let ds: DataSource;
let h: Awaited<ReturnType<typeof outboundHarness>>;

useOutboundHarness({ wecom: { webhookKeys: ['k1'] }, worker: true }, (d, harness) => {
  ds = d;
  h = harness;
});

const status = async (id: string) =>
  ((await ds.query(`SELECT status FROM outbound_message WHERE id = $1`, [id])) as { status: string }[])[0]
    .status;

const inAnHour = () => Date.now() + 60 * 60 * 1000;

describe('智能机器人 response_url: its own limit and a fallback', () => {
  it('answers up to 20,480 bytes through the response_url in one piece', async () => {
    const text = '长'.repeat(6000); // 18,000 bytes: over the webhook's 4096, within the response_url's
    const id = await h.outbox.enqueue(ds, {
      key: 'big:1',
      channel: 'wecom_bot_response',
      target: h.wecom.issueBotResponseUrl(),
      payload: { msgtype: 'text', text, botFallback: { expiresAt: inAnHour(), userId: 'lisi' } },
    });
    await h.outbox.dispatch([id]);
    await until(async () => (await status(id)) === 'sent');
    const [sent] = h.wecom.sent;
    expect(sent.api).toBe('aibot/response');
    expect(utf8Bytes((sent.body.markdown as { content: string }).content)).toBe(18000);
  });

  it('answers 1:1 through the app when the response_url was already used', async () => {
    const url = h.wecom.issueBotResponseUrl();
    const first = await h.outbox.enqueue(ds, {
      key: 'used:1',
      channel: 'wecom_bot_response',
      target: url,
      payload: { msgtype: 'text', text: '第一条' },
    });
    await h.outbox.dispatch([first]);
    await until(async () => (await status(first)) === 'sent');
    const second = await h.outbox.enqueue(ds, {
      key: 'used:2',
      channel: 'wecom_bot_response',
      target: url,
      payload: { msgtype: 'text', text: '第二条', botFallback: { expiresAt: inAnHour(), userId: 'lisi' } },
    });
    await h.outbox.dispatch([second]);
    await until(async () => (await status(second)) === 'sent');
    expect(h.wecom.rejected.map((r) => r.api)).toEqual(['aibot/response']);
    expect(h.wecom.sent.map((s) => [s.api, s.to])).toEqual([
      ['aibot/response', undefined],
      ['message/send', 'lisi'],
    ]);
  });

  it("answers through the group's push robot once the response_url has expired", async () => {
    const url = h.wecom.issueBotResponseUrl();
    h.wecom.clockOffsetMs = 61 * 60 * 1000;
    const expired = await h.outbox.enqueue(ds, {
      key: 'late:1',
      channel: 'wecom_bot_response',
      target: url,
      payload: {
        msgtype: 'text',
        text: '迟到的回答',
        botFallback: { expiresAt: Date.now() - 1, groupChatId: h.wecom.webhookUrl('k1'), userId: 'lisi' },
      },
    });
    await h.outbox.dispatch([expired]);
    await until(async () => (await status(expired)) === 'sent');
    // Known expired: the response_url is not even tried.
    expect(h.wecom.rejected).toEqual([]);
    expect(h.wecom.sent.map((s) => [s.api, s.to])).toEqual([['webhook/send', 'k1']]);
  });

  it('the fake refuses an expired response_url and markdown over 20,480 bytes', async () => {
    const post = (url: string, content: string) =>
      fetch(url.replace('https://qyapi.weixin.qq.com', h.wecom.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }),
      }).then((r) => r.json() as Promise<{ errcode: number; errmsg: string }>);
    const big = await post(h.wecom.issueBotResponseUrl(), 'a'.repeat(20481));
    expect(big.errcode).toBe(40058);
    const old = h.wecom.issueBotResponseUrl();
    h.wecom.clockOffsetMs = 61 * 60 * 1000;
    expect(await post(old, 'ok')).toMatchObject({ errcode: 40058, errmsg: 'response_code expired' });
  });
});
