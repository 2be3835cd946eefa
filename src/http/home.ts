import type { Request, Response } from 'express';

/** What `GET /` tells whoever opens the service's address: what it is and where to look. */
export const HOME_TEXT = [
  'qinshang-bot — 千人亲商助企 campaign bot for WeCom (企业微信) and DingTalk (钉钉)',
  '',
  'This address serves platform callbacks and operator endpoints; people use the bot from their chat app.',
  '',
  '  GET  /healthz          database, Redis and calendar status (JSON; 503 when a part is down)',
  '  GET  /metrics          Prometheus metrics',
  '  GET  /api/...          JSON API, Authorization: Bearer $ADMIN_TOKEN (visits, problems, compliance, stats)',
  '  POST /wecom/callback   WeCom self-built app callbacks',
  '  POST /wecom/bot        WeCom 智能机器人 callbacks',
  '  POST /dingtalk/callback DingTalk robot callbacks',
  '',
  'Operators: `npm run doctor` checks the settings, database, Redis, calendar and roster; see README.md.',
  '',
].join('\n');

/** GET /: a short plain-text page instead of a bare 404. */
export function homeHandler(_req: Request, res: Response): void {
  res.type('text/plain; charset=utf-8').send(HOME_TEXT);
}
