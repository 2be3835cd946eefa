import type { Router } from 'express';
import { parseWecomBotEnvelope, parseWecomBotMessage } from '../../platforms/wecom/wecom-bot.parser';
import type { ReceiverDeps } from './receiver-kit';
import { createWecomRouter } from './wecom-receiver';

/** `GET, POST /wecom/bot`: the WeCom 智能机器人 (encrypted JSON, receive id ""). */
export function createWecomBotReceiver(deps: ReceiverDeps): Router {
  const settings = deps.config.wecomBot;
  if (!settings)
    throw new Error('WeCom 智能机器人 settings are absent: mount this receiver only when they are set');
  return createWecomRouter(deps, {
    route: '/wecom/bot',
    keys: { token: settings.token, encodingAesKey: settings.encodingAesKey, receiveId: '' },
    readEnvelope: parseWecomBotEnvelope,
    readMessage: parseWecomBotMessage,
  });
}
