import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { createRedis } from '../../../src/infra/redis';
import { utf8Bytes } from '../../../src/lib/utf8';
import { OUTBOUND_QUEUE, type SendJobData } from '../../../src/outbox/outbound.queue';
import { OutboxService } from '../../../src/outbox/outbox.service';
import { Sender, sendingTransaction } from '../../../src/outbox/sender';
import {
  type HarnessOptions,
  type OutboundHarness,
  outboundHarness,
  useOutboundHarness,
  until,
} from './harness';

let ds: DataSource;
let h: OutboundHarness;

/**
 * Retries here back off from 50 ms (doubling, as in production from 1 s): the tests check that a job is
 * retried and how often, not the production wait (SEND_JOB_OPTIONS).
 */
const RETRY_DELAY_MS = 50;

useOutboundHarness({ wecom: { webhookKeys: ['k1', 'k2'] }, retryDelayMs: RETRY_DELAY_MS }, (d, harness) => {
  ds = d;
  h = harness;
});

/**
 * Harnesses a test made in place of the shared one (its own limits): closed after the test, so
 * their fakes, workers and connections never outlive it.
 */
const ownHarnesses: OutboundHarness[] = [];
afterEach(async () => {
  for (const own of ownHarnesses.splice(0)) await own.close();
});

async function ownHarness(options: HarnessOptions): Promise<OutboundHarness> {
  await h.close();
  h = await outboundHarness(ds, { retryDelayMs: RETRY_DELAY_MS, ...options });
  ownHarnesses.push(h);
  return h;
}

/**
 * Waits until the queue holds no job that could still send (none waiting, delayed or active):
 * from then on every message a dispatch so far could cause has reached the fake, or never will.
 */
async function queueDrained(): Promise<void> {
  await until(async () => {
    const counts = await h.queue.getJobCounts(
      'waiting',
      'prioritized',
      'delayed',
      'active',
      'waiting-children',
    );
    return Object.values(counts).every((n) => n === 0);
  });
}

const textPayload = (text: string) => ({ msgtype: 'text' as const, text });

async function row(id: string) {
  const [r] = await ds.query(
    `SELECT status, attempts, last_error AS "lastError", sent_at AS "sentAt", enqueued_at AS "enqueuedAt"
     FROM outbound_message WHERE id = $1`,
    [id],
  );
  return r as {
    status: string;
    attempts: number;
    lastError: string | null;
    sentAt: Date | null;
    enqueuedAt: Date | null;
  };
}

async function groupChat(
  webhookUrl: string,
  platform = 'wecom',
  secret: string | null = null,
): Promise<string> {
  const [{ id }] = await ds.query(
    `INSERT INTO group_chat (platform, chat_id, purpose, webhook_url, webhook_secret)
     VALUES ($1, $2, 'leaders', $3, $4) RETURNING id`,
    [platform, `chat-${Math.random().toString(36).slice(2)}`, webhookUrl, secret],
  );
  return id as string;
}

