import { Router } from 'express';
import { z } from 'zod';
import type { ConsoleLogin, ConsoleLoginKit } from '../adapter';
import { requestJson } from '../kit/http';
import { codeLogin, ONE_USE_CODE } from '../kit/code-login';
import { createDingtalkTokenCache } from './dingtalk-token';

/** Console sign-in inside DingTalk: the H5 page posts the authCode of `dd.runtime.permission.requestAuthCode`. */
export function dingtalkConsoleLogin(kit: ConsoleLoginKit): ConsoleLogin {
  const { config } = kit;
  /** The H5 micro-app's code: POST /topapi/v2/user/getuserinfo {code} → result.userid (members only). */
  const userIdOf = codeLogin(
    config.dingtalk,
    (app, shared) =>
      createDingtalkTokenCache(kit.redis, { apiBase: config.dingtalkApiBase, ...shared, ...app }),
    async (token, code) => {
      const body = await requestJson<{ result?: { userid?: string } }>(
        `${config.dingtalkOapiBase}/topapi/v2/user/getuserinfo?access_token=${encodeURIComponent(token)}`,
        { platform: 'dingtalk', body: { code } },
      );
      return body.result?.userid ?? null;
    },
    kit,
  );
  const router = Router();
  router.post('/dingtalk', async (req, res) => {
    if (!kit.jsonOnly(req, res)) return;
    if (!userIdOf) return kit.fail(res, 404, 'off');
    const parsed = z.object({ authCode: z.string().regex(ONE_USE_CODE) }).safeParse(req.body);
    if (!parsed.success) return kit.fail(res, 400, 'code');
    const failure = await kit.signIn(req, res, {
      namespace: 'dingtalk',
      via: 'dingtalk',
      userIdOf: () => userIdOf(parsed.data.authCode),
    });
    if (failure) return kit.fail(res, 401, failure);
    res.json({ ok: true });
  });
  return {
    config: { dingtalk: userIdOf !== null, dingtalkCorpId: userIdOf ? config.console.dingtalkCorpId : null },
    routes: router,
  };
}
