import { createHmac } from 'node:crypto';
import {
  dingtalkSign,
  signRobotUrl,
  verifyDingtalkCallback,
} from '../../../../src/platforms/dingtalk/dingtalk-sign';

const secret = 'SECtestsecret0123456789';
const now = 1763866200000;

describe('dingtalkSign', () => {
  it('is base64(HmacSHA256(secret, timestamp + "\\n" + secret))', () => {
    const expected = createHmac('sha256', secret).update(`${now}\n${secret}`).digest('base64');
    expect(dingtalkSign(secret, String(now))).toBe(expected);
  });
});

describe('verifyDingtalkCallback', () => {
  const headers = (timestamp: number) => ({
    timestamp: String(timestamp),
    sign: dingtalkSign(secret, String(timestamp)),
  });

  it('accepts a fresh, correctly signed callback', () => {
    expect(verifyDingtalkCallback(secret, headers(now - 1000), now, 300)).toEqual({ ok: true });
  });

  it('refuses a wrong signature or secret', () => {
    expect(verifyDingtalkCallback('other', headers(now), now, 300)).toEqual({
      ok: false,
      reason: 'signature',
    });
    expect(verifyDingtalkCallback(secret, { timestamp: String(now), sign: 'AAAA' }, now, 300)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('refuses missing or non-numeric headers', () => {
    expect(verifyDingtalkCallback(secret, {}, now, 300)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyDingtalkCallback(secret, { timestamp: 'x', sign: 's' }, now, 300)).toEqual({
      ok: false,
      reason: 'missing',
    });
  });

  it('applies our window when set, and DingTalk’s one hour always', () => {
    expect(verifyDingtalkCallback(secret, headers(now - 301_000), now, 300)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifyDingtalkCallback(secret, headers(now - 301_000), now, 0)).toEqual({ ok: true });
    expect(verifyDingtalkCallback(secret, headers(now - 3_601_000), now, 0)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifyDingtalkCallback(secret, headers(now + 3_601_000), now, 86400)).toEqual({
      ok: false,
      reason: 'stale',
    });
  });
});

describe('signRobotUrl', () => {
  it('appends timestamp and the url-encoded sign', () => {
    const url = signRobotUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', secret, now);
    const parsed = new URL(url);
    expect(parsed.searchParams.get('access_token')).toBe('abc');
    expect(parsed.searchParams.get('timestamp')).toBe(String(now));
    expect(parsed.searchParams.get('sign')).toBe(dingtalkSign(secret, String(now)));
    expect(url).not.toMatch(/sign=[^&]*[+/=]/);
  });

  it('starts the query when the URL has none', () => {
    expect(signRobotUrl('https://example.test/hook', secret, now)).toMatch(
      /^https:\/\/example\.test\/hook\?timestamp=/,
    );
  });
});
