import type { InboundMessage } from '../../bot/inbound-message';
import { beijingIso } from '../../lib/time';
import { jobSafeId, stripBotMentions } from '../kit/inbound-text';
import { parseJsonSafe } from '../kit/safe-json';
import { WECOM_ERROR, wecomFailure, type WecomResult } from '../wecom/wecom-crypto';

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** A string or number field as a string (ids may arrive either way). */
function str(obj: Json | undefined, name: string): string | undefined {
  const value = obj?.[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Parses JSON text into an object, keeping 64-bit integers exact; failure code -40002. */
export function parseWecomJson(body: string): WecomResult<Json> {
  let doc: unknown;
  try {
    doc = parseJsonSafe(body);
  } catch {
    return wecomFailure(WECOM_ERROR.parse, 'malformed JSON');
  }
  const obj = asObject(doc);
  return obj ? { ok: true, value: obj } : wecomFailure(WECOM_ERROR.parse, 'JSON is not an object');
}

/** Reads the `encrypt` field of a 智能机器人 POST body. */
export function parseWecomBotEnvelope(body: string): WecomResult<{ encrypt: string }> {
  const parsed = parseWecomJson(body);
  if (!parsed.ok) return parsed;
  const encrypt = str(parsed.value, 'encrypt');
  return encrypt
    ? { ok: true, value: { encrypt } }
    : wecomFailure(WECOM_ERROR.parse, 'envelope without encrypt');
}

/**
 * The words a person sent: `text.content`, the platform's speech-to-text of a `voice`
 * (`voice.content`), or the `text` items of a `mixed` message joined; null for other types.
 */
function wordsOf(m: Json, msgType: string): string | null {
  if (msgType === 'text') return str(asObject(m.text), 'content') ?? '';
  if (msgType === 'voice') return str(asObject(m.voice), 'content') ?? null;
  if (msgType !== 'mixed') return null;
  const items = asObject(m.mixed)?.msg_item;
  if (!Array.isArray(items)) return null;
  const words = items
    .map(asObject)
    .filter((item) => str(item, 'msgtype') === 'text')
    .map((item) => str(asObject(item?.text), 'content') ?? '')
    .filter((w) => w.trim() !== '');
  return words.length > 0 ? words.join('\n') : null;
}

/**
 * Turns a decrypted 智能机器人 callback into an InboundMessage; `null` for callbacks the bot ignores
 * (stream refreshes, feedback events). The JSON carries no reliable send time, so `now` stands in.
 */
export function parseWecomBotMessage(json: string, now: Date): WecomResult<InboundMessage | null> {
  const parsed = parseWecomJson(json);
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  const msgId = str(m, 'msgid');
  const userId = str(asObject(m.from), 'userid');
  const msgType = str(m, 'msgtype');
  if (!msgId || !userId || !msgType) {
    return wecomFailure(WECOM_ERROR.parse, 'message without msgid, from.userid or msgtype');
  }
  const chatId = str(m, 'chattype') === 'group' ? (str(m, 'chatid') ?? null) : null;
  const createTime = str(m, 'create_time');
  const base = {
    platform: 'wecom_bot' as const,
    messageId: jobSafeId(msgId),
    senderId: userId,
    chatId,
    text: '',
    sentAt: beijingIso(createTime && /^\d+$/.test(createTime) ? Number(createTime) * 1000 : now.getTime()),
    reply: { kind: 'wecom_bot_response' as const, responseUrl: str(m, 'response_url') ?? '', chatId, userId },
  };

  const spoken = wordsOf(m, msgType);
  if (spoken !== null) {
    return { ok: true, value: { ...base, text: chatId ? stripBotMentions(spoken) : spoken.trim() } };
  }
  if (msgType === 'stream') return { ok: true, value: null };
  if (msgType !== 'event') return { ok: true, value: { ...base, event: 'unsupported' } };

  const event = asObject(m.event);
  const eventType = str(event, 'eventtype');
  if (eventType === 'enter_chat') return { ok: true, value: { ...base, event: 'enter' } };
  if (eventType === 'template_card_event') {
    // Documented nested under event.template_card_event; some senders flatten it into event.
    const card = asObject(event?.template_card_event) ?? event;
    const key = str(card, 'event_key');
    // A press that carries no key (WeCom sends some) asks for nothing: acknowledged, not stored.
    if (!key) return { ok: true, value: null };
    return { ok: true, value: { ...base, action: { key, taskId: str(card, 'task_id') } } };
  }
  return { ok: true, value: null };
}
