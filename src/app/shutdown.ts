import type { Server } from 'node:http';
import type { Logger } from '../lib/logger';

/** How often idle keep-alive connections are closed while in-flight requests drain. */
const SWEEP_MS = 100;

/**
 * Stops an HTTP server the way a platform retrying callbacks needs it: no new connections, every
 * response from now on says `Connection: close`, idle keep-alive connections are closed at once
 * and busy ones as soon as their request is answered; whatever is still open at `deadlineMs` is
 * cut (`closeAllConnections`). Resolves when the server has closed.
 */
export function drainHttp(server: Server, deadlineMs: number): Promise<void> {
  server.prependListener('request', (_req, res) => res.setHeader('Connection', 'close'));
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), SWEEP_MS);
  const cut = setTimeout(() => server.closeAllConnections(), deadlineMs);
  return closed.finally(() => {
    clearInterval(sweep);
    clearTimeout(cut);
  });
}

export interface ShutdownPlan {
  logger: Logger;
  /** Everything must be done by then, or the process exits anyway (code 1). */
  deadlineMs: number;
  server?: Server;
  /** Stops taking jobs and waits for the running ones (BullMQ `worker.close()`). */
  workers?: { close(): Promise<void> };
  /** Closes connections (queues, Redis, PostgreSQL) once nothing uses them. */
  close: () => Promise<void>;
  exit?: (code: number) => void;
}

/**
 * SIGTERM/SIGINT: stop accepting, let in-flight requests and running jobs finish, close
 * connections, exit — within the deadline. Returns the shutdown function (tests call it).
 */
export function onShutdown(plan: ShutdownPlan): (signal: string) => Promise<void> {
  const exit = plan.exit ?? ((code: number) => process.exit(code));
  let closing: Promise<void> | null = null;
  const shutdown = (signal: string) => {
    closing ??= (async () => {
      const started = Date.now();
      plan.logger.info({ signal, deadlineMs: plan.deadlineMs }, 'shutting down');
      const hard = setTimeout(() => {
        plan.logger.error({ deadlineMs: plan.deadlineMs }, 'shutdown deadline passed; exiting now');
        exit(1);
      }, plan.deadlineMs);
      hard.unref();
      // Leave a quarter of the deadline for closing connections after the requests are cut.
      const httpDeadline = Math.floor(plan.deadlineMs * 0.75);
      const results = await Promise.allSettled([
        plan.server ? drainHttp(plan.server, httpDeadline) : Promise.resolve(),
        plan.workers?.close() ?? Promise.resolve(),
      ]);
      for (const r of results) {
        if (r.status === 'rejected') plan.logger.error({ err: r.reason }, 'error while shutting down');
      }
      await plan.close().catch((err: unknown) => plan.logger.error({ err }, 'error while closing'));
      clearTimeout(hard);
      plan.logger.info({ ms: Date.now() - started }, 'stopped');
      exit(0);
    })();
    return closing;
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  return shutdown;
}
