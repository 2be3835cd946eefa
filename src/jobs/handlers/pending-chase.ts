import type { EntityManager } from 'typeorm';
import { dateOf, type IsoDate } from '../../lib/time';
import { groupBy } from '../../lib/collections';
import { DeliveryPlanner, recordDelivery } from '../../services/delivery-plan';
import type { Notifier } from '../../services/notifier';
import { directory } from '../../repositories/directory.repository';
import type { WorkdayCalendar } from '../../services/workday-calendar';
import { stepOnce } from './answered-follow-up';
import { brief, markdown } from '../../services/leader/format';

/** Working days a problem may wait for 交办 before its cadre is chased, and before the office is. */
export const PENDING_CADRE_DAYS = 1;
export const PENDING_OFFICE_DAYS = 3;

/** A problem waiting for 交办 (pending), since it was reported or last returned. */
export interface PendingProblem {
  id: string;
  code: string;
  description: string;
  firm: string;
  cadreId: string | null;
  since: Date;
  returned: boolean;
}

/** Every pending problem with the moment it started waiting (report, or the last 回退). */
export async function pendingProblems(em: EntityManager): Promise<PendingProblem[]> {
  const rows: Record<string, unknown>[] = await em.query(
    `SELECT p.id, p.code, p.description, e.name AS firm, p.cadre_id, p.return_count,
            coalesce((SELECT max(ev.at) FROM problem_event ev
                      WHERE ev.problem_id = p.id AND ev.action IN ('report', 'return')), p.created_at) AS since
     FROM problem p JOIN enterprise e ON e.id = p.enterprise_id
     WHERE p.status = 'pending' ORDER BY p.code`,
  );
  return rows.map((r) => ({
    id: r.id as string,
    code: r.code as string,
    description: r.description as string,
    firm: r.firm as string,
    cadreId: (r.cadre_id as string | null) ?? null,
    since: r.since as Date,
    returned: Number(r.return_count) > 0,
  }));
}

const line = (p: PendingProblem, days: number) =>
  `- ${p.code} ${p.firm}：${brief(p.description)}（待交办 ${days} 个工作日${p.returned ? '，曾被退回' : ''}）`;

/**
 * 待交办 problems are chased to whoever must assign: after PENDING_CADRE_DAYS working days the
 * enterprise's cadre (else the office), after PENDING_OFFICE_DAYS the campaign office's admins.
 * Each step once per problem and waiting spell (event pending_chase / pending_escalate).
 */
export async function chasePending(
  em: EntityManager,
  notifier: Notifier,
  at: Date,
  today: IsoDate,
  cal: WorkdayCalendar,
  prefix: string,
): Promise<number> {
  const plan = new DeliveryPlanner(notifier);
  const toCadres: { p: PendingProblem; days: number; eventId: string }[] = [];
  const toOffice: typeof toCadres = [];
  for (const p of await pendingProblems(em)) {
    const days = cal.workdaysBetween(dateOf(p.since), today);
    const office = days >= PENDING_OFFICE_DAYS || !p.cadreId;
    if (days < PENDING_CADRE_DAYS) continue;
    const action = office ? 'pending_escalate' : 'pending_chase';
    const note = office ? '待交办超时，提请亲商助企办交办（系统）' : '提醒包联干部交办（系统）';
    const [event] = await stepOnce(
      em,
      p.id,
      at,
      action,
      'pending',
      'pending',
      note,
      `${action}-${p.id}-${p.since.toISOString()}`,
    );
    if (!event) continue;
    const item = { p, days, eventId: event.id };
    if (office) toOffice.push(item);
    else toCadres.push(item);
  }
  for (const [cadreId, items] of groupBy(toCadres, (i) => i.p.cadreId)) {
    const payload = markdown('待交办提醒', [
      '### 待交办提醒',
      '你包联企业的以下问题尚未交办，请发送“转办 编号 单位名称”交办：',
      ...items.map((i) => line(i.p, i.days)),
    ]);
    const d = await plan.toPeople(
      em,
      `${prefix}pending-${cadreId}`,
      payload,
      'cadre',
      '包联干部',
      () => directory.person(em, cadreId),
      '（包联干部无法联系，转亲商助企办交办）',
    );
    for (const i of items) await recordDelivery(em, i.eventId, d);
  }
  if (toOffice.length) {
    const payload = markdown('待交办问题', [
      '### 待交办问题',
      '以下问题待交办已超时或无包联干部，请交办（发送“转办 编号 单位名称”）：',
      ...toOffice.map((i) => line(i.p, i.days)),
    ]);
    const d = await plan.deliver(em, `${prefix}pending-office`, payload, [plan.officeStep(em, payload, '')]);
    for (const i of toOffice) await recordDelivery(em, i.eventId, d);
  }
  return toCadres.length + toOffice.length;
}
