import type { EntityManager } from 'typeorm';
import { dateOf, formatDateZh, startOfDate, type IsoDate } from '../../lib/time';
import { type Delivery, DeliveryPlanner } from '../../services/delivery-plan';
import { stalledProblems } from '../../services/liveness';
import type { Notifier } from '../../services/notifier';
import type { WorkdayCalendar } from '../../services/workday-calendar';
import { brief, cappedMap, markdown } from '../../services/leader/format';
import { pendingProblems } from './pending-chase';

/** Lines per list in the office's digest; the rest are counted. */
const LINES = 20;

/** What the campaign office must see each working day to keep every problem moving. */
export interface OfficeFindings {
  pending: { code: string; firm: string; description: string; days: number }[];
  failed: { id: string; channel: string; target: string; lastError: string | null }[];
  undelivered: { code: string; action: string; at: Date }[];
  stalled: Awaited<ReturnType<typeof stalledProblems>>;
}

/**
 * Collects the office's findings: every 待交办 problem, outbound messages that failed for good since
 * `from`, notices since `from` that reached nobody, and the liveness check (open problems whose
 * next actor is not an active, reachable person).
 */
export async function officeFindings(
  em: EntityManager,
  notifier: Notifier,
  from: IsoDate,
  today: IsoDate,
  cal: WorkdayCalendar,
): Promise<OfficeFindings> {
  const since = startOfDate(from);
  const pending = (await pendingProblems(em)).map((p) => ({
    code: p.code,
    firm: p.firm,
    description: p.description,
    days: cal.workdaysBetween(dateOf(p.since), today),
  }));
  const failed: OfficeFindings['failed'] = await em.query(
    `SELECT id, channel, target, last_error AS "lastError" FROM outbound_message
     WHERE status = 'failed' AND created_at >= $1 ORDER BY id`,
    [since],
  );
  const undelivered: OfficeFindings['undelivered'] = await em.query(
    `SELECT p.code, e.action, e.at FROM problem_event e JOIN problem p ON p.id = e.problem_id
     WHERE e.delivery LIKE '未送达%' AND e.at >= $1 ORDER BY e.at, e.id`,
    [since],
  );
  const stalled = await stalledProblems(em, notifier.platforms);
  return { pending, failed, undelivered, stalled };
}

/** The office's daily digest as markdown. */
export function officeDigest(f: OfficeFindings, today: IsoDate): ReturnType<typeof markdown> {
  return markdown('亲商助企办每日提醒', [
    `### 亲商助企办每日提醒 · ${formatDateZh(today)}`,
    f.pending.length ? `**待交办问题 ${f.pending.length} 个：**` : '待交办问题：无。',
    ...cappedMap(
      f.pending,
      LINES,
      (p) => `- ${p.code} ${p.firm}：${brief(p.description, 16)}（待交办 ${p.days} 个工作日）`,
    ),
    f.stalled.length
      ? `**无人可办的问题 ${f.stalled.length} 个**（下一步的人不在岗或无法联系，请调整名册或交办）：`
      : '无人可办的问题：无。',
    ...cappedMap(
      f.stalled,
      LINES,
      (s) => `- ${s.code} ${s.firm}${s.unit ? ` · ${s.unit}` : ''}：缺少可联系的${s.nextActor}`,
    ),
    f.undelivered.length ? `**未能送达的通知 ${f.undelivered.length} 条：**` : '未能送达的通知：无。',
    ...cappedMap(f.undelivered, LINES, (u) => `- ${u.code}：${u.action}`),
    f.failed.length ? `**发送失败的消息 ${f.failed.length} 条：**` : '发送失败的消息：无。',
    ...cappedMap(f.failed, LINES, (m) => `- #${m.id} ${m.channel}：${brief(m.lastError ?? '未知错误', 40)}`),
  ]);
}

/** Sends the office's digest to the campaign office's admins (1:1). */
export async function sendOfficeDigest(
  em: EntityManager,
  notifier: Notifier,
  key: string,
  findings: OfficeFindings,
  today: IsoDate,
): Promise<Delivery> {
  const plan = new DeliveryPlanner(notifier);
  const payload = officeDigest(findings, today);
  return plan.deliver(em, key, payload, [plan.officeStep(em, payload, '')]);
}
