import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Guards /metrics: with `METRICS_TOKEN` set, `Authorization: Bearer <token>` from anywhere; without
 * it, only clients on this machine (a scraper on localhost or a sidecar), never the public.
 * `req.ip` honours X-Forwarded-For from a loopback proxy, so a public client behind one is refused.
 */
export function metricsGuard(token: string | null) {
  const expected = token === null ? null : Buffer.from(token);
  return (req: Request, res: Response, next: NextFunction) => {
    if (expected === null) {
      if (LOOPBACK.has(req.ip ?? '')) return next();
      res.status(403).type('text/plain').send('metrics are served to localhost only (set METRICS_TOKEN)');
      return;
    }
    const match = /^Bearer\s+(.+)$/i.exec((req.get('authorization') ?? '').trim());
    const given = match ? Buffer.from(match[1]) : Buffer.alloc(0);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      res.status(401).type('text/plain').send('missing or wrong bearer token');
      return;
    }
    next();
  };
}
