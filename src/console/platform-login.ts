import { requestJson } from '../platforms/kit/http';
import type { TokenCache } from '../platforms/kit/token-cache';

/** Turns a platform's one-use login code into the signed-in user's platform id. */
export interface PlatformLogin {
  /** The user id, or null when the platform says the code is not a corp member's. */
  userIdOf(code: string): Promise<string | null>;
}

/** WeCom OAuth2 snsapi_base: GET /cgi-bin/auth/getuserinfo?access_token=&code= → userid (members only). */
export class WecomLogin implements PlatformLogin {
  constructor(
    private readonly apiBase: string,
    private readonly tokens: TokenCache,
  ) {}

  async userIdOf(code: string): Promise<string | null> {
    const body = await this.tokens.withToken((token) =>
      requestJson<{ userid?: string; openid?: string }>(
        `${this.apiBase}/cgi-bin/auth/getuserinfo?access_token=${encodeURIComponent(token)}&code=${encodeURIComponent(code)}`,
        { platform: 'wecom' },
      ),
    );
    return body.userid ?? null;
  }
}

/** DingTalk H5 micro-app: POST /topapi/v2/user/getuserinfo {code: authCode} → result.userid. */
export class DingtalkLogin implements PlatformLogin {
  constructor(
    private readonly oapiBase: string,
    private readonly tokens: TokenCache,
  ) {}

  async userIdOf(code: string): Promise<string | null> {
    const body = await this.tokens.withToken((token) =>
      requestJson<{ result?: { userid?: string } }>(
        `${this.oapiBase}/topapi/v2/user/getuserinfo?access_token=${encodeURIComponent(token)}`,
        { platform: 'dingtalk', body: { code } },
      ),
    );
    return body.result?.userid ?? null;
  }
}
