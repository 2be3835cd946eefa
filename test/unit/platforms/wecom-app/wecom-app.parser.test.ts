import { V1_POST, V1_POST_BODY } from '../../../fixtures/platforms/wecom-vectors';
import {
  parseWecomAppEnvelope,
  parseWecomAppMessage,
  parseWecomXml,
  simpleWecomAppEnvelope,
} from '../../../../src/platforms/wecom-app/wecom-app.parser';

const event = (inner: string) =>
  '<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>' +
  `<CreateTime>1763870400</CreateTime><MsgType><![CDATA[event]]></MsgType>${inner}` +
  '<AgentID>1000002</AgentID></xml>';

describe('parseWecomAppEnvelope', () => {
  it('reads the V1 envelope with AgentID as CDATA', () => {
    expect(parseWecomAppEnvelope(V1_POST_BODY)).toEqual({
      ok: true,
      value: { toUserName: 'wx5823bf96d3bd56c7', agentId: '218', encrypt: V1_POST.encrypt },
    });
  });

  it('reads AgentID given bare', () => {
    const xml =
      '<xml><ToUserName>ww1</ToUserName><Encrypt><![CDATA[abcd]]></Encrypt><AgentID>218</AgentID></xml>';
    expect(parseWecomAppEnvelope(xml)).toMatchObject({
      ok: true,
      value: { agentId: '218', encrypt: 'abcd' },
    });
  });

  it.each([
    ['malformed XML', '<xml><Encrypt>abc</xml>'],
    ['no Encrypt', '<xml><ToUserName>ww1</ToUserName></xml>'],
    ['not XML at all', '{"encrypt":"abc"}'],
    ['a DOCTYPE', '<!DOCTYPE xml [<!ENTITY a "b">]><xml><Encrypt>&a;</Encrypt></xml>'],
    ['empty', ''],
  ])('refuses %s with -40002', (_name, xml) => {
    expect(parseWecomAppEnvelope(xml)).toMatchObject({ ok: false, code: -40002 });
  });
});

describe('parseWecomAppMessage', () => {
  it('turns the V1 plaintext into an InboundMessage with MsgId kept as an exact string', () => {
    expect(parseWecomAppMessage(V1_POST.plaintext)).toEqual({
      ok: true,
      value: {
        platform: 'wecom',
        messageId: '4561255354251345929',
        senderId: 'mycreate',
        chatId: null,
        text: 'hello',
        sentAt: '2014-09-02T20:10:13+08:00',
        reply: { kind: 'wecom_app', userId: 'mycreate' },
      },
    });
  });

  it('maps enter_agent to event "enter" with a colon-free FromUserName-CreateTime id', () => {
    const result = parseWecomAppMessage(
      event('<Event><![CDATA[enter_agent]]></Event><EventKey><![CDATA[]]></EventKey>'),
    );
    expect(result).toMatchObject({
      ok: true,
      value: { messageId: 'zhangsan-1763870400-enter_agent', event: 'enter', text: '', senderId: 'zhangsan' },
    });
    expect(result.ok && result.value?.messageId).not.toContain(':');
  });

  it('maps template_card_event to an action with key, task id and response code', () => {
    const result = parseWecomAppMessage(
      event(
        '<Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[accept:W20261123-0001]]></EventKey>' +
          '<TaskId><![CDATA[task-1]]></TaskId><CardType><![CDATA[button_interaction]]></CardType>' +
          '<ResponseCode><![CDATA[rc-123]]></ResponseCode>',
      ),
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        messageId: 'zhangsan-1763870400-template_card_event-rc-123',
        action: { key: 'accept:W20261123-0001', taskId: 'task-1', responseCode: 'rc-123' },
      },
    });
  });

  it('marks image and voice messages unsupported, keeping their MsgId', () => {
    const xml =
      '<xml><ToUserName>ww1</ToUserName><FromUserName>lisi</FromUserName><CreateTime>1763870400</CreateTime>' +
      '<MsgType>image</MsgType><PicUrl>http://x/y.jpg</PicUrl><MediaId>m1</MediaId><MsgId>1234567890123456789</MsgId></xml>';
    expect(parseWecomAppMessage(xml)).toMatchObject({
      ok: true,
      value: { messageId: '1234567890123456789', text: '', event: 'unsupported' },
    });
  });

  it('tells two presses in the same second apart by their ResponseCode', () => {
    const press = (code: string) =>
      parseWecomAppMessage(
        event(
          '<Event>template_card_event</Event><EventKey>accept:W20261123-0001</EventKey>' +
            `<ResponseCode>${code}</ResponseCode>`,
        ),
      );
    const [a, b] = [press('RC-A'), press('RC-B')];
    expect(a.ok && b.ok && a.value?.messageId !== b.value?.messageId).toBe(true);
  });

  it('acknowledges a card event with an empty or missing EventKey without storing it', () => {
    expect(parseWecomAppMessage(event('<Event>template_card_event</Event>'))).toEqual({
      ok: true,
      value: null,
    });
    expect(
      parseWecomAppMessage(event('<Event>template_card_event</Event><EventKey><![CDATA[]]></EventKey>')),
    ).toEqual({ ok: true, value: null });
  });

  it('ignores other events (subscribe) with null', () => {
    expect(parseWecomAppMessage(event('<Event><![CDATA[subscribe]]></Event>'))).toEqual({
      ok: true,
      value: null,
    });
  });

  it.each([
    ['no FromUserName', '<xml><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>'],
    [
      'a non-numeric CreateTime',
      '<xml><FromUserName>a</FromUserName><CreateTime>x</CreateTime><MsgType>text</MsgType></xml>',
    ],
    ['malformed XML', '<xml><FromUserName>a</xml>'],
  ])('refuses %s with -40002', (_name, xml) => {
    expect(parseWecomAppMessage(xml)).toMatchObject({ ok: false, code: -40002 });
  });
});

