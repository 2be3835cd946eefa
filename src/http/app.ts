import express, { type Express, type RequestHandler, type Router } from 'express';
import type { Logger } from '../lib/logger';
import { bearerGuard } from './api/auth';
import { apiErrorHandler } from './api/errors';
import { healthHandler, type HealthDeps } from './health';
import { metricsGuard } from './metrics-guard';
import { homeHandler } from './home';
import type { Metrics } from './metrics';

export interface HttpAppDeps {
  logger: Logger;
  metrics: Metrics;
  health: HealthDeps;
  adminToken: string | null;
  /** Bearer token for /metrics; null: /metrics answers only clients on this machine. */
  metricsToken?: string | null;
  /** Platform receivers, mounted before any body parser (they read the raw body themselves). */
  mountReceivers?: (app: Express) => void;
  /** The JSON API routes (mounted under /api behind the bearer guard). */
  api?: Router;
  /** Replaces the bearer guard of /api (the web console's guard also accepts its session cookie). */
  apiGuard?: RequestHandler;
  /** The web console's pages and sign-in routes (/console). */
  mountConsole?: (app: Express) => void;
}

/** The express app: transport only. Receivers, /healthz, /metrics and /api. */
export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.use((req, res, next) => {
    const end = deps.metrics.httpDuration.startTimer();
    res.on('finish', () => {
      // Express types req.route as any; it is the matched Route (its path a string) or undefined.
      const matched = req.route as { path?: unknown } | undefined;
      const path = typeof matched?.path === 'string' ? matched.path : null;
      const route = path ? `${req.baseUrl}${path}` : req.baseUrl || 'unmatched';
      end({ route });
      deps.metrics.httpRequests.inc({ route, status: String(res.statusCode) });
    });
    next();
  });

  deps.mountReceivers?.(app);

  app.get('/', homeHandler);
  app.get('/healthz', healthHandler(deps.health));
  app.get('/metrics', metricsGuard(deps.metricsToken ?? null), async (_req, res) => {
    res.set('Content-Type', deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });

  deps.mountConsole?.(app);

  const api = express.Router();
  api.use(deps.apiGuard ?? bearerGuard(deps.adminToken));
  api.use(express.json({ limit: '100kb' }));
  if (deps.api) api.use(deps.api);
  api.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'no such API route' });
  });
  api.use(apiErrorHandler(deps.logger));
  app.use('/api', api);

  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not Found');
  });
  app.use(apiErrorHandler(deps.logger));
  return app;
}
