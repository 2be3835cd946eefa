import { requestJson } from '../kit/http';
import type { TokenCache } from '../kit/token-cache';

/**
 * WeCom's member directory (`GET /cgi-bin/user/get`): the mobile of a member, when the app may read
 * it (since 2022 only apps granted 敏感字段 see `mobile`; otherwise it is absent and we get null).
 */
export class WecomDirectory {
  constructor(private readonly opts: { apiBase: string; tokens: TokenCache; timeoutMs?: number }) {}

  async mobileOf(userId: string): Promise<string | null> {
    const user = await this.opts.tokens.withToken((token) =>
      requestJson<{ mobile?: string }>(
        `${this.opts.apiBase}/cgi-bin/user/get?access_token=${encodeURIComponent(token)}&userid=${encodeURIComponent(userId)}`,
        { platform: 'wecom', timeoutMs: this.opts.timeoutMs },
      ),
    );
    return typeof user.mobile === 'string' && user.mobile !== '' ? user.mobile : null;
  }
}
