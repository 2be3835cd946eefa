import type { Redis } from 'ioredis';
import type { Clock } from '../../lib/clock';
import { requestJson } from '../kit/http';
import { TokenCache } from '../kit/token-cache';

export interface DingtalkTokenOptions {
  apiBase: string;
  appKey: string;
  appSecret: string;
  /** Redis key prefix (the queue prefix), so test runs never share tokens. */
  prefix: string;
  clock?: Clock;
  refreshEarlyMs?: number;
}

/** The DingTalk app's OpenAPI access token (v1.0/oauth2/accessToken), cached per app key in Redis. */
export function createDingtalkTokenCache(redis: Redis, opts: DingtalkTokenOptions): TokenCache {
  return new TokenCache(redis, {
    key: `${opts.prefix}:token:dingtalk:${opts.appKey}`,
    clock: opts.clock,
    refreshEarlyMs: opts.refreshEarlyMs,
    fetch: async () => {
      const res = await requestJson<{ accessToken: string; expireIn: number }>(
        `${opts.apiBase}/v1.0/oauth2/accessToken`,
        { platform: 'dingtalk', body: { appKey: opts.appKey, appSecret: opts.appSecret } },
      );
      return { token: res.accessToken, expiresInSeconds: res.expireIn };
    },
  });
}
