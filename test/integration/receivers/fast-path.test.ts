/**
 * The web process serves the callback routes on plain node:http ahead of express: the same answers
 * as the express routes (which stay mounted for whatever the fast path leaves to them), the same
 * refusals counted, the same HTTP metrics.
 */
import { request as httpRequest } from 'node:http';
import { sendCallback, type CallbackRequest } from '../../support/callbacks/callback-request';
import { buildDingtalkTextCallback } from '../../support/callbacks/dingtalk-callback.builder';
import {
  buildWecomAppTextCallback,
  buildWecomAppVerification,
} from '../../support/callbacks/wecom-callback.builder';
import {
  expectRejected,
  rejectionsByReason,
  startReceivers,
  TEST_ENV,
  type Harness,
} from './receiver-harness';

interface Seen {
  status: number;
  type: string | null;
  body: string;
}

async function answer(h: Harness, req: CallbackRequest): Promise<Seen> {
  const res = await sendCallback(h.base, req);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

describe('callback routes on node:http ahead of express', () => {
  let fast: Harness;
  let slow: Harness;
  beforeEach(async () => {
    fast = await startReceivers(TEST_ENV);
    slow = await startReceivers(TEST_ENV, { transport: 'express' });
  });
  afterEach(async () => {
    await fast.close();
    await slow.close();
  });

  it('answers exactly as the express routes do, for accepted and refused callbacks alike', async () => {
    const now = fast.clock.now();
    const wecom = fast.config.wecom!;
    const text = buildWecomAppTextCallback(wecom, { userId: 'u1', text: '帮助', msgId: '1001', now });
    const badSign = { ...text, query: { ...text.query, msg_signature: 'f'.repeat(40) } };
    const { request: verify } = buildWecomAppVerification(wecom, { now });
    const dingtalk = buildDingtalkTextCallback(fast.config.dingtalk!, { userId: 'd1', text: '帮助', now });
    const stale = buildDingtalkTextCallback(fast.config.dingtalk!, {
      userId: 'd1',
      text: '帮助',
      now: new Date(now.getTime() - 3_600_000),
    });
    for (const req of [text, badSign, verify, dingtalk, stale]) {
      expect(await answer(fast, req)).toEqual(await answer(slow, req));
    }
    expect(fast.received).toEqual(slow.received);
    expect(fast.received).toHaveLength(2);
    expect(await rejectionsByReason(fast)).toEqual({ signature: 1, stale: 1 });
    expect(await rejectionsByReason(fast)).toEqual(await rejectionsByReason(slow));
  });

  it('records the HTTP metrics of the route as the express middleware does', async () => {
    const now = fast.clock.now();
    await sendCallback(
      fast.base,
      buildWecomAppTextCallback(fast.config.wecom!, { userId: 'u1', text: '帮助', msgId: '1002', now }),
    );
    const counted = (await fast.metrics.httpRequests.get()).values.map((v) => v.labels);
    expect(counted).toEqual([{ route: '/wecom/callback', status: '200' }]);
  });

  it('refuses a body over the limit sent without a length (chunked) with 413', async () => {
    const url = new URL(`${fast.base}/wecom/callback?msg_signature=a&timestamp=1&nonce=2`);
    const status = await new Promise<number>((resolve, fail) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', fail);
      for (let i = 0; i < 70; i++) req.write('a'.repeat(1024));
      req.end();
    });
    expect(status).toBe(413);
    expect(await rejectionsByReason(fast)).toEqual({ too_large: 1 });
    expect(fast.received).toHaveLength(0);
  });

  it('refuses captured WeCom headers carrying another body: the signature covers Encrypt', async () => {
    const now = fast.clock.now();
    const wecom = fast.config.wecom!;
    const genuine = buildWecomAppTextCallback(wecom, { userId: 'u1', text: '帮助', msgId: '1003', now });
    const other = buildWecomAppTextCallback(wecom, { userId: 'u1', text: '我的企业', msgId: '1004', now });
    expect((await sendCallback(fast.base, genuine)).status).toBe(200);
    fast.received.length = 0;
    await expectRejected(fast, await sendCallback(fast.base, { ...other, query: genuine.query }), 401);
  });
});
