import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { WecomWebhookClient } from '../../../src/platforms/wecom/wecom-webhook.client';
import { ChatConsole, type ChatConsoleOptions } from '../../../src/dev/chat-console';
import { inProcessSandbox } from '../../../src/dev/chat-sandbox';
import type { FakeDingtalk } from '../../fakes/fake-dingtalk';
import type { AppHarness } from '../../support/app-harness';
import { type DemoChannels, startDemoChannels } from '../../support/demo-channels';

let ds: DataSource;
let h: AppHarness;
let dingtalk: FakeDingtalk;
let demo: DemoChannels;

beforeAll(async () => {
  demo = await startDemoChannels();
  ({ ds, h, dingtalk } = demo);
});
afterAll(() => demo.close());

const open = (mobile: string, extra: Partial<ChatConsoleOptions> = {}) =>
  ChatConsole.open({
    ds,
    base: h.base,
    sandbox: inProcessSandbox(h.fake, dingtalk),
    mode: 'wecom',
    mobile,
    wecom: h.config.wecom!,
    wecomBot: h.config.wecomBot!,
    dingtalk: h.config.dingtalk!,
    now: () => h.clock.now(),
    replyWaitMs: 20_000,
    ...extra,
  });

const texts = (turn: { replies: { text: string }[] }) => turn.replies.map((r) => r.text).join('\n');

describe('npm run chat: each reply shows under the message it answers', () => {
  it('WeCom app 1:1: two commands in a row get their own replies, not the previous one', async () => {
    const chat = await open('13929000021'); // 于浩然, 干部 (雁塔区)
    const todo = await chat.say('我的待办');
    expect(todo.incomplete).toBe(false);
    expect(todo.replies.length).toBeGreaterThan(0);
    expect(texts(todo)).toMatch(/待办|待确认|没有/);
    const help = await chat.say('帮助');
    expect(help.replies.length).toBeGreaterThan(0);
    expect(texts(help)).toContain('登记走访');
    expect(texts(help)).not.toBe(texts(todo));
    const shown = ChatConsole.format(help);
    expect(shown.split('\n').every((l) => l.startsWith('  '))).toBe(true);
    expect(await chat.notices()).toEqual([]);
  });

  it('智能机器人 in the firm group (@ and its binding): the report is answered there, the unit sees a card', async () => {
    const contact = await open('13929000051', { mode: 'bot', group: '' }); // 姚建国, 秦创智能
    // The handler of the lead unit watches in WeCom 1:1 (opened first: notices count from the opening).
    const handler = await open('13929000007'); // 叶思远, 市自然资源和规划局
    expect(contact.groupChat?.chatId).toBe('wrdemo-ent-01');
    expect(contact.describe()).toContain('企业群：秦创智能');
    const report = await contact.say('上报问题 厂房规划许可迟迟未批');
    expect(report.incomplete).toBe(false);
    expect(texts(report)).toContain('已登记问题');
    const code = /W\d{8}-\d{4}/.exec(texts(report))![0];
    const sent = h.fake.sent.filter((r) => r.api === 'aibot/response');
    expect(JSON.stringify(sent.at(-1)!.body)).toContain(code);

    // The unit group's card shows the handler as a notice; its button is pressed by number.
    await h.waitForSent((r) => r.api === 'webhook/send' && r.to === 'demo-unit-zrzy');
    let notices = await handler.notices();
    for (let i = 0; i < 50 && !notices.some((n) => n.text.includes(code)); i++) {
      await new Promise((r) => setTimeout(r, 100));
      notices = notices.concat(await handler.notices());
    }
    const card = notices.find((n) => n.text.includes(code) && n.buttons.length > 0)!;
    expect(card.where).toContain('单位群');
    const accept = card.buttons.find((b) => b.text.includes('受理'))!;
    const accepted = await handler.say(String(accept.number));
    expect(texts(accepted)).toContain(`已受理 ${code}`);
  });

  it('DingTalk robot 1:1: binding through the directory, then commands, each answered in turn', async () => {
    dingtalk.directory.set('chat-13929000021', '13929000021'); // 于浩然, 干部 (雁塔区), no DingTalk account
    const chat = await open('13929000021', { mode: 'dingtalk' });
    expect(chat.userId).toBe('chat-13929000021');
    const bind = await chat.say('绑定 13929000021');
    expect(bind.incomplete).toBe(false);
    expect(texts(bind)).toContain('于浩然');
    const help = await chat.say('帮助');
    expect(texts(help)).toContain('登记走访');
    expect(dingtalk.sent.filter((r) => r.api === 'sendBySession').length).toBeGreaterThanOrEqual(2);
  });

  it('DingTalk as a roster account (曲江新区 works on DingTalk): a leader is known without binding', async () => {
    const chat = await open('13929000006', { mode: 'dingtalk' }); // 潘文博, 领导 (曲江新区)
    expect(chat.userId).toBe('panwenbo');
    const help = await chat.say('帮助');
    expect(texts(help)).toContain('督办');
  });

  it('an image the group receives is saved to a file and its path shown', async () => {
    const imageDir = mkdtempSync(path.join(tmpdir(), 'chat-images-'));
    try {
      const contact = await open('13929000052', { mode: 'bot', group: '', imageDir }); // 汪立新, 长安半导体
      const png = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      );
      await new WecomWebhookClient({ apiBase: h.fake.url }).sendImage(contact.groupChat!.webhookUrl!, png);
      const shown = await contact.notices();
      const image = shown.find((m) => m.imagePath)!;
      expect(image.where).toBe('群');
      expect(existsSync(image.imagePath!)).toBe(true);
      expect(readFileSync(image.imagePath!)).toEqual(png);
      expect(ChatConsole.formatMessage(image)).toContain(`已保存到 ${image.imagePath}`);
    } finally {
      rmSync(imageDir, { recursive: true, force: true });
    }
  });
});
