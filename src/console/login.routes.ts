import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { WecomAppConfig } from '../config';
import { clearCookie, cookieOf, SESSION_COOKIE, setCookie, STATE_COOKIE } from './cookies';
import type { ConsoleRepository } from './console.repository';
import type { PlatformLogin } from './platform-login';
import type { ConsoleSession, SessionStore } from './session.store';
import { sameSecret } from './viewer.guard';

export interface LoginDeps {
  sessions: SessionStore;
  repo: ConsoleRepository;
  clock: Clock;
  logger: Logger;
  adminToken: string | null;
  /** WeCom app (corp id, agent id) and the OAuth authorize host; null when WeCom is off. */
  wecom: { app: WecomAppConfig; oauthBase: string; login: PlatformLogin } | null;
  dingtalk: { login: PlatformLogin; corpId: string | null } | null;
  demoLogin: boolean;
}

/** Why a sign-in failed, as the login page explains it (in Chinese, see web/src/login-errors.ts). */
type LoginFailure = 'state' | 'code' | 'unknown_user' | 'platform' | 'token' | 'off';

/**
 * /console/auth: sign-in through WeCom OAuth2 (snsapi_base), DingTalk's H5 authCode, the admin
 * token form, and (demo only) picking a roster person; sign-out. Every POST must be JSON, which a
 * cross-site form cannot send, so no other site can sign a browser in or out.
 */
export function loginRoutes(deps: LoginDeps): Router {
  const router = Router();
  router.use(express.json({ limit: '4kb' }));
  const jsonOnly = (req: Request, res: Response): boolean => {
    if (req.is('application/json')) return true;
    res.status(415).json({ error: 'json_only', message: '请求格式错误' });
    return false;
  };

  const signIn = async (req: Request, res: Response, personId: string | null, via: ConsoleSession['via']) => {
    const old = cookieOf(req, SESSION_COOKIE);
    if (old) await deps.sessions.destroy(old);
    const { sid } = await deps.sessions.create(personId, via, deps.clock.now());
    setCookie(req, res, SESSION_COOKIE, sid);
  };
  const fail = (res: Response, status: number, reason: LoginFailure) =>
    res.status(status).json({ error: reason, message: FAILURE_ZH[reason] });

  router.get('/config', (_req, res) => {
    res.json({
      wecom: deps.wecom !== null,
      dingtalk: deps.dingtalk !== null,
      dingtalkCorpId: deps.dingtalk?.corpId ?? null,
      token: deps.adminToken !== null,
      demo: deps.demoLogin,
    });
  });

  router.get('/wecom', async (req, res) => {
    if (!deps.wecom) return res.redirect(302, '/console/login?error=off');
    const state = await deps.sessions.issueState();
    setCookie(req, res, STATE_COOKIE, state, 600_000);
    const callback = `${req.protocol}://${req.get('host')}/console/auth/wecom/callback`;
    const q = new URLSearchParams({
      appid: deps.wecom.app.corpId,
      redirect_uri: callback,
      response_type: 'code',
      scope: 'snsapi_base',
      state,
      agentid: deps.wecom.app.agentId,
    });
    res.redirect(302, `${deps.wecom.oauthBase}/connect/oauth2/authorize?${q.toString()}#wechat_redirect`);
  });

  router.get('/wecom/callback', async (req, res) => {
    const back = (reason: LoginFailure) => res.redirect(302, `/console/login?error=${reason}`);
    if (!deps.wecom) return back('off');
    const code = typeof req.query.code === 'string' ? req.query.code : '';
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    const cookie = cookieOf(req, STATE_COOKIE);
    clearCookie(req, res, STATE_COOKIE);
    if (!cookie || !sameSecret(state, cookie) || !(await deps.sessions.consumeState(state)))
      return back('state');
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(code)) return back('code');
    const personId = await resolve(deps, 'wecom', deps.wecom.login, code);
    if (typeof personId !== 'string') return back(personId.failure);
    await signIn(req, res, personId, 'wecom');
    res.redirect(302, '/console/');
  });

  router.post('/dingtalk', async (req, res) => {
    if (!jsonOnly(req, res)) return;
    if (!deps.dingtalk) return fail(res, 404, 'off');
    const parsed = z.object({ authCode: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/) }).safeParse(req.body);
    if (!parsed.success) return fail(res, 400, 'code');
    const personId = await resolve(deps, 'dingtalk', deps.dingtalk.login, parsed.data.authCode);
    if (typeof personId !== 'string') return fail(res, 401, personId.failure);
    await signIn(req, res, personId, 'dingtalk');
    res.json({ ok: true });
  });

  router.post('/token', async (req, res) => {
    if (!jsonOnly(req, res)) return;
    if (deps.adminToken === null) return fail(res, 404, 'off');
    const parsed = z.object({ token: z.string().max(512) }).safeParse(req.body);
    if (!parsed.success || !sameSecret(parsed.data.token, deps.adminToken)) {
      deps.logger.warn({ ip: req.ip }, 'console: wrong admin token');
      return fail(res, 401, 'token');
    }
    await signIn(req, res, null, 'token');
    res.json({ ok: true });
  });

  router.get('/demo-people', async (_req, res) => {
    if (!deps.demoLogin) return fail(res, 404, 'off');
    res.json({ items: await deps.repo.demoPeople() });
  });

  router.post('/demo', async (req, res) => {
    if (!jsonOnly(req, res)) return;
    if (!deps.demoLogin) return fail(res, 404, 'off');
    const parsed = z.object({ personId: z.uuid() }).safeParse(req.body);
    const person = parsed.success ? await deps.repo.person(parsed.data.personId) : null;
    if (!person) return fail(res, 404, 'unknown_user');
    await signIn(req, res, person.id, 'demo');
    res.json({ ok: true });
  });

  router.post('/logout', async (req, res) => {
    if (!jsonOnly(req, res)) return;
    const sid = cookieOf(req, SESSION_COOKIE);
    if (sid) await deps.sessions.destroy(sid);
    clearCookie(req, res, SESSION_COOKIE);
    res.json({ ok: true });
  });
  return router;
}

const FAILURE_ZH: Record<LoginFailure, string> = {
  state: '登录已过期，请重新登录',
  code: '授权码无效或已使用，请重新登录',
  unknown_user: '名册中没有您的账号，请联系亲商助企办',
  platform: '平台暂时无法确认您的身份，请稍后再试',
  token: '管理口令不正确',
  off: '该登录方式未开通',
};

/** The roster person behind a platform code, or why there is none. */
async function resolve(
  deps: LoginDeps,
  platform: 'wecom' | 'dingtalk',
  login: PlatformLogin,
  code: string,
): Promise<string | { failure: LoginFailure }> {
  let userId: string | null;
  try {
    userId = await login.userIdOf(code);
  } catch (err) {
    deps.logger.warn({ err, platform }, 'console: platform refused the login code');
    return { failure: 'code' };
  }
  if (!userId) return { failure: 'unknown_user' };
  const person = await deps.repo.personByAccount(platform, userId);
  return person ? person.id : { failure: 'unknown_user' };
}
