import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';

/** Where `npm run build:console` writes the built pages. */
export const CONSOLE_DIST = path.resolve(__dirname, '../../web/dist');

/**
 * Serves the built console under /console: hashed assets cached for a year, index.html never
 * cached (so a deploy is picked up at once), and every other /console path answered with
 * index.html so the pages' own routes survive a reload. Without a build it says how to make one.
 */
export function mountConsolePages(app: Express, dist = CONSOLE_DIST): void {
  app.use('/console', (_req, res, next) => {
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' https://g.alicdn.com; connect-src 'self'; frame-ancestors 'self'",
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });
  const index = path.join(dist, 'index.html');
  app.use(
    '/console/assets',
    express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  app.get(/^\/console(\/.*)?$/, (_req, res) => {
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('工作台尚未构建：请先运行 npm run build:console');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
