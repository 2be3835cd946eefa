import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { InboundMessage } from '../../../src/bot/inbound-message';
import type { OutboundPayload } from '../../../src/outbox/outbound-payload';
import { buttonCommand } from '../../../src/outbox/outbound-payload';
import type { OutboxRow } from '../../../src/outbox/outbox.repository';
import type { PlatformAdapter, PlatformModule, SendPlan, SendTarget } from '../../../src/platforms/adapter';
import {
  bodyText,
  guardReplay,
  handOver,
  isStale,
  readRawBody,
  reject,
  type ReceiverKit,
} from '../../../src/platforms/kit/receiver-kit';
import { readSettingsGroup } from '../../../src/config';
import { PermanentError } from '../../../src/lib/errors';

/**
 * A test-only fourth platform, shaped like a Feishu/Lark custom app: events arrive as JSON at
 * `POST /feishu/events` signed with X-Lark-Signature = sha256(timestamp + nonce + encrypt key + body),
 * replies go out as text through im/v1/messages with a tenant_access_token. It exists to prove
 * that a platform plugs in through the registry alone: nothing under src/ names it.
 */
export interface FeishuSettings {
  appId: string;
  appSecret: string;
  encryptKey: string;
  apiBase: string;
}

/**
 * Its settings, read in this folder with the settings kit (all absent: off; one missing or malformed:
 * a ConfigError naming it), so adding the platform touches nothing in src/config.ts.
 */
