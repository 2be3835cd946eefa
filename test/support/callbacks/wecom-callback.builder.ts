import { randomBytes } from 'node:crypto';
import type { WecomAppConfig } from '../../../src/config';
import type { CallbackRequest } from './callback-request';
import { encryptWecom, wecomSignature } from '../../../src/platforms/wecom/wecom-crypto';

/** Options shared by every built callback; defaults are random, `now` is the sender's clock. */
export interface WecomBuildOptions {
  now: Date;
  nonce?: string;
  /** Fixes the 16-byte random prefix, for byte-exact tests. */
  random?: Buffer;
}

/** A random 63-bit id as decimal, like WeCom's MsgId (beyond 2^53, so precision bugs show). */
export function randomWecomMsgId(): string {
  return (BigInt(`0x${randomBytes(8).toString('hex')}`) >> 1n).toString();
}

const cdata = (value: string) => `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** Signs the query of a WeCom callback whose encrypted payload is `encrypt`. */
export function signedWecomQuery(
  token: string,
  encrypt: string,
  options: WecomBuildOptions,
): Record<string, string> {
  const timestamp = String(Math.floor(options.now.getTime() / 1000));
  const nonce = options.nonce ?? String(randomBytes(4).readUInt32BE(0));
  return { msg_signature: wecomSignature(token, timestamp, nonce, encrypt), timestamp, nonce };
}

/** Encrypts any decrypted app XML into a signed POST to /wecom/callback (also for malformed-XML tests). */
export function sealWecomAppCallback(
  config: WecomAppConfig,
  plainXml: string,
  options: WecomBuildOptions,
): CallbackRequest {
  const encrypt = encryptWecom(config.encodingAesKey, plainXml, config.corpId, options.random);
  return {
    method: 'POST',
    path: '/wecom/callback',
    query: signedWecomQuery(config.token, encrypt, options),
    headers: { 'content-type': 'text/xml' },
    body:
      `<xml><ToUserName>${cdata(config.corpId)}</ToUserName>` +
      `<Encrypt>${cdata(encrypt)}</Encrypt><AgentID>${cdata(config.agentId)}</AgentID></xml>`,
  };
}

/** A text message from `userId` to the app, as WeCom would POST it. */
export function buildWecomAppTextCallback(
  config: WecomAppConfig,
  input: { userId: string; text: string; msgId?: string } & WecomBuildOptions,
): CallbackRequest {
  const createTime = Math.floor(input.now.getTime() / 1000);
  const xml =
    `<xml><ToUserName>${cdata(config.corpId)}</ToUserName><FromUserName>${cdata(input.userId)}</FromUserName>` +
    `<CreateTime>${createTime}</CreateTime><MsgType>${cdata('text')}</MsgType>` +
    `<Content>${cdata(input.text)}</Content><MsgId>${input.msgId ?? randomWecomMsgId()}</MsgId>` +
    `<AgentID>${config.agentId}</AgentID></xml>`;
  return sealWecomAppCallback(config, xml, input);
}

/** A button press on a template card (template_card_event), as WeCom would POST it. */
export function buildWecomAppCardEventCallback(
  config: WecomAppConfig,
  input: { userId: string; eventKey: string; taskId: string; responseCode?: string } & WecomBuildOptions,
): CallbackRequest {
  const createTime = Math.floor(input.now.getTime() / 1000);
  const xml =
    `<xml><ToUserName>${cdata(config.corpId)}</ToUserName><FromUserName>${cdata(input.userId)}</FromUserName>` +
    `<CreateTime>${createTime}</CreateTime><MsgType>${cdata('event')}</MsgType>` +
    `<Event>${cdata('template_card_event')}</Event><EventKey>${cdata(input.eventKey)}</EventKey>` +
    `<TaskId>${cdata(input.taskId)}</TaskId><CardType>${cdata('button_interaction')}</CardType>` +
    `<ResponseCode>${cdata(input.responseCode ?? randomBytes(16).toString('hex'))}</ResponseCode>` +
    `<AgentID>${config.agentId}</AgentID></xml>`;
  return sealWecomAppCallback(config, xml, input);
}

/** The URL verification GET; the server must answer `echo` exactly. */
export function buildWecomVerification(
  keys: { token: string; encodingAesKey: string; receiveId: string; path: string },
  input: { echo?: string } & WecomBuildOptions,
): { request: CallbackRequest; echo: string } {
  const echo = input.echo ?? String(randomBytes(8).readBigUInt64BE(0));
  const echostr = encryptWecom(keys.encodingAesKey, echo, keys.receiveId, input.random);
  return {
    echo,
    request: {
      method: 'GET',
      path: keys.path,
      query: { ...signedWecomQuery(keys.token, echostr, input), echostr },
      headers: {},
    },
  };
}

/** The URL verification GET of the WeCom app. */
export function buildWecomAppVerification(
  config: WecomAppConfig,
  input: { echo?: string } & WecomBuildOptions,
): { request: CallbackRequest; echo: string } {
  return buildWecomVerification({ ...config, receiveId: config.corpId, path: '/wecom/callback' }, input);
}
