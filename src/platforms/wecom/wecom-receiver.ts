import { Router, type Request, type Response } from 'express';
import type { InboundMessage } from '../../bot/inbound-message';
import {
  WECOM_ERROR,
  openWecomEnvelope,
  type WecomCallbackKeys,
  type WecomFailure,
  type WecomResult,
} from './wecom-crypto';
import {
  bodyText,
  guardReplay,
  handOver,
  isStale,
  rawQuery,
  readRawBody,
  reject,
  type ReceiverKit,
} from '../kit/receiver-kit';
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

/** Without a timestamp check (window 0), (msg_signature, nonce) is remembered this long. */
const DEFAULT_REPLAY_WINDOW_SECONDS = 3600;

function statusOf(failure: WecomFailure): { status: number; reason: RejectReason } {
  if (failure.code === WECOM_ERROR.signature) return { status: 401, reason: 'signature' };
  if (failure.code === WECOM_ERROR.receiveId) return { status: 403, reason: 'receive_id' };
  return { status: 400, reason: 'malformed' };
}

/** GET verification and POST messages for one WeCom callback URL. */
export function createWecomRouter(deps: ReceiverKit, spec: WecomReceiverSpec): Router {
  const { route, keys } = spec;
  const router = Router();
  const fail = (res: Response, failure: WecomFailure) => {
    const { status, reason } = statusOf(failure);
    reject(res, deps, route, status, reason, failure.reason, failure.code);
  };
  const windowSeconds = deps.config.callbackMaxSkewSeconds || DEFAULT_REPLAY_WINDOW_SECONDS;

  /** The signed query, or a 4xx already sent. */
  const signedQuery = (req: Request, res: Response, needEcho: boolean) => {
    const q = rawQuery(req);
    if (!q) return reject(res, deps, route, 400, 'malformed', 'malformed query string');
    const { msg_signature: signature, timestamp, nonce, echostr } = q;
    if (!signature || !timestamp || !nonce || (needEcho && !echostr)) {
      return reject(res, deps, route, 400, 'missing', 'missing query parameters');
    }
    if (isStale(timestamp, deps.clock.now(), deps.config.callbackMaxSkewSeconds)) {
      return reject(res, deps, route, 403, 'stale', 'timestamp outside the allowed window');
    }
    return { signature, timestamp, nonce, echostr: echostr ?? '' };
  };

  router.get(route, (req, res) => {
    const q = signedQuery(req, res, true);
    if (!q) return;
    const opened = openWecomEnvelope(keys, { ...q, encrypt: q.echostr });
    if (!opened.ok) return fail(res, opened);
    // WeCom wants the bare plaintext: no quotes, no BOM, no newline.
    res.status(200).type('text/plain').send(opened.value);
  });

  router.post(route, readRawBody(route, deps), async (req, res) => {
    const q = signedQuery(req, res, false);
    if (!q) return;
    const envelope = spec.readEnvelope(bodyText(req));
    if (!envelope.ok) return fail(res, envelope);
    const opened = openWecomEnvelope(keys, { ...q, encrypt: envelope.value.encrypt });
    if (!opened.ok) return fail(res, opened);
    // The signature binds the body, but a captured callback must not be accepted twice with another
    // one either: (msg_signature, nonce) is remembered with the body for the window.
    const replayKeys = [`wc-sign ${route} ${q.signature} ${q.nonce}`];
    if (!(await guardReplay(deps, route, res, replayKeys, envelope.value.encrypt, windowSeconds))) return;
    const parsed = spec.readMessage(opened.value, deps.clock.now());
    if (!parsed.ok) return fail(res, parsed);
    if (parsed.value === null) {
      deps.logger.debug({ route }, 'callback ignored: not for the bot');
      return void res.status(200).end();
    }
    const passive = spec.passiveReply ? await passiveBody(deps, route, spec, parsed.value, q) : null;
    if (passive !== null) return void res.status(200).type('application/json').send(passive);
    if (!(await handOver(deps, route, parsed.value, res))) return;
    // Empty 200: acknowledged, no passive reply; answers go out asynchronously.
    res.status(200).end();
  });

  return router;
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