export function readFeishuSettings(
  env: Record<string, string | undefined>,
  notices: string[] = [],
): FeishuSettings | null {
  const raw = readSettingsGroup(
    env,
    'Feishu',
    {
      appId: 'FEISHU_APP_ID',
      appSecret: 'FEISHU_APP_SECRET',
      encryptKey: 'FEISHU_ENCRYPT_KEY',
      apiBase: 'FEISHU_API_BASE',
    },
    { apiBase: (v) => (/^https?:\/\//.test(v) ? null : 'must be a URL starting with http:// or https://') },
    notices,
  );
  return raw && { ...raw, apiBase: raw.apiBase.replace(/\/+$/, '') };
}

const ROUTE = '/feishu/events';
const CHANNEL = 'feishu_text';

type FeishuRoute = { kind: 'feishu_user'; userId: string };

/** sha256 hex of timestamp + nonce + encrypt key + body (Lark's event signature). */
export function feishuSignature(key: string, timestamp: string, nonce: string, body: string): string {
  return createHash('sha256')
    .update(timestamp + nonce + key + body)
    .digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

interface FeishuEvent {
  type?: string;
  challenge?: string;
  header?: { event_id?: string; event_type?: string; create_time?: string };
  event?: {
    sender?: { sender_id?: { user_id?: string } };
    message?: {
      message_id?: string;
      chat_id?: string;
      chat_type?: string;
      message_type?: string;
      content?: string;
    };
  };
}

/** The common message for a text event, or a reason it is not one. */
export function parseFeishuEvent(
  body: FeishuEvent,
): { ok: true; value: InboundMessage } | { ok: false; reason: string } {
  const m = body.event?.message;
  const userId = body.event?.sender?.sender_id?.user_id;
  if (body.header?.event_type !== 'im.message.receive_v1' || !m?.message_id || !userId) {
    return { ok: false, reason: 'not a message event' };
  }
  let text: string;
  try {
    text =
      m.message_type === 'text'
        ? String((JSON.parse(m.content ?? '{}') as { text?: unknown }).text ?? '')
        : '';
  } catch {
    return { ok: false, reason: 'content is not JSON' };
  }
  const route: FeishuRoute = { kind: 'feishu_user', userId };
  return {
    ok: true,
    value: {
      platform: 'feishu',
      messageId: m.message_id,
      senderId: userId,
      chatId: m.chat_type === 'group' ? (m.chat_id ?? null) : null,
      text: text.replace(/@_user_\d+/g, '').trim(),
      sentAt: new Date(Number(body.header.create_time ?? Date.now())).toISOString(),
      reply: route,
    },
  };
}

function receiver(settings: FeishuSettings, kit: ReceiverKit): Router {
  const router = Router();
  router.post(ROUTE, readRawBody(ROUTE, kit), async (req, res) => {
    const timestamp = req.get('x-lark-request-timestamp') ?? '';
    const nonce = req.get('x-lark-request-nonce') ?? '';
    const signature = req.get('x-lark-signature') ?? '';
    const body = bodyText(req);
    if (!timestamp || !nonce || !signature)
      return reject(res, kit, ROUTE, 401, 'missing', 'no signature headers');
    if (!sameHex(signature, feishuSignature(settings.encryptKey, timestamp, nonce, body))) {
      return reject(res, kit, ROUTE, 401, 'signature', 'X-Lark-Signature mismatch');
    }
    if (isStale(timestamp, kit.clock.now(), kit.config.callbackMaxSkewSeconds)) {
      return reject(res, kit, ROUTE, 403, 'stale', 'timestamp outside the window');
    }
    let event: FeishuEvent;
    try {
      event = JSON.parse(body) as FeishuEvent;
    } catch {
      return reject(res, kit, ROUTE, 400, 'malformed', 'body is not JSON');
    }
    if (event.type === 'url_verification') return void res.json({ challenge: event.challenge });
    const parsed = parseFeishuEvent(event);
    if (!parsed.ok) return reject(res, kit, ROUTE, 400, 'malformed', parsed.reason);
    const keys = [`fs-sign ${timestamp} ${nonce}`, `fs-msg ${parsed.value.messageId}`];
    if (!(await guardReplay(kit, ROUTE, res, keys, body, Math.max(60, kit.config.callbackMaxSkewSeconds))))
      return;
    if (!(await handOver(kit, ROUTE, parsed.value, res))) return;
    res.status(200).json({});
  });
  return router;
}

/** The payload as one plain text (Feishu text messages have no buttons here: say what to type). */
export function renderFeishuText(p: OutboundPayload): string {
  if (p.msgtype === 'markdown' && p.markdown)
    return [p.markdown.title, p.markdown.text].filter(Boolean).join('\n');
  if (p.msgtype === 'card' && p.card) {
    const typed = p.card.buttons.map((b) => `回复“${b.typed ?? buttonCommand(b)}”：${b.text}`);
    return [p.card.title, p.card.description, ...typed].filter(Boolean).join('\n');
  }
  return p.text ?? '';
}

async function postJson<T>(url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`feishu HTTP ${res.status}`);
  return (await res.json()) as T;
}

function adapter(settings: FeishuSettings): PlatformAdapter {
  const send = async (userId: string, text: string): Promise<void> => {
    const auth = await postJson<{ code: number; tenant_access_token?: string }>(
      `${settings.apiBase}/open-apis/auth/v3/tenant_access_token/internal`,
      { app_id: settings.appId, app_secret: settings.appSecret },
    );
    if (auth.code !== 0 || !auth.tenant_access_token)
      throw new PermanentError('feishu_auth', `code ${auth.code}`);
    const sent = await postJson<{ code: number; msg?: string }>(
      `${settings.apiBase}/open-apis/im/v1/messages?receive_id_type=user_id`,
      { receive_id: userId, msg_type: 'text', content: JSON.stringify({ text }) },
      auth.tenant_access_token,
    );
    if (sent.code !== 0) throw new PermanentError('feishu_send', `code ${sent.code}: ${sent.msg ?? ''}`);
  };
  const toUser = (userId: string): SendTarget => ({ channel: CHANNEL, target: userId });
  return {
    name: 'feishu',
    accounts: 'feishu',
    label: '飞书',
    channels: [CHANNEL],
    sends: true,
    plan: (row: OutboxRow, payload: OutboundPayload): Promise<SendPlan> =>
      Promise.resolve({
        robot: `${CHANNEL}:${row.target}`,
        parts: [() => send(row.target, renderFeishuText(payload))],
      }),
    replyTarget: (msg: InboundMessage) => Promise.resolve(toUser((msg.reply as FeishuRoute).userId)),
    privateTarget: (msg: InboundMessage) => toUser((msg.reply as FeishuRoute).userId),
    directTarget: toUser,
  };
}

/** The registry entry: `registerPlatform(feishuPlatform(readFeishuSettings(process.env)!))`. */
export function feishuPlatform(settings: FeishuSettings): PlatformModule {
  return {
    name: 'feishu',
    accounts: 'feishu',
    receiver: (kit) => receiver(settings, kit),
    create: () => adapter(settings),
  };
}
