import { splitUtf8, utf8Bytes } from '../../../src/lib/utf8';
import { renderWecomApp } from '../../../src/platforms/wecom/wecom.render';
import { PlatformError } from '../../../src/platforms/kit/http';
import { WecomAppClient } from '../../../src/platforms/wecom/wecom-app.client';
import { WecomWebhookClient } from '../../../src/platforms/wecom/wecom-webhook.client';
import { outboundHarness, useOutboundHarness } from './harness';

let h: Awaited<ReturnType<typeof outboundHarness>>;

useOutboundHarness({ reset: false }, (_ds, harness) => {
  h = harness;
});

const text = (content: string) => ({ msgtype: 'text' as const, text: { content } });

describe('WeCom access_token', () => {
  it('fetches one token for many sends, across two client instances and concurrent first calls', async () => {
    const other = new WecomAppClient({ apiBase: h.wecom.url, agentId: '1000002', tokens: h.wecomTokens() });
    await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => h.wecomApp.send('zhangsan', text(`第${i}条`))),
      ...Array.from({ length: 5 }, (_, i) => other.send('lisi', text(`第${i}条`))),
    ]);
    await h.wecomApp.send('zhangsan', text('再来一条'));
    expect(h.wecom.tokenCalls).toBe(1);
    expect(h.wecom.sent).toHaveLength(11);
  });

  it('refreshes once and retries the call when WeCom says 42001', async () => {
    await h.wecomApp.send('zhangsan', text('一'));
    h.wecom.expireTokens();
    await h.wecomApp.send('zhangsan', text('二'));
    expect(h.wecom.tokenCalls).toBe(2);
    expect(h.wecom.rejected.map((r) => r.errcode)).toEqual([42001]);
    expect(h.wecom.sent.map((s) => (s.body.text as { content: string }).content)).toEqual(['一', '二']);
  });

  it('retries only once: a token rejected again surfaces as a retryable PlatformError', async () => {
    await h.wecomApp.send('zhangsan', text('一'));
    h.wecom.expireTokens();
    h.wecom.issueExpiredTokens = true;
    const err = await h.wecomApp.send('zhangsan', text('二')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect(err).toMatchObject({ errcode: '42001', retryable: true });
    expect(h.wecom.tokenCalls).toBe(2);
    expect(h.wecom.rejected).toHaveLength(2);
  });

  it('reports bad credentials as a permanent PlatformError', async () => {
    const bad = new WecomAppClient({
      apiBase: h.wecom.url,
      agentId: '1000002',
      tokens: (await import('../../../src/platforms/wecom/wecom-token')).createWecomTokenCache(h.redis, {
        apiBase: h.wecom.url,
        corpId: h.wecom.corpId,
        agentId: '9',
        secret: 'wrong',
        prefix: h.prefix,
      }),
    });
    await expect(bad.send('zhangsan', text('x'))).rejects.toMatchObject({
      errcode: '40001',
      retryable: false,
    });
  });
});

describe('WeCom sending', () => {
  it('treats HTTP 200 with a non-zero errcode as a failure (unknown webhook key → 93000)', async () => {
    const client = new WecomWebhookClient({ apiBase: h.wecom.url });
    const err = (await client.send('nope', text('x')).catch((e: unknown) => e)) as PlatformError;
    expect(err).toBeInstanceOf(PlatformError);
    expect(err).toMatchObject({ platform: 'wecom', errcode: '93000', retryable: false, rateLimited: false });
  });

  it('re-bases a stored webhook URL onto the API base and sends mentions and images', async () => {
    const client = new WecomWebhookClient({ apiBase: h.wecom.url });
    await client.send(h.wecom.webhookUrl(), {
      msgtype: 'text',
      text: { content: '请查收', mentioned_list: ['wangqing'], mentioned_mobile_list: ['13800001111'] },
    });
    await client.sendImage(h.wecom.webhookUrl(), Buffer.from('89504e470d0a1a0a', 'hex'));
    expect(h.wecom.sent.map((s) => s.body.msgtype)).toEqual(['text', 'image']);
    expect(h.wecom.rejected).toEqual([]);
  });

  it('is refused above 2048 bytes, and a split text goes through in ≤ 2048-byte parts with nothing lost', async () => {
    const long = Array.from(
      { length: 300 },
      (_, i) => `第${i + 1}行：企业反映用地审批问题，请牵头单位限期办理。`,
    ).join('\n');
    expect(utf8Bytes(long)).toBeGreaterThan(2048 * 5);
    await expect(h.wecomApp.send('zhangsan', text(long))).rejects.toMatchObject({ errcode: '45002' });

    const parts = renderWecomApp({ msgtype: 'text', text: long }, 'k1');
    expect(parts.length).toBeGreaterThan(5);
    for (const p of parts) await h.wecomApp.send('zhangsan', p);
    const delivered = h.wecom.sent.map((s) => (s.body.text as { content: string }).content);
    expect(delivered.every((c) => utf8Bytes(c) <= 2048)).toBe(true);
    expect(delivered.join('\n')).toBe(long);
    expect(splitUtf8(long, 2048)).toEqual(delivered);
  });

  it('updates a clicked card once with its response_code', async () => {
    const [card] = renderWecomApp(
      {
        msgtype: 'card',
        card: { title: '问题交办', description: '请受理', buttons: [{ text: '受理', key: 'accept:W1' }] },
      },
      'card-1',
    );
    const { response_code } = await h.wecomApp.send('zhangsan', card);
    expect(response_code).toBeTruthy();
    await h.wecomApp.updateTemplateCard({
      userIds: ['zhangsan'],
      responseCode: response_code!,
      replaceName: '已受理',
    });
    await expect(
      h.wecomApp.updateTemplateCard({
        userIds: ['zhangsan'],
        responseCode: response_code!,
        replaceName: '已受理',
      }),
    ).rejects.toMatchObject({ errcode: '40058' });
  });

  it('classifies 5xx and network failures as retryable', async () => {
    h.wecom.failNext(1, 502);
    await expect(h.wecomApp.send('zhangsan', text('x'))).rejects.toMatchObject({
      errcode: 'http_502',
      retryable: true,
    });
    const dead = new WecomWebhookClient({ apiBase: 'http://127.0.0.1:1' });
    await expect(dead.send('k', text('x'))).rejects.toMatchObject({ errcode: 'network', retryable: true });
  });
});
