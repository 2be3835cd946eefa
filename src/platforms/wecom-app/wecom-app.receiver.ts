import type { Router } from 'express';
import { parseWecomAppEnvelope, parseWecomAppMessage } from './wecom-app.parser';
import type { ReceiverKit } from '../kit/receiver-kit';
import { callbackRouter, type CallbackRoute } from '../kit/callback-route';
import { wecomCallbacks } from '../wecom/wecom-receiver';

/** `GET, POST /wecom/callback`: the WeCom self-built app (encrypted XML, receive id = corp id). */
export function wecomAppCallbacks(deps: ReceiverKit): CallbackRoute[] {
  const settings = deps.config.wecom;
  if (!settings) throw new Error('WeCom app settings are absent: mount this receiver only when they are set');
  return wecomCallbacks(deps, {
    route: '/wecom/callback',
    keys: { token: settings.token, encodingAesKey: settings.encodingAesKey, receiveId: settings.corpId },
    readEnvelope: parseWecomAppEnvelope,
    readMessage: (plain) => parseWecomAppMessage(plain),
  });
}

/** The same routes as an express Router. */
export function createWecomAppReceiver(deps: ReceiverKit): Router {
  return callbackRouter(deps, wecomAppCallbacks(deps));
}
