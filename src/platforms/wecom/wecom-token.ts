import type { Redis } from 'ioredis';
import type { Clock } from '../../lib/clock';
import { requestJson } from '../kit/http';
import { TokenCache } from '../kit/token-cache';

export interface WecomTokenOptions {
  apiBase: string;
  corpId: string;
  agentId: string;
  secret: string;
  /** Redis key prefix (the queue prefix), so test runs never share tokens. */
  prefix: string;
  clock?: Clock;
  refreshEarlyMs?: number;
}

/** The WeCom app's access_token (gettoken), cached per corp id + agent id in Redis. */
export function createWecomTokenCache(redis: Redis, opts: WecomTokenOptions): TokenCache {
  return new TokenCache(redis, {
    key: `${opts.prefix}:token:wecom:${opts.corpId}:${opts.agentId}`,
    clock: opts.clock,
    refreshEarlyMs: opts.refreshEarlyMs,
    fetch: async () => {
      const query = new URLSearchParams({ corpid: opts.corpId, corpsecret: opts.secret });
      const res = await requestJson<{ access_token: string; expires_in: number }>(
        `${opts.apiBase}/cgi-bin/gettoken?${query}`,
        { platform: 'wecom' },
      );
      return { token: res.access_token, expiresInSeconds: res.expires_in };
    },
  });
}
