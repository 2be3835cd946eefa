import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Viewer } from './authorize';
import { cookieOf, SESSION_COOKIE } from './cookies';
import type { ConsoleRepository } from './console.repository';
import type { ConsoleSession, SessionStore } from './session.store';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The viewer of a request the guard let through (set on res.locals). */
export function viewerOf(res: Response): Viewer {
  return res.locals.viewer as Viewer;
}

/** The session behind the request, when it came with the console's cookie. */
export function sessionOf(res: Response): { sid: string; session: ConsoleSession } | null {
  return (res.locals.consoleSession as { sid: string; session: ConsoleSession } | undefined) ?? null;
}

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface ViewerGuardDeps {
  adminToken: string | null;
  sessions: SessionStore;
  repo: ConsoleRepository;
}

/**
 * Guards /api. A bearer header is checked as it always was (503 without ADMIN_TOKEN, 401 when
 * wrong). Otherwise the console's session cookie: the person is re-read on every request (a person
 * taken off the roster loses access at once), and a state-changing request must echo the session's
 * CSRF token in `X-CSRF-Token`. The contract's routes outside /api/console speak for the whole
 * city, so they answer only to the admin token or an admin's session.
 */
export function viewerGuard(deps: ViewerGuardDeps) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (header !== undefined) {
      if (deps.adminToken === null) return unavailable(res);
      const match = /^Bearer\s+(.+)$/i.exec(header.trim());
      if (!match || !sameSecret(match[1], deps.adminToken)) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        res.status(401).json({ error: 'unauthorized', message: 'missing or wrong bearer token' });
        return;
      }
      res.locals.viewer = { kind: 'token' } satisfies Viewer;
      return next();
    }
    const sid = cookieOf(req, SESSION_COOKIE);
    const session = sid ? await deps.sessions.touch(sid) : null;
    if (!sid || !session) {
      if (deps.adminToken === null && !sid) return unavailable(res);
      res.setHeader('WWW-Authenticate', 'Bearer');
      res.status(401).json({ error: 'unauthorized', message: '请先登录' });
      return;
    }
    if (!SAFE_METHODS.has(req.method) && !sameSecret(req.get('x-csrf-token') ?? '', session.csrf)) {
      res.status(403).json({ error: 'csrf', message: '页面已过期，请刷新后重试' });
      return;
    }
    let viewer: Viewer;
    if (session.personId === null) {
      if (deps.adminToken === null) return unavailable(res);
      viewer = { kind: 'token' };
    } else {
      const person = await deps.repo.person(session.personId);
      if (!person) {
        await deps.sessions.destroy(sid);
        res.status(401).json({ error: 'unauthorized', message: '您已不在名册中，请联系管理员' });
        return;
      }
      viewer = { kind: 'person', person };
    }
    res.locals.viewer = viewer;
    res.locals.consoleSession = { sid, session };
    const consoleRoute = req.path === '/console' || req.path.startsWith('/console/');
    const admin = viewer.kind === 'token' || viewer.person.roles.includes('admin');
    if (!consoleRoute && !admin) {
      res.status(403).json({ error: 'forbidden', message: '该接口仅限亲商助企办使用' });
      return;
    }
    next();
  };
}

function unavailable(res: Response): void {
  res.status(503).json({ error: 'api_disabled', message: 'ADMIN_TOKEN is not set on this server' });
}
