import type { Express } from 'express';
import type { ReceiverDeps, ReceiverKit } from '../../platforms/kit/receiver-kit';
import { RejectLog } from '../../platforms/kit/reject-log';
import type { PlatformModule } from '../../platforms/adapter';
import { platformModules } from '../../platforms/registry';

export type { Intake, ReceiverDeps } from '../../platforms/kit/receiver-kit';
export { RedisReplayGuard } from '../../platforms/kit/replay-guard';

/**
 * Mounts the callback routes of every registered platform whose settings are present; an absent
 * platform's routes fall through to express's 404. Returns the platforms served.
 */
export function mountReceivers(
  app: Express,
  given: ReceiverDeps,
  modules: readonly PlatformModule[] = platformModules(),
): string[] {
  const deps: ReceiverKit = { ...given, rejects: given.rejects ?? new RejectLog(given.logger, given.clock) };
  const served: string[] = [];
  for (const m of modules) {
    const router = m.receiver(deps);
    if (!router) continue;
    app.use(router);
    served.push(m.name);
  }
  return served;
}
