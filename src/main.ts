import 'reflect-metadata';
import './lib/load-env';
import { loadConfig, ConfigError } from './config';
import { systemClock } from './lib/clock';
import { createLogger, type Logger } from './lib/logger';
import { buildContainer } from './app/container';
import { prepareDatabase } from './app/prepare-database';
import { buildWebApp } from './app/web';
import { startWorkers } from './app/worker';

export type Role = 'all' | 'web' | 'worker';

/**
 * Composition root: settings → database → Redis → web and/or workers. It never seeds and never starts
 * PostgreSQL or Redis: that is `npm run demo`'s job (src/dev/demo.ts), which then calls `startService`.
 */
export async function startService(role: Role, extraStops: (() => Promise<void>)[] = []): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  for (const notice of config.notices) logger.info(notice);

  await prepareDatabase(config, logger, { migrate: role === 'all' });
  const c = await buildContainer(config, systemClock, logger);

  const stops: (() => Promise<void>)[] = [];
  if (role !== 'worker') {
    const app = buildWebApp(c);
    const server = app.listen(config.port, () => logger.info({ port: config.port }, 'HTTP server listening'));
    stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  }
  if (role !== 'web') {
    const workers = await startWorkers(c);
    stops.push(() => workers.close());
  }
  stops.push(() => c.close());
  stops.push(...extraStops);
  onShutdown(logger, stops);
}

/** SIGTERM/SIGINT: stop taking work, let running jobs finish, close connections, exit. */
function onShutdown(logger: Logger, stops: (() => Promise<void>)[]): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    for (const stop of stops) {
      try {
        await stop();
      } catch (err) {
        logger.error({ err }, 'error while shutting down');
      }
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

if (require.main === module) {
  const role = (process.argv[2] ?? 'all') as Role;
  if (!['all', 'web', 'worker'].includes(role)) {
    console.error(`unknown role "${role}": use all, web or worker`);
    process.exit(2);
  }
  startService(role).catch((err) => {
    if (err instanceof ConfigError) console.error(err.message);
    else console.error('start failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
