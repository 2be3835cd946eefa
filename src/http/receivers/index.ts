import type { Express } from 'express';
import type { ReceiverDeps, ReceiverKit } from '../../platforms/kit/receiver-kit';
import { RejectLog } from '../../platforms/kit/reject-log';
import type { PlatformModule } from '../../platforms/adapter';
import { fastCallbacks, type FastHandler } from '../../platforms/kit/callback-route';
import { platformModules } from '../../platforms/registry';
import type { Metrics } from '../metrics';

export type { Intake, ReceiverDeps } from '../../platforms/kit/receiver-kit';
export type { FastHandler } from '../../platforms/kit/callback-route';
export { RedisReplayGuard } from '../../platforms/kit/replay-guard';

const kitOf = (given: ReceiverDeps): ReceiverKit => ({
  ...given,
  rejects: given.rejects ?? new RejectLog(given.logger, given.clock),
});

/**
 * Mounts the callback routes of every registered platform whose settings are present; an absent
 * platform's routes fall through to express's 404. Returns the platforms served.
 */
export function mountReceivers(
  app: Express,
  given: ReceiverDeps,
  modules: readonly PlatformModule[] = platformModules(),
): string[] {
  const deps = kitOf(given);
  const served: string[] = [];
  for (const m of modules) {
    const router = m.receiver(deps);
    if (!router) continue;
    app.use(router);
    served.push(m.name);
  }
  return served;
}

/**
 * The callback routes of the platforms that offer plain handlers, as one node:http handler to put
 * ahead of the express app that mountReceivers served (which keeps every route, for whatever the
 * fast path leaves to it). Records the same HTTP metrics as the app's middleware.
 */
export function fastReceivers(
  given: ReceiverDeps,
  metrics?: Metrics,
  modules: readonly PlatformModule[] = platformModules(),
): FastHandler {
  const deps = kitOf(given);
  return fastCallbacks(
    deps,
    modules.flatMap((m) => m.callbacks?.(deps) ?? []),
    metrics,
  );
}
