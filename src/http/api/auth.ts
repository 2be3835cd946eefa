import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/**
 * Guards /api with `Authorization: Bearer $ADMIN_TOKEN`. Without a configured token the API is
 * closed (503), so a forgotten setting never leaves the ledger open.
 */
export function bearerGuard(adminToken: string | null) {
  const expected = adminToken === null ? null : Buffer.from(adminToken);
  return (req: Request, res: Response, next: NextFunction) => {
    if (expected === null) {
      res.status(503).json({ error: 'api_disabled', message: 'ADMIN_TOKEN is not set on this server' });
      return;
    }
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    const given = match ? Buffer.from(match[1]) : Buffer.alloc(0);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      res.status(401).json({ error: 'unauthorized', message: 'missing or wrong bearer token' });
      return;
    }
    next();
  };
}
