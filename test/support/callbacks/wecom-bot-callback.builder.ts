import { randomBytes } from 'node:crypto';
import type { WecomBotConfig } from '../../../src/config';
import type { CallbackRequest } from './callback-request';
import { buildWecomVerification, signedWecomQuery, type WecomBuildOptions } from './wecom-callback.builder';
import { encryptWecom } from '../../../src/platforms/wecom/wecom-crypto';

/** Where the chat happens: a group (chatId set, text starts with the @mention) or 1:1. */
export interface WecomBotChatInput {
  userId: string;
  chatId?: string;
  msgId?: string;
  responseUrl?: string;
}

/** Encrypts any decrypted 智能机器人 JSON into a signed POST to /wecom/bot (receive id ""). */
export function sealWecomBotCallback(
  config: WecomBotConfig,
  plainJson: string,
  options: WecomBuildOptions,
): CallbackRequest {
  const encrypt = encryptWecom(config.encodingAesKey, plainJson, '', options.random);
  return {
    method: 'POST',
    path: '/wecom/bot',
    query: signedWecomQuery(config.token, encrypt, options),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ encrypt }),
  };
}

function common(input: WecomBotChatInput & WecomBuildOptions): Record<string, unknown> {
  return {
    msgid: input.msgId ?? randomBytes(16).toString('hex'),
    aibotid: 'aibot-test',
    create_time: Math.floor(input.now.getTime() / 1000),
    ...(input.chatId ? { chatid: input.chatId, chattype: 'group' } : { chattype: 'single' }),
    from: { userid: input.userId },
    response_url:
      input.responseUrl ??
      `https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=${randomBytes(8).toString('hex')}`,
  };
}

/** A text message; in a group WeCom prefixes it with "@机器人名 ", so `mention` is added there. */
export function buildWecomBotTextCallback(
  config: WecomBotConfig,
  input: WecomBotChatInput & { text: string; mention?: string } & WecomBuildOptions,
): CallbackRequest {
  const content = input.chatId ? `@${input.mention ?? '助企机器人'} ${input.text}` : input.text;
  return sealWecomBotCallback(
    config,
    JSON.stringify({ ...common(input), msgtype: 'text', text: { content } }),
    input,
  );
}

/** A button press on a template card sent by the 智能机器人. */
export function buildWecomBotCardEventCallback(
  config: WecomBotConfig,
  input: WecomBotChatInput & { eventKey: string; taskId: string } & WecomBuildOptions,
): CallbackRequest {
  const event = {
    eventtype: 'template_card_event',
    template_card_event: {
      card_type: 'button_interaction',
      event_key: input.eventKey,
      task_id: input.taskId,
    },
  };
  return sealWecomBotCallback(config, JSON.stringify({ ...common(input), msgtype: 'event', event }), input);
}

/** The URL verification GET of the 智能机器人. */
export function buildWecomBotVerification(
  config: WecomBotConfig,
  input: { echo?: string } & WecomBuildOptions,
): { request: CallbackRequest; echo: string } {
  return buildWecomVerification({ ...config, receiveId: '', path: '/wecom/bot' }, input);
}
