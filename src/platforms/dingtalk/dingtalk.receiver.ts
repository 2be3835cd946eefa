import type { Router } from 'express';
import { DINGTALK_MAX_SKEW_MS, verifyDingtalkCallback } from './dingtalk-sign';
import { parseDingtalkMessage } from './dingtalk.parser';
import { intakeOf, rejection, replayCheck, type ReceiverKit } from '../kit/receiver-kit';
import { callbackRouter, header, type CallbackRequest, type CallbackRoute } from '../kit/callback-route';

const ROUTE = '/dingtalk/callback';
const STATUS = { missing: 401, signature: 401, stale: 403 } as const;

/** `POST /dingtalk/callback`: the DingTalk enterprise robot in HTTP mode (signed headers, plain JSON). */
export function dingtalkCallbacks(deps: ReceiverKit): CallbackRoute[] {
  const settings = deps.config.dingtalk;
  if (!settings) throw new Error('DingTalk settings are absent: mount this receiver only when they are set');
  // DingTalk's sign covers only the timestamp: the window a captured pair stays usable in.
  const windowSeconds =
    deps.config.callbackMaxSkewSeconds > 0 ? deps.config.callbackMaxSkewSeconds : DINGTALK_MAX_SKEW_MS / 1000;
  const receive = async (req: CallbackRequest) => {
    const now = deps.clock.now();
    const headers = { timestamp: header(req, 'timestamp'), sign: header(req, 'sign') };
    const check = verifyDingtalkCallback(
      settings.appSecret,
      headers,
      now.getTime(),
      deps.config.callbackMaxSkewSeconds,
    );
    if (!check.ok) {
      return rejection(deps, ROUTE, STATUS[check.reason], check.reason, `${check.reason} signature headers`);
    }
    const body = req.body.toString('utf8');
    const parsed = parseDingtalkMessage(body, now);
    if (!parsed.ok) return rejection(deps, ROUTE, 400, 'malformed', parsed.reason);
    // The signature does not bind the body: remember (timestamp, sign) and the msgId with the body,
    // so a captured pair or message id cannot carry anything else.
    const keys = [`dt-sign ${headers.timestamp} ${headers.sign}`, `dt-msg ${parsed.value.messageId}`];
    const refused = await replayCheck(deps, ROUTE, keys, body, windowSeconds);
    if (refused) return refused;
    return (
      (await intakeOf(deps, ROUTE, parsed.value)) ?? { status: 200, type: 'application/json', body: '{}' }
    );
  };
  return [{ method: 'POST', path: ROUTE, handle: receive }];
}

/** The same route as an express Router. */
export function createDingtalkReceiver(deps: ReceiverKit): Router {
  return callbackRouter(deps, dingtalkCallbacks(deps));
}
