import { Router } from 'express';
import { verifyDingtalkCallback } from '../../platforms/dingtalk/dingtalk-sign';
import { parseDingtalkMessage } from '../../platforms/dingtalk/dingtalk.parser';
import { bodyText, handOver, readRawBody, reject, type ReceiverDeps } from './receiver-kit';

const ROUTE = '/dingtalk/callback';
const STATUS = { missing: 401, signature: 401, stale: 403 } as const;

/** `POST /dingtalk/callback`: the DingTalk enterprise robot in HTTP mode (signed headers, plain JSON). */
export function createDingtalkReceiver(deps: ReceiverDeps): Router {
  const settings = deps.config.dingtalk;
  if (!settings) throw new Error('DingTalk settings are absent: mount this receiver only when they are set');
  const router = Router();
  router.post(ROUTE, readRawBody(ROUTE, deps.logger), async (req, res) => {
    const now = deps.clock.now();
    const check = verifyDingtalkCallback(
      settings.appSecret,
      { timestamp: req.get('timestamp'), sign: req.get('sign') },
      now.getTime(),
      deps.config.callbackMaxSkewSeconds,
    );
    if (!check.ok)
      return reject(res, deps.logger, ROUTE, STATUS[check.reason], `${check.reason} signature headers`);
    const parsed = parseDingtalkMessage(bodyText(req), now);
    if (!parsed.ok) return reject(res, deps.logger, ROUTE, 400, parsed.reason);
    if (!(await handOver(deps, ROUTE, parsed.value, res))) return;
    res.status(200).json({});
  });
  return router;
}