describe('simpleWecomAppEnvelope (the envelope read without the XML parser)', () => {
  const viaParser = (xml: string) => {
    const r = parseWecomXml(xml);
    if (!r.ok) return null;
    const f = r.value as Record<string, unknown>;
    return typeof f.Encrypt === 'string' && f.Encrypt
      ? {
          toUserName: typeof f.ToUserName === 'string' ? f.ToUserName : '',
          agentId: typeof f.AgentID === 'string' ? f.AgentID : null,
          encrypt: f.Encrypt,
        }
      : null;
  };

  it.each([
    ['the V1 vector', V1_POST_BODY],
    [
      'bare values',
      '<xml><ToUserName>ww1</ToUserName><Encrypt>ab+/cd==</Encrypt><AgentID>218</AgentID></xml>',
    ],
    [
      'blanks between fields',
      '<xml>\n  <ToUserName><![CDATA[ww1]]></ToUserName>\n  <Encrypt><![CDATA[abcd]]></Encrypt>\n</xml>\n',
    ],
    ['no AgentID', '<xml><Encrypt><![CDATA[abcd]]></Encrypt></xml>'],
  ])('reads %s exactly as the parser does', (_label, xml) => {
    expect(simpleWecomAppEnvelope(xml)).not.toBeNull();
    expect(simpleWecomAppEnvelope(xml)).toEqual(viaParser(xml));
  });

  it.each([
    ['a repeated field', '<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>'],
    ['an unknown field', '<xml><Encrypt>a</Encrypt><Extra>x</Extra></xml>'],
    ['an entity', '<xml><Encrypt>a&amp;b</Encrypt></xml>'],
    ['blanks in a value', '<xml><Encrypt><![CDATA[ a ]]></Encrypt></xml>'],
    ['a DOCTYPE', '<!DOCTYPE x><xml><Encrypt>a</Encrypt></xml>'],
    ['text after the root', '<xml><Encrypt>a</Encrypt></xml><xml></xml>'],
    ['no Encrypt', '<xml><ToUserName>ww1</ToUserName></xml>'],
    ['an empty Encrypt', '<xml><Encrypt></Encrypt></xml>'],
  ])('leaves %s to the parser', (_label, xml) => {
    expect(simpleWecomAppEnvelope(xml)).toBeNull();
  });
});
