import {
  flatWecomXml,
  parseWecomAppMessage,
  parseWecomXml,
  parseWithParser,
} from '../../../../src/platforms/wecom-app/wecom-app.parser';

/** A small seeded PRNG (mulberry32), so a failing document can be found again. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['ToUserName', 'FromUserName', 'CreateTime', 'MsgType', 'Content', 'MsgId', 'AgentID', 'Event'];
const ODD_NAMES = ['Constructor', 'toString', 'x-y', '1a', 'a:b', '', 'xml', 'A B'];
const BENIGN = ['a', '中文', ' ', '\n', '\t', '\u3000', '\u00a0', '12345', '😀', '>', '"', "'", '/'];
const PIECES = [
  'a',
  '中文',
  ' ',
  '\n',
  '\t',
  '\r\n',
  '\u3000',
  '\u00a0',
  '<',
  '>',
  '&',
  '&amp;',
  '&lt;',
  '&#20013;',
  ';',
  ']',
  ']]>',
  ']]',
  '\u0001',
  '"',
  "'",
  '/',
  '<![CDATA[',
  '</Content>',
  '<!--',
  '-->',
  '<b>',
  '?',
  '=',
  '12345',
  '😀',
  '\ud800',
];

function makeDoc(r: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const blanks = () => (r() < 0.02 ? '\u3000' : pick(['', '', ' ', '\n', '\n  ', '\t']));
  // Mostly ordinary text, with a markup or odd character now and then.
  const content = () =>
    Array.from({ length: Math.floor(r() * 5) }, () => (r() < 0.93 ? pick(BENIGN) : pick(PIECES))).join('');
  const value = () => {
    const k = r();
    if (k < 0.45) return `<![CDATA[${content()}]]>`;
    if (k < 0.8) return content();
    if (k < 0.85) return '';
    if (k < 0.9) return `<![CDATA[${content()}]]><![CDATA[${content()}]]>`;
    if (k < 0.95) return `${blanks()}<![CDATA[${content()}]]>${blanks()}`;
    return `<![CDATA[${content()}`;
  };
  const fields = Array.from({ length: 1 + Math.floor(r() * 5) }, () => {
    const name = r() < 0.9 ? pick(NAMES) : pick(ODD_NAMES);
    const close = r() < 0.97 ? name : pick(NAMES);
    return r() < 0.03 ? `<${name}/>` : `<${name}>${value()}</${close}>`;
  });
  let doc = `<xml>${fields.map((f) => blanks() + f).join('')}${blanks()}</xml>${blanks()}`;
  const m = r();
  if (m < 0.03) doc = `<?xml version="1.0"?>${doc}`;
  else if (m < 0.06) doc = `\ufeff${doc}`;
  else if (m < 0.09) doc += pick(['<xml></xml>', 'x', '<!-- c -->']);
  else if (m < 0.12) doc = doc.slice(0, Math.floor(r() * doc.length));
  else if (m < 0.14) doc = ` ${doc}`;
  return doc;
}

describe('flatWecomXml (the decrypted message read without the XML parser)', () => {
  it('answers exactly as the validating parser for every document it reads, over 10,000 random ones', () => {
    const r = rng(20261201);
    let read = 0;
    let leftToParser = 0;
    for (let i = 0; i < 10_000; i++) {
      const doc = makeDoc(r);
      const flat = flatWecomXml(doc);
      const viaParser = parseWithParser(doc);
      if (flat === null) {
        leftToParser++;
        // What it leaves goes to the parser: parseWecomXml's answer is the parser's.
        expect(parseWecomXml(doc)).toEqual(viaParser);
        continue;
      }
      read++;
      if (!viaParser.ok || JSON.stringify(viaParser.value) !== JSON.stringify(flat)) {
        throw new Error(
          `differs from the parser on ${JSON.stringify(doc)}: ${JSON.stringify(viaParser)} vs ${JSON.stringify(flat)}`,
        );
      }
      expect(parseWecomXml(doc)).toEqual(viaParser);
    }
    // Both branches were exercised in earnest.
    expect(read).toBeGreaterThan(1_500);
    expect(leftToParser).toBeGreaterThan(1_500);
  });

  it('reads what WeCom sends: a text message and an event', () => {
    const text =
      '<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>' +
      '<CreateTime>1763870400</CreateTime><MsgType><![CDATA[text]]></MsgType>' +
      '<Content><![CDATA[ 登记走访 <曲江> & 文旅 ]]></Content><MsgId>7441234567890123456</MsgId>' +
      '<AgentID>1000002</AgentID></xml>';
    expect(flatWecomXml(text)).toEqual({
      ToUserName: 'ww1',
      FromUserName: 'zhangsan',
      CreateTime: '1763870400',
      MsgType: 'text',
      Content: ' 登记走访 <曲江> & 文旅 ',
      MsgId: '7441234567890123456',
      AgentID: '1000002',
    });
    expect(parseWecomAppMessage(text)).toMatchObject({
      ok: true,
      value: { messageId: '7441234567890123456', text: '登记走访 <曲江> & 文旅' },
    });
    const event =
      '<xml>\n<ToUserName><![CDATA[ww1]]></ToUserName>\n<FromUserName><![CDATA[li]]></FromUserName>\n' +
      '<CreateTime>1763870400</CreateTime>\n<MsgType><![CDATA[event]]></MsgType>\n' +
      '<Event><![CDATA[enter_agent]]></Event>\n<EventKey><![CDATA[]]></EventKey>\n</xml>\n';
    expect(flatWecomXml(event)).toMatchObject({ Event: 'enter_agent', EventKey: '' });
  });

  it.each([
    ['a repeated field', '<xml><A>1</A><A>2</A></xml>'],
    ['an entity', '<xml><A>a&amp;b</A></xml>'],
    ['two CDATA sections', '<xml><A><![CDATA[a]]><![CDATA[b]]></A></xml>'],
    ['blanks around CDATA', '<xml><A> <![CDATA[a]]></A></xml>'],
    ['a reserved name', '<xml><Constructor>1</Constructor></xml>'],
    ['nesting', '<xml><A><B>1</B></A></xml>'],
    ['a declaration', '<?xml version="1.0"?><xml><A>1</A></xml>'],
    ['text after the root', '<xml><A>1</A></xml>x'],
    ['an unclosed CDATA', '<xml><A><![CDATA[a</A></xml>'],
  ])('leaves %s to the parser', (_label, xml) => {
    expect(flatWecomXml(xml)).toBeNull();
  });

  it('still refuses a DOCTYPE anywhere, even inside CDATA', () => {
    const xml = '<xml><Content><![CDATA[<!DOCTYPE x>]]></Content></xml>';
    expect(parseWecomXml(xml)).toMatchObject({ ok: false, code: -40002 });
  });
});
