import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { Config } from '../config';
import type { Redis } from 'ioredis';
import type { ConsoleLogin, ConsoleLoginKit, LoginFailure, PlatformModule } from '../platforms/adapter';
import { clearCookie, cookieOf, SESSION_COOKIE, setCookie, STATE_COOKIE } from './cookies';
import type { ConsoleRepository } from './console.repository';
import type { ConsoleSession, SessionStore } from './session.store';
import { sameSecret } from './viewer.guard';

export interface LoginDeps {
  sessions: SessionStore;
  repo: ConsoleRepository;
  clock: Clock;
  logger: Logger;
  adminToken: string | null;
  demoLogin: boolean;
  config: Config;
  redis: Redis;
  /** The platform modules, each offering its own sign-in routes (`consoleLogin`) when it has one. */
  platforms: readonly PlatformModule[];
}

/**
 * /console/auth: sign-in through each platform module's routes (WeCom OAuth2, DingTalk's H5 authCode,
 * in `src/platforms/<name>/<name>.login.ts`), the admin token form, and (demo only) picking a roster person; sign-out. Every POST must be JSON, which a
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

  const kit: ConsoleLoginKit = {
    config: deps.config,
    redis: deps.redis,
    clock: deps.clock,
    issueState: async (req, res) => {
      const state = await deps.sessions.issueState();
      setCookie(req, res, STATE_COOKIE, state, 600_000);
      return state;
    },
    consumeState: async (req, res, state) => {
      const cookie = cookieOf(req, STATE_COOKIE);
      clearCookie(req, res, STATE_COOKIE);
      return !!cookie && sameSecret(state, cookie) && (await deps.sessions.consumeState(state));
    },
    signIn: async (req, res, login) => {
      const personId = await resolve(deps, login);
      if (typeof personId !== 'string') return personId.failure;
      await signIn(req, res, personId, login.via);
      return null;
    },
    fail: (res, status, reason) => {
      fail(res, status, reason);
    },
    back: (res, reason) => res.redirect(302, `/console/login?error=${reason}`),
    jsonOnly,
  };
  const logins: ConsoleLogin[] = deps.platforms.flatMap((m) => (m.consoleLogin ? [m.consoleLogin(kit)] : []));

  router.get('/config', (_req, res) => {
    res.json({
      ...Object.assign({}, ...logins.map((l) => l.config)),
      token: deps.adminToken !== null,
      demo: deps.demoLogin,
    });
  });

  for (const login of logins) router.use(login.routes);

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
  login: { namespace: string; userIdOf: () => Promise<string | null> },
): Promise<string | { failure: LoginFailure }> {
  let userId: string | null;
  try {
    userId = await login.userIdOf();
  } catch (err) {
    deps.logger.warn({ err, platform: login.namespace }, 'console: platform refused the login code');
    return { failure: 'code' };
  }
  if (!userId) return { failure: 'unknown_user' };
  const person = await deps.repo.personByAccount(login.namespace, userId);
  return person ? person.id : { failure: 'unknown_user' };
}
