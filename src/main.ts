import 'reflect-metadata';
import './lib/load-env';
import { loadConfig, ConfigError } from './config';
import { systemClock } from './lib/clock';
import type { Server } from 'node:http';
import { createLogger } from './lib/logger';
import { buildContainer } from './app/container';
import { prepareDatabase } from './app/prepare-database';
import { buildWebServer } from './app/web';
import { startWorkers } from './app/worker';
import { onShutdown } from './app/shutdown';

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

  let server: Server | undefined;
  if (role !== 'worker') {
    server = buildWebServer(c);
    server.listen(config.port, () => logger.info({ port: config.port }, 'HTTP server listening'));
  }
  const workers = role !== 'web' ? await startWorkers(c) : undefined;
  onShutdown({
    logger,
    deadlineMs: config.shutdownTimeoutMs,
    server,
    workers,
    close: async () => {
      await c.close();
      for (const stop of extraStops) await stop();
    },
  });
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
