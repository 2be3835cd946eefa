import type { Router } from 'express';
import type { InboundMessage } from '../../bot/inbound-message';
import {
  WECOM_ERROR,
  openWecomEnvelope,
  type WecomCallbackKeys,
  type WecomFailure,
  type WecomResult,
} from './wecom-crypto';
import {
  intakeOf,
  isStale,
  queryOf,
  rejection,
  type CallbackAnswer,
  type ReceiverKit,
} from '../kit/receiver-kit';
import { callbackRouter, type CallbackRequest, type CallbackRoute } from '../kit/callback-route';
import type { RejectReason } from '../kit/reject-log';

/** What differs between the WeCom app (XML, corp id) and the 智能机器人 (JSON, receive id ""). */
export interface WecomReceiverSpec {
  route: string;
  keys: WecomCallbackKeys;
  readEnvelope(body: string): WecomResult<{ encrypt: string }>;
  readMessage(plain: string, now: Date): WecomResult<InboundMessage | null>;
  /** The HTTP answer's body for a message that must be answered passively (智能机器人 enter_chat). */
  passiveReply?(msg: InboundMessage, query: { timestamp: string; nonce: string }): Promise<string | null>;
}

function statusOf(failure: WecomFailure): { status: number; reason: RejectReason } {
  if (failure.code === WECOM_ERROR.signature) return { status: 401, reason: 'signature' };
  if (failure.code === WECOM_ERROR.receiveId) return { status: 403, reason: 'receive_id' };
  return { status: 400, reason: 'malformed' };
}

const EMPTY_200: CallbackAnswer = { status: 200 };

/**
 * GET verification and POST messages for one WeCom callback URL, for express and node:http alike.
 *
 * No replay check in Redis here: msg_signature is the SHA-1 of (token, timestamp, nonce, Encrypt),
 * so captured headers cannot carry another body without the token, and the very same body again is
 * the same message, deduped by intake's unique (platform, message id) in the one durable write.
 * (DingTalk's sign covers only the timestamp; its receiver keeps the check.)
 */
export function wecomCallbacks(deps: ReceiverKit, spec: WecomReceiverSpec): CallbackRoute[] {
  const { route, keys } = spec;
  const fail = (failure: WecomFailure) => {
    const { status, reason } = statusOf(failure);
    return rejection(deps, route, status, reason, failure.reason, failure.code);
  };

  /** The signed query, or the 4xx to answer. */
  const signedQuery = (url: string, needEcho: boolean) => {
    const q = queryOf(url);
    if (!q) return rejection(deps, route, 400, 'malformed', 'malformed query string');
    const { msg_signature: signature, timestamp, nonce, echostr } = q;
    if (!signature || !timestamp || !nonce || (needEcho && !echostr)) {
      return rejection(deps, route, 400, 'missing', 'missing query parameters');
    }
    if (isStale(timestamp, deps.clock.now(), deps.config.callbackMaxSkewSeconds)) {
      return rejection(deps, route, 403, 'stale', 'timestamp outside the allowed window');
    }
    return { signature, timestamp, nonce, echostr: echostr ?? '' };
  };

  const verify = (req: CallbackRequest): CallbackAnswer => {
    const q = signedQuery(req.url, true);
    if ('status' in q) return q;
    const opened = openWecomEnvelope(keys, { ...q, encrypt: q.echostr });
    if (!opened.ok) return fail(opened);
    // WeCom wants the bare plaintext: no quotes, no BOM, no newline.
    return { status: 200, type: 'text/plain', body: opened.value };
  };

  const receive = async (req: CallbackRequest): Promise<CallbackAnswer> => {
    const q = signedQuery(req.url, false);
    if ('status' in q) return q;
    const envelope = spec.readEnvelope(req.body.toString('utf8'));
    if (!envelope.ok) return fail(envelope);
    const opened = openWecomEnvelope(keys, { ...q, encrypt: envelope.value.encrypt });
    if (!opened.ok) return fail(opened);
    const parsed = spec.readMessage(opened.value, deps.clock.now());
    if (!parsed.ok) return fail(parsed);
    if (parsed.value === null) {
      deps.logger.debug({ route }, 'callback ignored: not for the bot');
      return EMPTY_200;
    }
    const passive = spec.passiveReply ? await passiveBody(deps, route, spec, parsed.value, q) : null;
    if (passive !== null) return { status: 200, type: 'application/json', body: passive };
    // Empty 200 once stored: acknowledged, no passive reply; answers go out asynchronously.
    return (await intakeOf(deps, route, parsed.value)) ?? EMPTY_200;
  };

  return [
    { method: 'GET', path: route, handle: verify },
    { method: 'POST', path: route, handle: receive },
  ];
}

/** The routes of wecomCallbacks as an express Router. */
export function createWecomRouter(deps: ReceiverKit, spec: WecomReceiverSpec): Router {
  return callbackRouter(deps, wecomCallbacks(deps, spec));
}

/** The passive answer, or null (the message then goes through intake as usual) when it fails. */
async function passiveBody(
  deps: ReceiverKit,
  route: string,
  spec: WecomReceiverSpec,
  msg: InboundMessage,
  q: { timestamp: string; nonce: string },
): Promise<string | null> {
  try {
    return (await spec.passiveReply?.(msg, q)) ?? null;
  } catch (err) {
    deps.logger.warn({ route, err: (err as Error).message }, 'passive reply failed; answering later');
    return null;
  }
}
