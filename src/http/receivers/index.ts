import type { Express } from 'express';
import type { Platform } from '../../entities/enums';
import { createDingtalkReceiver } from './dingtalk.receiver';
import type { ReceiverDeps, ReceiverKit } from './receiver-kit';
import { RejectLog } from './reject-log';
import { createWecomAppReceiver } from './wecom-app.receiver';
import { createWecomBotReceiver } from './wecom-bot.receiver';

export type { Intake, ReceiverDeps } from './receiver-kit';
export { RedisReplayGuard } from './replay-guard';

/**
 * Mounts the callback routes of every platform whose settings are present; an absent platform's
 * routes fall through to express's 404. Returns the platforms served.
 */
export function mountReceivers(app: Express, given: ReceiverDeps): Platform[] {
  const deps: ReceiverKit = { ...given, rejects: given.rejects ?? new RejectLog(given.logger, given.clock) };
  const served: Platform[] = [];
  const { wecom, wecomBot, dingtalk } = deps.config;
  if (wecom) {
    app.use(createWecomAppReceiver(deps));
    served.push('wecom');
  }
  if (wecomBot) {
    app.use(createWecomBotReceiver(deps));
    served.push('wecom_bot');
  }
  if (dingtalk) {
    app.use(createDingtalkReceiver(deps));
    served.push('dingtalk');
  }
  return served;
}
