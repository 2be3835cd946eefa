import { requestJson } from '../kit/http';
import type { TokenCache } from '../kit/token-cache';

/**
 * DingTalk's member directory (`POST /topapi/v2/user/get` on oapi): the mobile of a staff id,
 * readable by an internal app granted 通讯录个人信息读权限 (else absent → null).
 */
export class DingtalkDirectory {
  constructor(private readonly opts: { oapiBase: string; tokens: TokenCache; timeoutMs?: number }) {}

  async mobileOf(userId: string): Promise<string | null> {
    const reply = await this.opts.tokens.withToken((token) =>
      requestJson<{ result?: { mobile?: string } }>(
        `${this.opts.oapiBase}/topapi/v2/user/get?access_token=${encodeURIComponent(token)}`,
        { platform: 'dingtalk', body: { userid: userId, language: 'zh_CN' }, timeoutMs: this.opts.timeoutMs },
      ),
    );
    const mobile = reply.result?.mobile;
    return typeof mobile === 'string' && mobile !== '' ? mobile : null;
  }
}
