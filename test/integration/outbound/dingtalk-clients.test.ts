import { FixedClock } from '../../../src/lib/clock';
import { renderDingtalkApi, renderDingtalkRobot } from '../../../src/platforms/dingtalk/dingtalk.render';
import { DingtalkRobotClient } from '../../../src/platforms/dingtalk/dingtalk-robot.client';
import { PlatformError } from '../../../src/platforms/kit/http';
import { outboundHarness, useOutboundHarness } from './harness';

let h: Awaited<ReturnType<typeof outboundHarness>>;

useOutboundHarness({ reset: false }, (_ds, harness) => {
  h = harness;
});

const text = (content: string) => ({ msgtype: 'text' as const, text: { content } });

describe('DingTalk custom robot', () => {
  it('signs robot/send so the fake accepts it, re-based from the stored real-host URL', async () => {
    const robot = h.dingtalk.addRobot();
    await h.dingtalkClient.sendRobot(robot.url, robot.secret, text('今日走访提醒'));
    expect(h.dingtalk.rejected).toEqual([]);
    expect(h.dingtalk.sent).toHaveLength(1);
  });

  it('is refused with 310000 when the secret or the timestamp is wrong (permanent)', async () => {
    const robot = h.dingtalk.addRobot();
    const err = (await h.dingtalkClient
      .sendRobot(robot.url, 'SECwrong', text('x'))
      .catch((e: unknown) => e)) as PlatformError;
    expect(err).toMatchObject({ errcode: '310000', retryable: false });
    const late = new DingtalkRobotClient({
      apiBase: h.dingtalk.url,
      oapiBase: h.dingtalk.url,
      appKey: null,
      tokens: null,
      clock: new FixedClock(new Date(Date.now() - 2 * 3600_000)),
    });
    await expect(late.sendRobot(robot.url, robot.secret, text('x'))).rejects.toMatchObject({
      errcode: '310000',
    });
    expect(h.dingtalk.rejected.map((r) => r.errmsg)).toEqual(['sign not match', 'invalid timestamp']);
  });

  it('answers 130101 after 20 messages a minute and keeps the robot blocked', async () => {
    const robot = h.dingtalk.addRobot(null);
    for (let i = 0; i < 20; i++) await h.dingtalkClient.sendRobot(robot.url, null, text(`${i}`));
    const err = (await h.dingtalkClient
      .sendRobot(robot.url, null, text('21'))
      .catch((e: unknown) => e)) as PlatformError;
    expect(err).toMatchObject({ errcode: '130101', rateLimited: true });
  });

  it('renders action cards whose buttons send the command back', async () => {
    const robot = h.dingtalk.addRobot();
    const [card] = renderDingtalkRobot({
      msgtype: 'card',
      card: {
        title: '走访确认',
        description: '张三于11月20日上门走访',
        buttons: [{ text: '确认', key: 'confirm:V1', command: '确认走访 V1' }],
      },
    });
    await h.dingtalkClient.sendRobot(robot.url, robot.secret, card);
    const sent = h.dingtalk.sent[0].body.actionCard as { btns: { actionURL: string }[] };
    expect(sent.btns[0].actionURL).toBe(
      `dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent('确认走访 V1')}`,
    );
  });
});

describe('DingTalk sessionWebhook and OpenAPI', () => {
  it('posts to a valid sessionWebhook and is refused once it has expired', async () => {
    const session = h.dingtalk.addSession(60_000);
    await h.dingtalkClient.sendBySession(session.url, text('收到'));
    h.dingtalk.clockOffsetMs = 61_000;
    await expect(h.dingtalkClient.sendBySession(session.url, text('收到'))).rejects.toMatchObject({
      retryable: false,
    });
  });

  it('sends 1:1 and group messages with a cached OpenAPI token, refreshing on InvalidAuthentication', async () => {
    const [msg] = renderDingtalkApi({
      msgtype: 'markdown',
      markdown: { title: '日报', text: '**今日**：3件' },
    });
    await h.dingtalkClient.sendToUsers(['user1'], msg);
    await h.dingtalkClient.sendToGroup('cidXYZ', msg);
    expect(h.dingtalk.tokenCalls).toBe(1);
    h.dingtalk.expireTokens();
    await h.dingtalkClient.sendToUsers(['user1'], msg);
    expect(h.dingtalk.tokenCalls).toBe(2);
    expect(h.dingtalk.sent.map((s) => s.api)).toEqual(['batchSend', 'groupMessages/send', 'batchSend']);
    expect(JSON.parse(String(h.dingtalk.sent[0].body.msgParam))).toEqual({
      title: '日报',
      text: '**今日**：3件',
    });
  });
});
