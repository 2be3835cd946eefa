import 'reflect-metadata';
import 'dotenv/config';
import { loadConfig, ConfigError } from './config';
import { ensureLocalServices } from './dev/local-services';
import { systemClock } from './lib/clock';
import type { Server } from 'node:http';
import { createLogger } from './lib/logger';
import { buildContainer } from './app/container';
import { prepareDatabase } from './app/prepare-database';
import { buildWebApp } from './app/web';
import { startWorkers } from './app/worker';
import { onShutdown } from './app/shutdown';

type Role = 'all' | 'web' | 'worker';

/** Composition root: settings → local services (demo) → database → Redis → web and/or workers. */
async function main(role: Role): Promise<void> {
  const bootLogger = createLogger(process.env.LOG_LEVEL ?? 'info');
  const local = role === 'all' ? await ensureLocalServices(process.env, bootLogger) : null;
  if (local) Object.assign(process.env, local.env);

  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  for (const notice of config.notices) logger.info(notice);

  await prepareDatabase(config, logger, { migrate: role === 'all', seedDemo: role === 'all' });
  const c = await buildContainer(config, systemClock, logger);

  let server: Server | undefined;
  if (role !== 'worker') {
    const app = buildWebApp(c);
    server = app.listen(config.port, () => logger.info({ port: config.port }, 'HTTP server listening'));
  }
  const workers = role !== 'web' ? await startWorkers(c) : undefined;
  onShutdown({
    logger,
    deadlineMs: config.shutdownTimeoutMs,
    server,
    workers,
    close: async () => {
      await c.close();
      await local?.stop();
    },
  });
}

const role = (process.argv[2] ?? 'all') as Role;
if (!['all', 'web', 'worker'].includes(role)) {
  console.error(`unknown role "${role}": use all, web or worker`);
  process.exit(2);
}
main(role).catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error('start failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
