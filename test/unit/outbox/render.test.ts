import { utf8Bytes } from '../../../src/lib/utf8';
import { parsePayload } from '../../../src/outbox/outbound-payload';
import {
  renderDingtalkApi,
  renderDingtalkRobot,
  sendMessageLink,
} from '../../../src/platforms/dingtalk/dingtalk.render';
import {
  renderWecomApp,
  renderWecomBotResponse,
  renderWecomWebhook,
  wecomTaskId,
} from '../../../src/platforms/wecom/wecom.render';
import { templateCardProblem } from '../../fakes/fake-wecom';

const card = {
  msgtype: 'card' as const,
  card: {
    title: '问题交办',
    description: '某某公司反映厂区道路未通，请受理。',
    buttons: [
      { text: '受理', key: 'accept:W20261123-0001', command: '受理 W20261123-0001' },
      { text: '退回', key: 'return:W20261123-0001' },
    ],
  },
};

describe('parsePayload', () => {
  it('rejects a payload whose body does not match its msgtype', () => {
    expect(() => parsePayload({ msgtype: 'markdown', text: 'x' })).toThrow('payload.markdown is missing');
    expect(() => parsePayload({ msgtype: 'voice' })).toThrow();
    expect(parsePayload({ msgtype: 'text', text: '你好' })).toEqual({ msgtype: 'text', text: '你好' });
  });
});

describe('cards without buttons (WeCom refuses a button_interaction card without buttons: 40058)', () => {
  const notice = {
    msgtype: 'card' as const,
    card: { title: '问题 W1 催办', description: '企业：某某', buttons: [] },
  };

  it('go to the WeCom app and a 智能机器人 response_url as markdown, valid for the fake', () => {
    const app = renderWecomApp(notice, 'k');
    expect(app.map((m) => m.msgtype)).toEqual(['markdown']);
    expect(renderWecomBotResponse(notice, 'k').msgtype).toBe('markdown');
    const [withButtons] = renderWecomApp(card, 'k');
    const tc = (withButtons as { template_card: unknown }).template_card;
    expect(templateCardProblem(tc)).toBeNull();
    expect(templateCardProblem({ ...(tc as object), button_list: [] })).toBe('button_list empty');
    expect(templateCardProblem({ card_type: 'text_notice', main_title: { title: 'x' } })).toBe(
      'card_action missing',
    );
  });

  it('go to DingTalk as markdown, not as an actionCard without buttons', () => {
    expect(renderDingtalkRobot(notice).map((m) => m.msgtype)).toEqual(['markdown']);
    expect(renderDingtalkApi(notice).map((m) => m.msgKey)).toEqual(['sampleMarkdown']);
  });
});

