import type { Request, Response } from 'express';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';

export interface HealthDeps {
  dataSource: DataSource;
  redis: Redis;
  /** Extra warnings to show (e.g. calendar years without official data). */
  warnings?: () => string[];
  /** Job schedulers Redis should hold but does not; null when no worker has registered any yet. */
  missingSchedulers?: () => Promise<string[] | null>;
  /** Messages parked as dead and sends failed for good (shown, not a reason for 503). */
  deadMessages?: () => Promise<number>;
  failedSends?: () => Promise<number>;
}

async function probe(check: () => Promise<unknown>, timeoutMs = 1500): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return 'ok';
  } catch (err) {
    return err instanceof Error && err.message === 'timeout' ? 'timeout' : 'down';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /healthz: 200 {"status":"ok","db":"ok","redis":"ok"}, or 503 naming the failing part; also
 * "schedulers" ("ok" or "missing: …", 503 when missing), "deadMessages" and "failedSends" counts.
 */
export function healthHandler(deps: HealthDeps) {
  return async (_req: Request, res: Response) => {
    const [db, redis] = await Promise.all([
      probe(() => deps.dataSource.query('SELECT 1')),
      probe(() => deps.redis.ping()),
    ]);
    let schedulers: string | undefined;
    if (deps.missingSchedulers && redis === 'ok') {
      const missing = await deps.missingSchedulers().catch(() => null);
      if (missing) schedulers = missing.length ? `missing: ${missing.join(', ')}` : 'ok';
    }
    const ok = db === 'ok' && redis === 'ok' && (schedulers === undefined || schedulers === 'ok');
    const body: Record<string, unknown> = { status: ok ? 'ok' : 'error', db, redis };
    if (schedulers) body.schedulers = schedulers;
    if (db === 'ok') {
      if (deps.deadMessages) body.deadMessages = await deps.deadMessages().catch(() => null);
      if (deps.failedSends) body.failedSends = await deps.failedSends().catch(() => null);
    }
    const warnings = deps.warnings?.() ?? [];
    if (warnings.length) body.warnings = warnings;
    res.status(ok ? 200 : 503).json(body);
  };
}
