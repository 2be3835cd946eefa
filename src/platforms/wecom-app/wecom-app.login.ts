import { type Request, type Response, Router } from 'express';
import type { ConsoleLogin, ConsoleLoginKit } from '../adapter';
import { requestJson } from '../kit/http';
import { codeLogin, ONE_USE_CODE } from '../kit/code-login';
import { createWecomTokenCache } from '../wecom/wecom-token';

/**
 * Console sign-in through the WeCom app: /wecom (inside the WeCom client, OAuth2 snsapi_base, silent),
 * /wecom/qr (a desktop browser: WeCom's web login page shows a QR code the member scans), both coming
 * back to /wecom/callback with a code that auth/getuserinfo turns into the user id.
 */
export function wecomConsoleLogin(kit: ConsoleLoginKit): ConsoleLogin {
  const { config } = kit;
  const app = config.wecom;
  /** OAuth2 snsapi_base: GET /cgi-bin/auth/getuserinfo?access_token=&code= → userid (members only). */
  const userIdOf = codeLogin(
    app,
    (settings, shared) =>
      createWecomTokenCache(kit.redis, { apiBase: config.wecomApiBase, ...shared, ...settings }),
    async (token, code) => {
      const body = await requestJson<{ userid?: string; openid?: string }>(
        `${config.wecomApiBase}/cgi-bin/auth/getuserinfo?access_token=${encodeURIComponent(token)}&code=${encodeURIComponent(code)}`,
        { platform: 'wecom' },
      );
      return body.userid ?? null;
    },
    kit,
  );
  const router = Router();

  /** A one-use state bound to this browser by a cookie, and the callback both WeCom logins return to. */
  const start = async (req: Request, res: Response) => ({
    state: await kit.issueState(req, res),
    callback: `${req.protocol}://${req.get('host')}/console/auth/wecom/callback`,
  });

  router.get('/wecom', async (req, res) => {
    if (!app) return res.redirect(302, '/console/login?error=off');
    const { state, callback } = await start(req, res);
    const q = new URLSearchParams({
      appid: app.corpId,
      redirect_uri: callback,
      response_type: 'code',
      scope: 'snsapi_base',
      state,
      agentid: app.agentId,
    });
    res.redirect(302, `${config.wecomOauthBase}/connect/oauth2/authorize?${q.toString()}#wechat_redirect`);
  });

  router.get('/wecom/qr', async (req, res) => {
    if (!app) return res.redirect(302, '/console/login?error=off');
    const { state, callback } = await start(req, res);
    const q = new URLSearchParams({
      login_type: 'CorpApp',
      appid: app.corpId,
      agentid: app.agentId,
      redirect_uri: callback,
      state,
    });
    res.redirect(302, `${config.wecomLoginBase}/wwlogin/sso/login?${q.toString()}`);
  });

  router.get('/wecom/callback', async (req, res) => {
    if (!userIdOf) return kit.back(res, 'off');
    const code = typeof req.query.code === 'string' ? req.query.code : '';
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    if (!(await kit.consumeState(req, res, state))) return kit.back(res, 'state');
    if (!ONE_USE_CODE.test(code)) return kit.back(res, 'code');
    const failure = await kit.signIn(req, res, {
      namespace: 'wecom',
      via: 'wecom',
      userIdOf: () => userIdOf(code),
    });
    if (failure) return kit.back(res, failure);
    res.redirect(302, '/console/');
  });

  return { config: { wecom: app !== null }, routes: router };
}
