import { V1_KEYS, V3_JSON } from '../../../fixtures/platforms/wecom-vectors';
import { decryptWecom } from '../../../../src/platforms/wecom/wecom-crypto';
import {
  parseWecomBotEnvelope,
  parseWecomBotMessage,
  parseWecomJson,
} from '../../../../src/platforms/wecom-bot/wecom-bot.parser';

const now = new Date('2026-11-23T02:00:00Z');

const groupText = {
  msgid: 'CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=',
  aibotid: 'AIBOTID',
  chatid: 'wrkSFfCgAAxxxx',
  chattype: 'group',
  from: { userid: 'zhangsan' },
  response_url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC',
  msgtype: 'text',
  text: { content: '@助企机器人 走访登记 某某科技 上门' },
};

describe('parseWecomJson on the V3 vector', () => {
  it('decrypts and keeps the 64-bit MsgId exact', () => {
    const plain = decryptWecom(V1_KEYS.encodingAesKey, V3_JSON.encrypt, V1_KEYS.receiveId);
    expect(plain.ok).toBe(true);
    const parsed = parseWecomJson(plain.ok ? plain.value : '');
    expect(parsed).toMatchObject({ ok: true, value: { MsgId: '4561255354251345929', AgentID: 218 } });
  });
});

describe('parseWecomBotEnvelope', () => {
  it('reads encrypt', () => {
    expect(parseWecomBotEnvelope('{"encrypt":"abc="}')).toEqual({ ok: true, value: { encrypt: 'abc=' } });
  });
  it.each([['{"encrypt":'], ['[]'], ['{"tousername":"x"}'], ['<xml/>']])('refuses %s', (body) => {
    expect(parseWecomBotEnvelope(body)).toMatchObject({ ok: false, code: -40002 });
  });
});

describe('parseWecomBotMessage', () => {
  it('reads a group text, removing the leading @mention', () => {
    expect(parseWecomBotMessage(JSON.stringify(groupText), now)).toEqual({
      ok: true,
      value: {
        platform: 'wecom_bot',
        messageId: 'CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=',
        senderId: 'zhangsan',
        chatId: 'wrkSFfCgAAxxxx',
        text: '走访登记 某某科技 上门',
        sentAt: '2026-11-23T10:00:00+08:00',
        reply: {
          kind: 'wecom_bot_response',
          responseUrl: groupText.response_url,
          chatId: 'wrkSFfCgAAxxxx',
          userId: 'zhangsan',
        },
      },
    });
  });

  it('reads a 1:1 text with chatId null and a big numeric msgid exact', () => {
    const json =
      '{"msgid":4561255354251345929,"chattype":"single","from":{"userid":"lisi"},"msgtype":"text","text":{"content":" 你好 "},"create_time":1763870400}';
    expect(parseWecomBotMessage(json, now)).toMatchObject({
      ok: true,
      value: {
        messageId: '4561255354251345929',
        chatId: null,
        text: '你好',
        sentAt: '2025-11-23T12:00:00+08:00',
      },
    });
  });

  it('maps enter_chat to "enter" and template_card_event to an action', () => {
    const base = { msgid: 'e1', chattype: 'single', from: { userid: 'lisi' }, msgtype: 'event' };
    expect(
      parseWecomBotMessage(JSON.stringify({ ...base, event: { eventtype: 'enter_chat' } }), now),
    ).toMatchObject({ ok: true, value: { event: 'enter', text: '' } });
    const card = {
      ...base,
      event: {
        eventtype: 'template_card_event',
        template_card_event: { card_type: 'button_interaction', event_key: 'accept:W1', task_id: 't1' },
      },
    };
    expect(parseWecomBotMessage(JSON.stringify(card), now)).toMatchObject({
      ok: true,
      value: { action: { key: 'accept:W1', taskId: 't1' } },
    });
  });

  it('reads voice (speech-to-text) and the text items of mixed as text', () => {
    const base = { msgid: 'v1', chattype: 'single', from: { userid: 'lisi' } };
    expect(
      parseWecomBotMessage(
        JSON.stringify({ ...base, msgtype: 'voice', voice: { content: '我的待办' } }),
        now,
      ),
    ).toMatchObject({ ok: true, value: { text: '我的待办' } });
    const mixed = {
      ...base,
      chattype: 'group',
      chatid: 'g1',
      msgtype: 'mixed',
      mixed: {
        msg_item: [
          { msgtype: 'text', text: { content: '@助企机器人 登记走访 曲江文旅' } },
          { msgtype: 'image', image: { url: 'u' } },
          { msgtype: 'text', text: { content: '昨天 上门' } },
        ],
      },
    };
    expect(parseWecomBotMessage(JSON.stringify(mixed), now)).toMatchObject({
      ok: true,
      value: { text: '登记走访 曲江文旅\n昨天 上门', chatId: 'g1' },
    });
    const picturesOnly = { ...base, msgtype: 'mixed', mixed: { msg_item: [{ msgtype: 'image' }] } };
    expect(parseWecomBotMessage(JSON.stringify(picturesOnly), now)).toMatchObject({
      ok: true,
      value: { event: 'unsupported' },
    });
  });

  it('acknowledges a template_card_event with an empty event_key without storing it', () => {
    const press = {
      msgid: 'e2',
      chattype: 'single',
      from: { userid: 'lisi' },
      msgtype: 'event',
      event: { eventtype: 'template_card_event', template_card_event: { event_key: '', task_id: 't' } },
    };
    expect(parseWecomBotMessage(JSON.stringify(press), now)).toEqual({ ok: true, value: null });
  });

  it('marks images unsupported and ignores stream refreshes and feedback', () => {
    const base = { msgid: 'm1', chattype: 'single', from: { userid: 'lisi' } };
    expect(
      parseWecomBotMessage(JSON.stringify({ ...base, msgtype: 'image', image: { url: 'u' } }), now),
    ).toMatchObject({
      ok: true,
      value: { event: 'unsupported', text: '' },
    });
    expect(
      parseWecomBotMessage(JSON.stringify({ ...base, msgtype: 'stream', stream: { id: 's' } }), now),
    ).toEqual({
      ok: true,
      value: null,
    });
    expect(
      parseWecomBotMessage(
        JSON.stringify({ ...base, msgtype: 'event', event: { eventtype: 'feedback_event' } }),
        now,
      ),
    ).toEqual({ ok: true, value: null });
  });

  it.each([
    ['malformed JSON', '{"msgid":"x",'],
    ['no sender', '{"msgid":"x","msgtype":"text"}'],
    ['no msgid', '{"from":{"userid":"a"},"msgtype":"text"}'],
  ])('refuses %s with -40002', (_name, json) => {
    expect(parseWecomBotMessage(json, now)).toMatchObject({ ok: false, code: -40002 });
  });
});
