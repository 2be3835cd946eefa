import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { InboundMessage } from '../../bot/inbound-message';
import { beijingIso } from '../../lib/time';
import { jobSafeId } from '../kit/inbound-text';
import { WECOM_ERROR, wecomFailure, type WecomResult } from '../wecom/wecom-crypto';

/** The outer, still encrypted XML of a WeCom app POST. */
export interface WecomAppEnvelope {
  toUserName: string;
  agentId: string | null;
  encrypt: string;
}

type XmlFields = Record<string, unknown>;

// Values stay strings: MsgId is a 64-bit integer and would lose precision as a number.
const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, trimValues: true });

/** Names the parser refuses (compared lower-cased, as it does): left to it, so it refuses them. */
const RESERVED_NAMES = new Set([
  'hasownproperty',
  'tostring',
  'valueof',
  '__definegetter__',
  '__definesetter__',
  '__lookupgetter__',
  '__lookupsetter__',
  '__proto__',
  'constructor',
  'prototype',
]);
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CDATA_OPEN = '<![CDATA[';

/** Index of the first character at or after `at` that is not XML white space. */
function skipBlanks(xml: string, at: number): number {
  for (; at < xml.length; at++) {
    const c = xml.charCodeAt(at);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
  }
  return at;
}

/**
 * The fields of a flat message as WeCom sends it — `<xml>` and its elements, each once, each holding
 * one CDATA section or plain text (no markup, no entity) — read without the XML parser, which costs
 * most of the acknowledgement's parsing. Null for any other shape, which then goes through the
 * parser; what this reads equals the parser's answer (CDATA kept as is, plain text trimmed; no CR).
 */
export function flatWecomXml(xml: string): XmlFields | null {
  if (!xml.startsWith('<xml>')) return null;
  const fields: XmlFields = {};
  let at = skipBlanks(xml, 5);
  while (xml.charCodeAt(at) === 0x3c /* < */ && xml.charCodeAt(at + 1) !== 0x2f /* / */) {
    const open = xml.indexOf('>', at);
    if (open < 0) return null;
    const name = xml.slice(at + 1, open);
    if (!FIELD_NAME.test(name) || Object.hasOwn(fields, name) || RESERVED_NAMES.has(name.toLowerCase())) {
      return null;
    }
    at = open + 1;
    let value: string;
    if (xml.startsWith(CDATA_OPEN, at)) {
      const end = xml.indexOf(']]>', at + CDATA_OPEN.length);
      if (end < 0) return null;
      value = xml.slice(at + CDATA_OPEN.length, end);
      // The parser turns CR LF (and a lone CR) into LF, as XML wants: leave those to it.
      if (value.includes('\r')) return null;
      at = end + 3;
    } else {
      const end = xml.indexOf('<', at);
      if (end < 0) return null;
      value = xml.slice(at, end);
      if (value.includes('&') || value.includes(']]>') || value.includes('\r')) return null;
      value = value.trim();
      at = end;
    }
    if (!xml.startsWith(`</${name}>`, at)) return null;
    fields[name] = value;
    at = skipBlanks(xml, at + name.length + 3);
  }
  if (!xml.startsWith('</xml>', at) || skipBlanks(xml, at + 6) !== xml.length) return null;
  return fields;
}

/** Parses a `<xml>…</xml>` document into its top-level fields, or explains why not. */
export function parseWecomXml(xml: string): WecomResult<XmlFields> {
  // A DOCTYPE has no business in a WeCom callback and is how entity-expansion attacks start.
  if (/<!DOCTYPE/i.test(xml)) return wecomFailure(WECOM_ERROR.parse, 'XML with a DOCTYPE');
  const flat = flatWecomXml(xml);
  return flat ? { ok: true, value: flat } : parseWithParser(xml);
}

/** parseWecomXml through the validating XML parser alone (the answer flatWecomXml must equal). */
export function parseWithParser(xml: string): WecomResult<XmlFields> {
  if (/<!DOCTYPE/i.test(xml)) return wecomFailure(WECOM_ERROR.parse, 'XML with a DOCTYPE');
  if (XMLValidator.validate(xml) !== true) return wecomFailure(WECOM_ERROR.parse, 'malformed XML');
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch {
    return wecomFailure(WECOM_ERROR.parse, 'malformed XML');
  }
  const root = (doc as { xml?: unknown }).xml;
  if (typeof root !== 'object' || root === null) return wecomFailure(WECOM_ERROR.parse, 'no <xml> root');
  return { ok: true, value: root as XmlFields };
}

/** A field's text, or undefined when absent or not text (CDATA and bare values read the same). */
function text(fields: XmlFields, name: string): string | undefined {
  const value = fields[name];
  return typeof value === 'string' ? value : undefined;
}

