import { parseDingtalkMessage } from '../../../../src/platforms/dingtalk/dingtalk.parser';

const now = new Date('2026-11-23T02:00:00Z');

const official = {
  conversationId: 'cidxxxx==',
  atUsers: [{ dingtalkId: '$:LWCP_v1:$bot' }],
  chatbotCorpId: 'dingxxx',
  chatbotUserId: '$:LWCP_v1:$bot',
  msgId: 'msgdVAgGpFh0eyrDaXa+LyJnQ==',
  senderNick: '张三',
  isAdmin: true,
  senderStaffId: 'manager123',
  sessionWebhookExpiredTime: 1763871600000,
  createAt: 1763866200000,
  senderCorpId: 'dingxxx',
  conversationType: '2',
  senderId: '$:LWCP_v1:$abc',
  conversationTitle: '某区亲商群',
  isInAtList: true,
  sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=xxx',
  text: { content: ' 走访登记 @李四 ' },
  robotCode: 'dingappkey',
  msgtype: 'text',
};

describe('parseDingtalkMessage', () => {
  it('reads a group text: trimmed content, staff id, session webhook', () => {
    expect(parseDingtalkMessage(JSON.stringify(official), now)).toEqual({
      ok: true,
      value: {
        platform: 'dingtalk',
        messageId: 'msgdVAgGpFh0eyrDaXa+LyJnQ==',
        senderId: 'manager123',
        senderName: '张三',
        chatId: 'cidxxxx==',
        text: '走访登记 @李四',
        sentAt: '2025-11-23T10:50:00+08:00',
        reply: {
          kind: 'dingtalk_session',
          sessionWebhook: official.sessionWebhook,
          expiresAt: 1763871600000,
          conversationId: 'cidxxxx==',
          isGroup: true,
          userId: 'manager123',
        },
      },
    });
  });

  it('reads a 1:1 chat (conversationType "1") with senderId when no staff id is given', () => {
    const { senderStaffId: _omit, ...rest } = official;
    const result = parseDingtalkMessage(JSON.stringify({ ...rest, conversationType: '1' }), now);
    expect(result).toMatchObject({
      ok: true,
      value: { chatId: null, senderId: '$:LWCP_v1:$abc', reply: { isGroup: false } },
    });
    expect(result.ok && result.value.messageId).not.toContain(':');
  });

  it('marks pictures unsupported', () => {
    const picture = { ...official, msgtype: 'picture', content: { downloadCode: 'x' }, text: undefined };
    expect(parseDingtalkMessage(JSON.stringify(picture), now)).toMatchObject({
      ok: true,
      value: { event: 'unsupported', text: '' },
    });
  });

  it('reads richText text parts and audio recognition as the text they carry', () => {
    const rich = {
      ...official,
      text: undefined,
      msgtype: 'richText',
      content: {
        richText: [{ text: '登记走访 ' }, { downloadCode: 'pic', type: 'picture' }, { text: '曲江文旅' }],
      },
    };
    expect(parseDingtalkMessage(JSON.stringify(rich), now)).toMatchObject({
      ok: true,
      value: { text: '登记走访 曲江文旅' },
    });
    const audio = {
      ...official,
      conversationType: '1',
      text: undefined,
      msgtype: 'audio',
      content: { duration: 3000, downloadCode: 'a', recognition: '我的待办' },
    };
    expect(parseDingtalkMessage(JSON.stringify(audio), now)).toMatchObject({
      ok: true,
      value: { text: '我的待办' },
    });
    const silent = { ...audio, content: { downloadCode: 'a' } };
    expect(parseDingtalkMessage(JSON.stringify(silent), now)).toMatchObject({
      ok: true,
      value: { event: 'unsupported' },
    });
  });

  it.each([
    ['malformed JSON', '{"msgId":'],
    ['an array', '[]'],
    ['no msgId', JSON.stringify({ ...official, msgId: undefined })],
    ['no sessionWebhook', JSON.stringify({ ...official, sessionWebhook: undefined })],
    ['a bad conversationType', JSON.stringify({ ...official, conversationType: '3' })],
  ])('refuses %s', (_name, body) => {
    expect(parseDingtalkMessage(body, now)).toMatchObject({ ok: false });
  });
});
