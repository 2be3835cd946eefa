import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { decrypt, encrypt } from '@wecom/crypto';

/** WeCom's own error codes (WXBizMsgCrypt ierror), so logs match the platform's documentation. */
export const WECOM_ERROR = {
  signature: -40001,
  parse: -40002,
  receiveId: -40005,
  decrypt: -40007,
  base64: -40010,
} as const;
export type WecomErrorCode = (typeof WECOM_ERROR)[keyof typeof WECOM_ERROR];

/** A callback that failed a check: the platform's code and an English reason for the log. */
export interface WecomFailure {
  ok: false;
  code: WecomErrorCode;
  reason: string;
}
export type WecomResult<T> = { ok: true; value: T } | WecomFailure;

/** Builds a failure result. */
export function wecomFailure(code: WecomErrorCode, reason: string): WecomFailure {
  return { ok: false, code, reason };
}

/** The keys one WeCom callback endpoint uses; receiveId is the corp id (app) or "" (智能机器人). */
export interface WecomCallbackKeys {
  token: string;
  encodingAesKey: string;
  receiveId: string;
}

/** The signed, encrypted part of a callback: query parameters plus the Encrypt text (or echostr). */
export interface WecomSignedEnvelope {
  signature: string;
  timestamp: string;
  nonce: string;
  encrypt: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** msg_signature = hex(sha1(sorted [token, timestamp, nonce, encrypt] joined)). */
export function wecomSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

/** Compares the given signature with the expected one in constant time. */
export function verifyWecomSignature(keys: WecomCallbackKeys, envelope: WecomSignedEnvelope): boolean {
  const expected = Buffer.from(
    wecomSignature(keys.token, envelope.timestamp, envelope.nonce, envelope.encrypt),
    'utf8',
  );
  const given = Buffer.from(envelope.signature.toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Decrypts a WeCom ciphertext and checks that it was meant for `receiveId`. Never throws. */
export function decryptWecom(
  encodingAesKey: string,
  ciphertext: string,
  receiveId: string,
): WecomResult<string> {
  if (ciphertext.length % 4 !== 0 || !BASE64.test(ciphertext)) {
    return wecomFailure(WECOM_ERROR.base64, 'ciphertext is not base64');
  }
  const bytes = Buffer.from(ciphertext, 'base64').length;
  if (bytes === 0 || bytes % 16 !== 0) {
    return wecomFailure(WECOM_ERROR.decrypt, `ciphertext length ${bytes} is not a multiple of 16`);
  }
  let plain: { message: string; id: string };
  try {
    plain = decrypt(encodingAesKey, ciphertext);
  } catch (err) {
    return wecomFailure(WECOM_ERROR.decrypt, `decrypt failed: ${(err as Error).message}`);
  }
  if (plain.id !== receiveId) {
    return wecomFailure(WECOM_ERROR.receiveId, 'receive id does not match');
  }
  return { ok: true, value: plain.message };
}

/** Encrypts a message for WeCom (replies, test and console callbacks); `random` fixes the 16-byte prefix. */
export function encryptWecom(
  encodingAesKey: string,
  message: string,
  receiveId: string,
  random: Buffer = randomBytes(16),
): string {
  return encrypt(encodingAesKey, message, receiveId, random);
}

/** Verifies the signature, then decrypts: the whole inbound check of one callback. */
export function openWecomEnvelope(
  keys: WecomCallbackKeys,
  envelope: WecomSignedEnvelope,
): WecomResult<string> {
  if (!verifyWecomSignature(keys, envelope)) {
    return wecomFailure(WECOM_ERROR.signature, 'signature does not match');
  }
  return decryptWecom(keys.encodingAesKey, envelope.encrypt, keys.receiveId);
}
