import type { Request, Response } from 'express';

/** The session cookie and the OAuth state cookie. */
export const SESSION_COOKIE = 'qs_console';
export const STATE_COOKIE = 'qs_console_state';

/** One cookie of the request (no cookie middleware needed for two names). */
export function cookieOf(req: Request, name: string): string | null {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * HttpOnly, SameSite=Lax (the OAuth redirect back from the platform is a top-level cross-site GET
 * that must carry the state cookie), Secure when the request came over https (directly or via a
 * trusted proxy), scoped to the whole site because /api and /console share it.
 */
export function setCookie(req: Request, res: Response, name: string, value: string, maxAgeMs?: number): void {
  res.cookie(name, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    maxAge: maxAgeMs,
  });
}

export function clearCookie(req: Request, res: Response, name: string): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}