describe('outbox', () => {
  it('stores and sends a key once, however often it is enqueued and dispatched', async () => {
    h.startWorker();
    const req = {
      key: 'visit-confirm:1',
      channel: 'wecom_webhook' as const,
      target: h.wecom.webhookUrl('k1'),
      payload: textPayload('走访已登记'),
    };
    const a = await h.outbox.enqueue(ds, req);
    const b = await h.outbox.enqueue(ds, { ...req, payload: textPayload('不同的内容') });
    expect(a).toBe(b);
    await h.outbox.dispatch([a]);
    await h.outbox.dispatch([a]);
    await until(async () => (await row(a)).status === 'sent');
    await h.outbox.dispatch([a]);
    await queueDrained();
    expect(h.wecom.sent).toHaveLength(1);
    expect(h.wecom.sent[0].body).toMatchObject({ text: { content: '走访已登记' } });
    const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM outbound_message`);
    expect(count).toBe(1);
  });

  it('Sender adds the job only after COMMIT and never for a rolled-back transaction', async () => {
    h.startWorker();
    const sender = new Sender(h.outbox);
    const target = await groupChat(h.wecom.webhookUrl('k1'));
    let insideId = '';
    await sendingTransaction(ds, async (manager) => {
      insideId = await sender.send(manager, 'tx:commit', 'wecom_webhook', target, textPayload('已提交'));
      const jobs = await h.queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
      expect(jobs.filter((j) => j.data.id === insideId)).toEqual([]);
    });
    await until(async () => (await row(insideId)).status === 'sent');
    await expect(
      sendingTransaction(ds, async (manager) => {
        await sender.send(manager, 'tx:rollback', 'wecom_webhook', target, textPayload('回滚'));
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await queueDrained();
    expect(h.wecom.sent.map((s) => (s.body.text as { content: string }).content)).toEqual(['已提交']);
    const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM outbound_message`);
    expect(count).toBe(1);
  });

  it('refuses a message inside a transaction not opened with sendingTransaction, so none waits on a hidden hook', async () => {
    const sender = new Sender(h.outbox);
    const target = await groupChat(h.wecom.webhookUrl('k1'));
    await expect(
      ds.transaction((manager) => sender.send(manager, 'tx:raw', 'wecom_webhook', target, textPayload('x'))),
    ).rejects.toThrow('sendingTransaction');
    const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM outbound_message`);
    expect(count).toBe(0);
  });

  it('loses nothing when Redis fails after the commit: the relay enqueues the row later', async () => {
    const deadRedis = createRedis('redis://127.0.0.1:1', 'producer', { retryStrategy: () => null });
    const deadQueue = new Queue<SendJobData>(OUTBOUND_QUEUE, { connection: deadRedis, prefix: h.prefix });
    deadQueue.on('error', () => undefined);
    const brokenSender = new Sender(new OutboxService(h.repo, deadQueue));
    const id = await brokenSender.send(
      ds,
      'relay:1',
      'wecom_webhook',
      h.wecom.webhookUrl('k1'),
      textPayload('补发'),
    );
    expect((await row(id)).enqueuedAt).toBeNull();
    await deadQueue.close().catch(() => undefined);
    deadRedis.disconnect();

    h.startWorker();
    expect(await h.outbox.relayPending()).toBe(1);
    expect(await h.outbox.relayPending()).toBe(0);
    await until(async () => (await row(id)).status === 'sent');
    expect(h.wecom.sent).toHaveLength(1);
  });

  it('marks a permanent refusal failed at once, without retries', async () => {
    h.startWorker();
    const id = await h.outbox.enqueue(ds, {
      key: 'bad:1',
      channel: 'wecom_webhook',
      target: h.wecom.webhookUrl('unknown'),
      payload: textPayload('x'),
    });
    await h.outbox.dispatch([id]);
    await until(async () => (await row(id)).status === 'failed');
    const r = await row(id);
    expect(r.attempts).toBe(1);
    expect(r.lastError).toContain('93000');
    expect(h.wecom.rejected).toHaveLength(1);
  });

  it('retries a 5xx with backoff and then sends', async () => {
    h.startWorker();
    h.wecom.failNext(2, 503);
    const id = await h.outbox.enqueue(ds, {
      key: 'flaky:1',
      channel: 'wecom_webhook',
      target: h.wecom.webhookUrl('k1'),
      payload: textPayload('重试'),
    });
    await h.outbox.dispatch([id]);
    await until(async () => (await row(id)).status === 'sent', 15_000);
    expect((await row(id)).attempts).toBe(3);
    expect(h.wecom.sent).toHaveLength(1);
  });

  it('sends a long message as ordered parts within the byte limit', async () => {
    h.startWorker();
    const long = Array.from(
      { length: 200 },
      (_, i) => `${i + 1}. 某某公司：厂区道路配套问题已交办至市政部门。`,
    ).join('\n');
    const id = await h.outbox.enqueue(ds, {
      key: 'long:1',
      channel: 'wecom_webhook',
      target: h.wecom.webhookUrl('k1'),
      payload: textPayload(long),
    });
    await h.outbox.dispatch([id]);
    await until(async () => (await row(id)).status === 'sent');
    const parts = h.wecom.sent.map((s) => (s.body.text as { content: string }).content);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.every((p) => utf8Bytes(p) <= 2048)).toBe(true);
    expect(parts.join('\n')).toBe(long);
  });

  it('continues a split message after the part that failed, without repeating earlier parts', async () => {
    h.startWorker();
    const long = Array.from({ length: 150 }, (_, i) => `${i + 1}. 园区企业用电增容申请已受理，请跟进。`).join(
      '\n',
    );
    const id = await h.outbox.enqueue(ds, {
      key: 'split-retry:1',
      channel: 'wecom_webhook',
      target: h.wecom.webhookUrl('k1'),
      payload: textPayload(long),
    });
    // Part 1 goes through, part 2 meets a 503: the retry must start at part 2.
    h.wecom.failNext(1, 503, 1);
    await h.outbox.dispatch([id]);
    await until(async () => (await row(id)).status === 'sent', 15_000);
    const parts = h.wecom.sent.map((s) => (s.body.text as { content: string }).content);
    expect(parts.length).toBeGreaterThan(2);
    expect(new Set(parts).size).toBe(parts.length);
    expect(parts.join('\n')).toBe(long);
    expect((await row(id)).attempts).toBe(2);
  });

  it('answers a 智能机器人 response_url once, and renders a card for appchat as markdown', async () => {
    h.startWorker();
    const url = h.wecom.issueBotResponseUrl();
    const a = await h.outbox.enqueue(ds, {
      key: 'bot:1',
      channel: 'wecom_bot_response',
      target: url,
      payload: textPayload('收到，已登记'),
    });
    const card = {
      msgtype: 'card' as const,
      card: { title: '走访确认', description: '请确认', buttons: [{ text: '确认', key: 'confirm:V1' }] },
    };
    const b = await h.outbox.enqueue(ds, {
      key: 'chat:1',
      channel: 'wecom_appchat',
      target: 'chat001',
      payload: card,
    });
    await h.outbox.dispatch([a, b, a]);
    await until(async () => (await row(a)).status === 'sent' && (await row(b)).status === 'sent');
    expect(h.wecom.sent.map((s) => s.api).sort()).toEqual(['aibot/response', 'appchat/send']);
    expect(h.wecom.sent.find((s) => s.api === 'aibot/response')!.body).toEqual({
      msgtype: 'markdown',
      markdown: { content: '收到，已登记' },
    });
    expect(h.wecom.sent.find((s) => s.api === 'appchat/send')!.body).toMatchObject({ msgtype: 'markdown' });
  });

  it('never resends a part the platform accepted when recording it in the row fails once', async () => {
    // Issue 11 item 2: this test used to pin the old window (a webhook copy sent twice when the
    // mark failed after the send). The delivered part is now also recorded in the job's data, so
    // the retry skips it on every channel, not only on WeCom's deduplicating message/send.
    let crashes = 0;
    const crashingRepo = {
      find: (id: string) => h.repo.find(id),
      recordError: (id: string, e: string, f: boolean, code?: string | null) =>
        h.repo.recordError(id, e, f, code),
      // PostgreSQL refuses the first write after the platform accepted the message.
      markDelivered: async (id: string, done: number, total: number, at: Date) => {
        if (crashes++ === 0) throw new Error('simulated database failure after send');
        return h.repo.markDelivered(id, done, total, at);
      },
    };
    h.startWorker({ repo: crashingRepo });
    const hook = await h.outbox.enqueue(ds, {
      key: 'crash:webhook',
      channel: 'wecom_webhook',
      target: h.wecom.webhookUrl('k1'),
      payload: textPayload('群通知'),
    });
    await h.outbox.dispatch([hook]);
    await until(async () => (await row(hook)).status === 'sent');
    expect(h.wecom.sent.filter((s) => s.api === 'webhook/send')).toHaveLength(1);

    crashes = 0;
    const app = await h.outbox.enqueue(ds, {
      key: 'crash:app',
      channel: 'wecom_app',
      target: 'zhangsan',
      payload: textPayload('个人提醒'),
    });
    await h.outbox.dispatch([app]);
    await until(async () => (await row(app)).status === 'sent');
    expect(h.wecom.sent.filter((s) => s.api === 'message/send')).toHaveLength(1);
    expect(h.wecom.duplicates).toHaveLength(0);
  });

  it('delays a job the platform rate-limited instead of failing it', async () => {
    await ownHarness({
      wecom: { webhookKeys: ['k1'], webhookLimit: 3, windowMs: 1000 },
      blockMs: { '45009': 1000 },
    });
    h.startWorker({}, 1);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        await h.outbox.enqueue(ds, {
          key: `rl:${i}`,
          channel: 'wecom_webhook',
          target: h.wecom.webhookUrl('k1'),
          payload: textPayload(`第${i}条`),
        }),
      );
    }
    await h.outbox.dispatch(ids);
    await until(async () => (await Promise.all(ids.map(row))).every((r) => r.status === 'sent'), 20_000);
    expect(h.wecom.rejected.map((r) => r.errcode)).toContain(45009);
    expect(h.wecom.sent).toHaveLength(5);
    expect((await Promise.all(ids.map(row))).every((r) => r.lastError === null)).toBe(true);
  });

  it('holds a DingTalk robot for its block after 130101, then delivers the rest', async () => {
    await ownHarness({
      dingtalk: { robotLimit: 3, windowMs: 1000, blockMs: 1500 },
      blockMs: { '130101': 1500 },
    });
    h.startWorker({}, 2);
    const robot = h.dingtalk.addRobot();
    const target = await groupChat(robot.url, 'dingtalk', robot.secret);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        await h.outbox.enqueue(ds, {
          key: `dt-rl:${i}`,
          channel: 'dingtalk_robot',
          target,
          payload: textPayload(`提醒${i}`),
        }),
      );
    }
    await h.outbox.dispatch(ids);
    await until(async () => (await Promise.all(ids.map(row))).every((r) => r.status === 'sent'), 20_000);
    expect(h.dingtalk.rejected.map((r) => r.errcode)).toContain(130101);
    expect(h.dingtalk.sent).toHaveLength(5);
    // After the refusal nothing reached the robot until its block was over.
    const refusedAt = h.dingtalk.rejected[0].at;
    const after = h.dingtalk.sent.filter((s) => s.at > refusedAt).map((s) => s.at - refusedAt);
    expect(Math.min(...after)).toBeGreaterThanOrEqual(1500);
  });

  it('falls back from an expired DingTalk sessionWebhook to the OpenAPI', async () => {
    h.startWorker();
    const session = h.dingtalk.addSession(30_000);
    const id = await h.outbox.enqueue(ds, {
      key: 'dt:session',
      channel: 'dingtalk_session',
      target: session.url,
      payload: {
        ...textPayload('已过期会话的回复'),
        dingtalkSession: {
          expiresAt: session.expiresAt,
          conversationId: 'cid1',
          isGroup: true,
          userId: 'u1',
        },
      },
    });
    await h.outbox.dispatch([id]);
    await until(async () => (await row(id)).status === 'sent');
    expect(h.dingtalk.sent.map((s) => s.api)).toEqual(['groupMessages/send']);
  });

  it('sends to a DingTalk group robot from its group_chat row with 加签', async () => {
    h.startWorker();
    const robot = h.dingtalk.addRobot();
    const target = await groupChat(robot.url, 'dingtalk', robot.secret);
    const id = await h.outbox.enqueue(ds, {
      key: 'dt:robot',
      channel: 'dingtalk_robot',
      target,
      payload: {
        msgtype: 'markdown',
        markdown: { title: '周报', text: '本周走访 **12** 次' },
        mentions: { mobiles: ['13800001111'] },
      },
    });
    await h.outbox.dispatch([id]);
    await until(async () => (await row(id)).status === 'sent');
    expect(h.dingtalk.sent[0].body).toMatchObject({
      msgtype: 'markdown',
      at: { atMobiles: ['13800001111'] },
    });
  });
});