/** One envelope field with a plain token value (base64, ids), bare or as CDATA, then blanks. */
const ENVELOPE_FIELD =
  /<(ToUserName|AgentID|Encrypt)>(?:<!\[CDATA\[([\w+/=.@-]+)\]\]>|([\w+/=.@-]+))<\/\1>\s*/y;
const ENVELOPE_END = /^<\/xml>\s*$/;

/**
 * The envelope as WeCom sends it — `<xml>` and its three fields, each once, with token values — read
 * without the XML parser (the acknowledgement path parses the decrypted message too). Null for any
 * other shape, which then goes through the parser: what it reads equals the parser's answer.
 */
export function simpleWecomAppEnvelope(xml: string): WecomAppEnvelope | null {
  if (!xml.startsWith('<xml>')) return null;
  const fields = new Map<string, string>();
  let at = 5;
  while (at < xml.length && /\s/.test(xml[at])) at++;
  for (;;) {
    ENVELOPE_FIELD.lastIndex = at;
    const m = ENVELOPE_FIELD.exec(xml);
    if (!m) break;
    if (fields.has(m[1])) return null;
    fields.set(m[1], m[2] ?? m[3]);
    at = ENVELOPE_FIELD.lastIndex;
  }
  const encrypt = fields.get('Encrypt');
  if (!encrypt || !ENVELOPE_END.test(xml.slice(at))) return null;
  return { toUserName: fields.get('ToUserName') ?? '', agentId: fields.get('AgentID') ?? null, encrypt };
}

/** Reads the encrypted envelope of a WeCom app POST body. */
export function parseWecomAppEnvelope(xml: string): WecomResult<WecomAppEnvelope> {
  const simple = simpleWecomAppEnvelope(xml);
  if (simple) return { ok: true, value: simple };
  const parsed = parseWecomXml(xml);
  if (!parsed.ok) return parsed;
  const encrypt = text(parsed.value, 'Encrypt');
  if (!encrypt) return wecomFailure(WECOM_ERROR.parse, 'envelope without Encrypt');
  return {
    ok: true,
    value: {
      toUserName: text(parsed.value, 'ToUserName') ?? '',
      agentId: text(parsed.value, 'AgentID') ?? null,
      encrypt,
    },
  };
}

/** The last CreateTime formatted: callbacks arriving together mostly share their second. */
let lastSent = { createTime: '', iso: '' };

/** CreateTime (epoch seconds, digits) as the Beijing ISO time of sentAt. */
function sentAtOf(createTime: string): string {
  if (lastSent.createTime !== createTime) {
    lastSent = { createTime, iso: beijingIso(Number(createTime) * 1000) };
  }
  return lastSent.iso;
}

/**
 * Turns a decrypted WeCom app message or event into an InboundMessage; `null` for events the bot
 * ignores (subscribe, menu clicks …), which are acknowledged without being stored.
 */
export function parseWecomAppMessage(xml: string): WecomResult<InboundMessage | null> {
  const parsed = parseWecomXml(xml);
  if (!parsed.ok) return parsed;
  const f = parsed.value;
  const from = text(f, 'FromUserName');
  const createTime = text(f, 'CreateTime');
  const msgType = text(f, 'MsgType');
  if (!from || !createTime || !/^\d+$/.test(createTime) || !msgType) {
    return wecomFailure(WECOM_ERROR.parse, 'message without FromUserName, CreateTime or MsgType');
  }
  const base = {
    platform: 'wecom' as const,
    senderId: from,
    chatId: null,
    text: '',
    sentAt: sentAtOf(createTime),
    reply: { kind: 'wecom_app' as const, userId: from },
  };
  // WeCom: dedupe messages on MsgId, events on FromUserName + CreateTime (plus the event, so two
  // different events in the same second stay apart).
  const msgId = text(f, 'MsgId');
  const messageId = (suffix: string) => jobSafeId(msgId || `${from}-${createTime}-${suffix}`);

  if (msgType === 'text') {
    return {
      ok: true,
      value: { ...base, messageId: messageId('text'), text: (text(f, 'Content') ?? '').trim() },
    };
  }
  if (msgType !== 'event') {
    return { ok: true, value: { ...base, messageId: messageId(msgType), event: 'unsupported' } };
  }
  const event = (text(f, 'Event') ?? '').toLowerCase();
  if (event === 'enter_agent') {
    return { ok: true, value: { ...base, messageId: messageId(event), event: 'enter' } };
  }
  if (event === 'template_card_event') {
    const key = text(f, 'EventKey');
    // A press with no key asks for nothing: acknowledged with 200, not stored.
    if (!key) return { ok: true, value: null };
    const responseCode = text(f, 'ResponseCode');
    // Two presses in one second share CreateTime and event: the single-use ResponseCode tells them apart.
    return {
      ok: true,
      value: {
        ...base,
        messageId: messageId(responseCode ? `${event}-${responseCode}` : `${event}-${key}`),
        action: { key, taskId: text(f, 'TaskId'), responseCode },
      },
    };
  }
  return { ok: true, value: null };
}
