import type { Router } from 'express';
import { sealWecomBotText } from './wecom-bot-passive';
import { parseWecomBotEnvelope, parseWecomBotMessage } from './wecom-bot.parser';
import type { ReceiverKit } from '../kit/receiver-kit';
import { callbackRouter, type CallbackRoute } from '../kit/callback-route';
import { wecomCallbacks } from '../wecom/wecom-receiver';

/** `GET, POST /wecom/bot`: the WeCom 智能机器人 (encrypted JSON, receive id ""). */
export function wecomBotCallbacks(deps: ReceiverKit): CallbackRoute[] {
  const settings = deps.config.wecomBot;
  if (!settings)
    throw new Error('WeCom 智能机器人 settings are absent: mount this receiver only when they are set');
  const { welcome } = deps;
  return wecomCallbacks(deps, {
    route: '/wecom/bot',
    keys: { token: settings.token, encodingAesKey: settings.encodingAesKey, receiveId: '' },
    readEnvelope: parseWecomBotEnvelope,
    readMessage: parseWecomBotMessage,
    // enter_chat has no response_url: the welcome is the HTTP answer or nothing.
    passiveReply: welcome
      ? async (msg, query) =>
          msg.event === 'enter' ? sealWecomBotText(settings, await welcome(msg), query) : null
      : undefined,
  });
}

/** The same routes as an express Router. */
export function createWecomBotReceiver(deps: ReceiverKit): Router {
  return callbackRouter(deps, wecomBotCallbacks(deps));
}