describe('WeCom rendering', () => {
  it('splits app markdown at 2048 bytes and webhook markdown at 4096 bytes', () => {
    const text = '问题台账'.repeat(700); // 8400 bytes
    const app = renderWecomApp({ msgtype: 'markdown', markdown: { title: '', text } }, 'k');
    const hook = renderWecomWebhook({ msgtype: 'markdown', markdown: { title: '', text } });
    expect(app).toHaveLength(5);
    expect(hook).toHaveLength(3);
    for (const m of app)
      expect(utf8Bytes((m as { markdown: { content: string } }).markdown.content)).toBeLessThanOrEqual(2048);
    for (const m of hook)
      expect(utf8Bytes((m as { markdown: { content: string } }).markdown.content)).toBeLessThanOrEqual(4096);
  });

  it('renders a card as a button_interaction template card with a task_id from the key', () => {
    const [m] = renderWecomApp(card, 'problem:assign:1');
    expect(m).toMatchObject({
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        task_id: wecomTaskId('problem:assign:1'),
        button_list: [
          { text: '受理', key: 'accept:W20261123-0001' },
          { text: '退回', key: 'return:W20261123-0001' },
        ],
      },
    });
    expect(wecomTaskId('problem:assign:1')).toMatch(/^[A-Za-z0-9_\-@]{1,128}$/);
    expect(wecomTaskId('problem:assign:1')).not.toBe(wecomTaskId('problem:assign:2'));
  });

  it('sends a long card description as text before the card', () => {
    const long = { ...card, card: { ...card.card, description: '情况说明。'.repeat(100) } };
    const parts = renderWecomApp(long, 'k');
    expect(parts.map((p) => p.msgtype)).toEqual(['text', 'template_card']);
  });

  it('turns a card into markdown with replies where buttons are impossible (group robot)', () => {
    const [m] = renderWecomWebhook({ ...card, mentions: { userIds: ['zhangsan'] } });
    expect(m).toEqual({
      msgtype: 'markdown',
      markdown: {
        content:
          '**问题交办**\n某某公司反映厂区道路未通，请受理。\n> 受理：回复「受理 W20261123-0001」\n> 退回：回复「return:W20261123-0001」\n<@zhangsan>',
      },
    });
  });

  it('puts mentions on the first text part only', () => {
    const parts = renderWecomWebhook({
      msgtype: 'text',
      text: '甲'.repeat(1000),
      mentions: { mobiles: ['13800001111'] },
    });
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatchObject({ text: { mentioned_mobile_list: ['13800001111'] } });
    expect(parts[1]).toEqual({ msgtype: 'text', text: { content: '甲'.repeat(1000 - 682) } });
  });

  it('cuts (and says so) what cannot be split for the single-use response_url', () => {
    const whole = renderWecomBotResponse({ msgtype: 'text', text: '长'.repeat(3000) }, 'k');
    // 9,000 bytes fit the response_url's 20480-byte limit (the 4096 bytes are the webhook's).
    expect((whole as { markdown: { content: string } }).markdown.content).toBe('长'.repeat(3000));
    const m = renderWecomBotResponse({ msgtype: 'text', text: '长'.repeat(7000) }, 'k');
    expect(m.msgtype).toBe('markdown');
    const content = (m as { markdown: { content: string } }).markdown.content;
    expect(utf8Bytes(content)).toBeLessThanOrEqual(20480);
    expect(utf8Bytes(content)).toBeGreaterThan(20000);
    expect(content.endsWith('（内容过长，已截断）')).toBe(true);
  });
});

describe('DingTalk rendering', () => {
  it('makes action-card buttons send the command text back', () => {
    const [m] = renderDingtalkRobot(card);
    expect(m).toMatchObject({
      msgtype: 'actionCard',
      actionCard: {
        btns: [
          {
            title: '受理',
            actionURL: 'dtmd://dingtalkclient/sendMessage?content=%E5%8F%97%E7%90%86%20W20261123-0001',
          },
          { title: '退回', actionURL: sendMessageLink('return:W20261123-0001') },
        ],
      },
    });
  });

  it('adds @ text and the at block on the first part', () => {
    const [m] = renderDingtalkRobot({ msgtype: 'text', text: '请今天回复', mentions: { userIds: ['u1'] } });
    expect(m).toEqual({
      msgtype: 'text',
      text: { content: '请今天回复\n@u1' },
      at: { atUserIds: ['u1'], atMobiles: [] },
    });
  });

  it('uses the OpenAPI templates: sampleText, sampleMarkdown, sampleActionCardN', () => {
    expect(renderDingtalkApi({ msgtype: 'text', text: '你好' })).toEqual([
      { msgKey: 'sampleText', msgParam: { content: '你好' } },
    ]);
    const [c] = renderDingtalkApi(card);
    expect(c.msgKey).toBe('sampleActionCard2');
    expect(c.msgParam.actionURL1).toBe(sendMessageLink('受理 W20261123-0001'));
    const [one] = renderDingtalkApi({ ...card, card: { ...card.card, buttons: [card.card.buttons[0]] } });
    expect(one.msgKey).toBe('sampleActionCard');
    expect(one.msgParam.singleTitle).toBe('受理');
  });
});
