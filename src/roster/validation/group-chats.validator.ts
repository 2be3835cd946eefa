import { q } from '../roster-errors';
import { isHttpUrl, PLATFORM_LABELS, PURPOSE_LABELS } from '../roster.fields';
import type { RawRow, RosterGroupChat } from '../roster.types';
import type { ValidationContext } from './validation-context';

/** Rows of 群聊: platform, unrepeated chat id, and a binding that fits the purpose. */
export function validateGroupChats(ctx: ValidationContext, rows: RawRow[]): RosterGroupChat[] {
  const out: RosterGroupChat[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    let ok = ctx.basics(r);
    const c = r.cells;
    const platform = ctx.label(r, '平台', PLATFORM_LABELS, { expected: '企业微信 或 钉钉' });
    if (platform === null) ok = false;
    const chatId = c['群ID'] ?? '';
    if (platform && chatId && !ctx.unique(seen, `${platform}:${chatId}`, r, '群ID', chatId)) ok = false;
    const purpose = ctx.label(r, '用途', PURPOSE_LABELS);
    if (purpose === null) ok = false;
    const target = c['绑定对象'] ?? '';
    let enterpriseCode: string | null = null;
    let unitName: string | null = null;
    if (purpose && target) {
      if (purpose === 'enterprise') {
        enterpriseCode = ctx.enterpriseRef(r, '绑定对象', target);
        if (!enterpriseCode) ok = false;
      } else if (purpose === 'unit' || purpose === 'district') {
        if (ctx.unitRef(r, '绑定对象', target, purpose === 'district')) unitName = target;
        else ok = false;
      }
    }
    const url = c['群机器人地址'] ?? '';
    if (url && !isHttpUrl(url)) {
      ctx.errors.cell(r.sheet, r.row, '群机器人地址', `${q(url)} 不是有效的 http(s) 网址`);
      ok = false;
    }
    if (ok && platform && purpose) {
      out.push({
        row: r.row,
        platform,
        chatId,
        purpose,
        enterpriseCode,
        unitName,
        webhookUrl: url || null,
        webhookSecret: c['群机器人密钥'] || null,
      });
    }
  }
  return out;
}
