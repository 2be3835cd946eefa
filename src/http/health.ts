import type { Request, Response } from 'express';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';

export interface HealthDeps {
  dataSource: DataSource;
  redis: Redis;
  /** Extra warnings to show (e.g. calendar years without official data). */
  warnings?: () => string[];
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

/** GET /healthz: 200 {"status":"ok","db":"ok","redis":"ok"}, or 503 naming the failing part. */
export function healthHandler(deps: HealthDeps) {
  return async (_req: Request, res: Response) => {
    const [db, redis] = await Promise.all([
      probe(() => deps.dataSource.query('SELECT 1')),
      probe(() => deps.redis.ping()),
    ]);
    const ok = db === 'ok' && redis === 'ok';
    const body: Record<string, unknown> = { status: ok ? 'ok' : 'error', db, redis };
    const warnings = deps.warnings?.() ?? [];
    if (warnings.length) body.warnings = warnings;
    res.status(ok ? 200 : 503).json(body);
  };
}
