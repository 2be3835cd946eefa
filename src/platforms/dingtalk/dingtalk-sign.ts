import { createHmac, timingSafeEqual } from 'node:crypto';

/** DingTalk refuses timestamps more than an hour off; so do we, whatever our own window says. */
export const DINGTALK_MAX_SKEW_MS = 60 * 60 * 1000;

/** base64(HmacSHA256(key = secret, timestamp + "\n" + secret)), DingTalk's signature for both directions. */
export function dingtalkSign(secret: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

export type DingtalkCallbackCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'signature' };

/**
 * Checks the `timestamp` (ms) and `sign` headers of a robot callback: DingTalk's 1 h window, our own
 * window when `maxSkewSeconds` > 0, and the signature compared in constant time.
 */
export function verifyDingtalkCallback(
  appSecret: string,
  headers: { timestamp?: string; sign?: string },
  nowMs: number,
  maxSkewSeconds: number,
): DingtalkCallbackCheck {
  const { timestamp, sign } = headers;
  if (!timestamp || !sign || !/^\d+$/.test(timestamp)) return { ok: false, reason: 'missing' };
  const skew = Math.abs(nowMs - Number(timestamp));
  if (skew > DINGTALK_MAX_SKEW_MS || (maxSkewSeconds > 0 && skew > maxSkewSeconds * 1000)) {
    return { ok: false, reason: 'stale' };
  }
  const expected = Buffer.from(dingtalkSign(appSecret, timestamp), 'utf8');
  const given = Buffer.from(sign, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? { ok: true }
    : { ok: false, reason: 'signature' };
}

/** Appends `timestamp` and `sign` to a custom robot webhook URL (加签 security setting). */
export function signRobotUrl(url: string, secret: string, nowMs: number): string {
  const timestamp = String(nowMs);
  const sign = encodeURIComponent(dingtalkSign(secret, timestamp));
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${sign}`;
}
