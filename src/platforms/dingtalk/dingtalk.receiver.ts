import { Router } from 'express';
import { DINGTALK_MAX_SKEW_MS, verifyDingtalkCallback } from './dingtalk-sign';
import { parseDingtalkMessage } from './dingtalk.parser';
import { bodyText, guardReplay, handOver, readRawBody, reject, type ReceiverKit } from '../kit/receiver-kit';

const ROUTE = '/dingtalk/callback';
const STATUS = { missing: 401, signature: 401, stale: 403 } as const;

/** `POST /dingtalk/callback`: the DingTalk enterprise robot in HTTP mode (signed headers, plain JSON). */
export function createDingtalkReceiver(deps: ReceiverKit): Router {
  const settings = deps.config.dingtalk;
  if (!settings) throw new Error('DingTalk settings are absent: mount this receiver only when they are set');
  // DingTalk's sign covers only the timestamp: the window a captured pair stays usable in.
  const windowSeconds =
    deps.config.callbackMaxSkewSeconds > 0 ? deps.config.callbackMaxSkewSeconds : DINGTALK_MAX_SKEW_MS / 1000;
  const router = Router();
  router.post(ROUTE, readRawBody(ROUTE, deps), async (req, res) => {
    const now = deps.clock.now();
    const headers = { timestamp: req.get('timestamp'), sign: req.get('sign') };
    const check = verifyDingtalkCallback(
      settings.appSecret,
      headers,
      now.getTime(),
      deps.config.callbackMaxSkewSeconds,
    );
    if (!check.ok) {
      return reject(
        res,
        deps,
        ROUTE,
        STATUS[check.reason],
        check.reason,
        `${check.reason} signature headers`,
      );
    }
    const body = bodyText(req);
    const parsed = parseDingtalkMessage(body, now);
    if (!parsed.ok) return reject(res, deps, ROUTE, 400, 'malformed', parsed.reason);
    // The signature does not bind the body: remember (timestamp, sign) and the msgId with the body,
    // so a captured pair or message id cannot carry anything else.
    const keys = [`dt-sign ${headers.timestamp} ${headers.sign}`, `dt-msg ${parsed.value.messageId}`];
    if (!(await guardReplay(deps, ROUTE, res, keys, body, windowSeconds))) return;
    if (!(await handOver(deps, ROUTE, parsed.value, res))) return;
    res.status(200).json({});
  });
  return router;
}
