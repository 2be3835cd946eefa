import { Router, type Request, type Response } from 'express';
import type { InboundMessage } from '../../bot/inbound-message';
import {
  WECOM_ERROR,
  openWecomEnvelope,
  type WecomCallbackKeys,
  type WecomFailure,
  type WecomResult,
} from '../../platforms/wecom/wecom-crypto';
import {
  bodyText,
  handOver,
  isStale,
  rawQuery,
  readRawBody,
  reject,
  type ReceiverDeps,
} from './receiver-kit';

/** What differs between the WeCom app (XML, corp id) and the 智能机器人 (JSON, receive id ""). */
export interface WecomReceiverSpec {
  route: string;
  keys: WecomCallbackKeys;
  readEnvelope(body: string): WecomResult<{ encrypt: string }>;
  readMessage(plain: string, now: Date): WecomResult<InboundMessage | null>;
}

function statusOf(failure: WecomFailure): number {
  if (failure.code === WECOM_ERROR.signature) return 401;
  if (failure.code === WECOM_ERROR.receiveId) return 403;
  return 400;
}

/** GET verification and POST messages for one WeCom callback URL. */
export function createWecomRouter(deps: ReceiverDeps, spec: WecomReceiverSpec): Router {
  const { route, keys } = spec;
  const router = Router();
  const fail = (res: Response, failure: WecomFailure) =>
    reject(res, deps.logger, route, statusOf(failure), failure.reason, failure.code);

  /** The signed query, or a 4xx already sent. */
  const signedQuery = (req: Request, res: Response, needEcho: boolean) => {
    const q = rawQuery(req);
    if (!q) return reject(res, deps.logger, route, 400, 'malformed query string');
    const { msg_signature: signature, timestamp, nonce, echostr } = q;
    if (!signature || !timestamp || !nonce || (needEcho && !echostr)) {
      return reject(res, deps.logger, route, 400, 'missing query parameters');
    }
    if (isStale(timestamp, deps.clock.now(), deps.config.callbackMaxSkewSeconds)) {
      return reject(res, deps.logger, route, 403, 'timestamp outside the allowed window');
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

  router.post(route, readRawBody(route, deps.logger), async (req, res) => {
    const q = signedQuery(req, res, false);
    if (!q) return;
    const envelope = spec.readEnvelope(bodyText(req));
    if (!envelope.ok) return fail(res, envelope);
    const opened = openWecomEnvelope(keys, { ...q, encrypt: envelope.value.encrypt });
    if (!opened.ok) return fail(res, opened);
    const parsed = spec.readMessage(opened.value, deps.clock.now());
    if (!parsed.ok) return fail(res, parsed);
    if (parsed.value === null) {
      deps.logger.debug({ route }, 'callback ignored: not for the bot');
    } else if (!(await handOver(deps, route, parsed.value, res))) {
      return;
    }
    // Empty 200: acknowledged, no passive reply; answers go out asynchronously.
    res.status(200).end();
  });

  return router;
}
