import type { InboundMessage } from '../../bot/inbound-message';
import { beijingIso } from '../../lib/time';
import { jobSafeId, stripBotMentions } from '../kit/inbound-text';
import { parseJsonSafe } from '../kit/safe-json';

type Json = Record<string, unknown>;

/** A parsed DingTalk callback, or why it was refused. */
export type DingtalkParse = { ok: true; value: InboundMessage } | { ok: false; reason: string };

function str(obj: Json | undefined, name: string): string | undefined {
  const value = obj?.[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** Turns a DingTalk robot callback body (HTTP mode) into an InboundMessage. */
export function parseDingtalkMessage(body: string, now: Date): DingtalkParse {
  let doc: unknown;
  try {
    doc = parseJsonSafe(body);
  } catch {
    return { ok: false, reason: 'malformed JSON' };
  }
  const m = asObject(doc);
  if (!m) return { ok: false, reason: 'JSON is not an object' };
  const msgId = str(m, 'msgId');
  const senderId = str(m, 'senderStaffId') || str(m, 'senderId');
  const conversationId = str(m, 'conversationId');
  const sessionWebhook = str(m, 'sessionWebhook');
  const expiresAt = Number(str(m, 'sessionWebhookExpiredTime'));
  const conversationType = str(m, 'conversationType');
  if (!msgId || !senderId || !conversationId || !sessionWebhook || !Number.isFinite(expiresAt)) {
    return { ok: false, reason: 'message without msgId, sender, conversationId or sessionWebhook' };
  }
  if (conversationType !== '1' && conversationType !== '2') {
    return { ok: false, reason: 'conversationType is neither "1" nor "2"' };
  }
  const isGroup = conversationType === '2';
  const createAt = Number(str(m, 'createAt'));
  const base: InboundMessage = {
    platform: 'dingtalk',
    messageId: jobSafeId(msgId),
    senderId,
    senderName: str(m, 'senderNick'),
    chatId: isGroup ? conversationId : null,
    text: '',
    sentAt: beijingIso(Number.isFinite(createAt) && createAt > 0 ? createAt : now.getTime()),
    reply: { kind: 'dingtalk_session', sessionWebhook, expiresAt, conversationId, isGroup, userId: senderId },
  };
  const content = wordsOf(m);
  if (content === null) return { ok: true, value: { ...base, event: 'unsupported' } };
  // DingTalk removes the @bot itself but leaves a leading space; other mentions stay in the text.
  return { ok: true, value: { ...base, text: isGroup ? stripBotMentions(content) : content.trim() } };
}

/**
 * The words a person sent: `text.content`, the `text` parts of a `richText`
 * (`content.richText[]`), or DingTalk's speech-to-text of an `audio` (`content.recognition`);
 * null for other types (pictures, files).
 */
function wordsOf(m: Json): string | null {
  const type = str(m, 'msgtype');
  if (type === 'text') return str(asObject(m.text), 'content') ?? '';
  const content = asObject(m.content);
  if (type === 'audio') {
    const heard = str(content, 'recognition');
    return heard && heard.trim() !== '' ? heard : null;
  }
  if (type !== 'richText' || !Array.isArray(content?.richText)) return null;
  const words = content.richText
    .map(asObject)
    .map((part) => str(part, 'text') ?? '')
    .filter((w) => w.trim() !== '');
  return words.length > 0 ? words.join('') : null;
}
