import type { EntityManager } from 'typeorm';
import type { FollowUpRules } from '../../config';
import type { ProblemEventAction } from '../../entities/enums';
import { dateOf, type IsoDate } from '../../lib/time';
import { DeliveryPlanner, recordDelivery } from '../../services/delivery-plan';
import type { Notifier } from '../../services/notifier';
import * as msg from '../../services/problem-workflow.messages';
import { directory } from '../../repositories/directory.repository';
import type { WorkdayCalendar } from '../../services/workday-calendar';

interface AnsweredRow {
  id: string;
  code: string;
  kind: string;
  description: string;
  resolution: string | null;
  enterprise_id: string;
  firm: string;
  category: string | null;
  unit: string | null;
  cadre_id: string | null;
  since: Date;
}

/**
 * Answered problems wait for the enterprise, not the unit: after `rateReminderDays` working days
 * unrated, the enterprise (its group, else its contacts, else its cadre for 代评) is reminded once;
 * after `rateTimeoutDays` the problem closes as 逾期未评价 (closure 'unrated', no rating, never
 * 满意) and the cadre is told. The clock starts at the answer (services: at delivery; an
 * undelivered service is not waiting for a rating). Returns how many were reminded and closed.
 */
export async function followUpAnswered(
  em: EntityManager,
  notifier: Notifier,
  at: Date,
  today: IsoDate,
  cal: WorkdayCalendar,
  rules: FollowUpRules,
): Promise<{ reminded: number; expired: number }> {
  const rows: AnsweredRow[] = await em.query(
    `SELECT p.id, p.code, p.kind, p.description, p.resolution, p.enterprise_id, e.name AS firm,
            c.name AS category, u.name AS unit, p.cadre_id,
            CASE WHEN p.kind IN ('problem', 'request') THEN p.answered_at ELSE p.delivered_at END AS since
     FROM problem p JOIN enterprise e ON e.id = p.enterprise_id
     LEFT JOIN category c ON c.id = p.category_id LEFT JOIN org_unit u ON u.id = p.lead_unit_id
     WHERE p.status = 'answered' AND (p.kind IN ('problem', 'request') OR p.delivered_at IS NOT NULL)
     ORDER BY p.code`,
  );
  const plan = new DeliveryPlanner(notifier);
  let reminded = 0;
  let expired = 0;
  for (const r of rows) {
    const answeredOn = dateOf(r.since);
    const waited = cal.workdaysBetween(answeredOn, today);
    const facts: msg.ProblemFacts = {
      id: r.id,
      code: r.code,
      kind: r.kind,
      firm: r.firm,
      category: r.category,
      unit: r.unit,
      dueOn: null,
      tier: 'normal',
      description: r.description,
      resolution: r.resolution,
    };
    const stamp = r.since.toISOString();
    if (waited >= rules.rateTimeoutDays) {
      const [event] = await stepOnce(
        em,
        r.id,
        at,
        'rate_timeout',
        'answered',
        'closed',
        `逾期未评价（答复后${rules.rateTimeoutDays}个工作日未评价，不计入满意）`,
        `rate-timeout-${r.id}-${stamp}`,
      );
      if (!event) continue;
      await em.query(
        `UPDATE problem SET status = 'closed', closed_at = $2, closed_by_id = NULL, closure = 'unrated',
                updated_at = $2 WHERE id = $1 AND status = 'answered'`,
        [r.id, at],
      );
      const closed = msg.closedText(facts, '逾期未评价');
      const d = await plan.toPeople(
        em,
        `evt-${event.id}`,
        closed,
        'cadre',
        '包联干部',
        () => directory.person(em, r.cadre_id),
        '（该企业无可联系的包联干部，转亲商助企办）',
      );
      await recordDelivery(em, event.id, d);
      expired++;
    } else if (waited >= rules.rateReminderDays) {
      const [event] = await stepOnce(
        em,
        r.id,
        at,
        'rate_remind',
        'answered',
        'answered',
        `提醒评价（答复后${rules.rateReminderDays}个工作日未评价）`,
        `rate-remind-${r.id}-${stamp}`,
      );
      if (!event) continue;
      const closeOn = cal.addWorkdays(answeredOn, rules.rateTimeoutDays);
      const d = await plan.toEnterprise(
        em,
        r.enterprise_id,
        r.cadre_id,
        `evt-${event.id}`,
        msg.rateReminder(facts, false, closeOn),
        msg.rateReminder(facts, true, closeOn),
      );
      await recordDelivery(em, event.id, d);
      reminded++;
    }
  }
  return { reminded, expired };
}

/** Inserts a system event once per key; returns it, or nothing when the key was seen. */
export async function stepOnce(
  em: EntityManager,
  problemId: string,
  at: Date,
  action: ProblemEventAction,
  from: string | null,
  to: string | null,
  note: string,
  key: string,
): Promise<{ id: string }[]> {
  return em.query(
    `INSERT INTO problem_event (problem_id, at, actor_id, action, from_status, to_status, note, idempotency_key)
     VALUES ($1, $2, NULL, $3, $4, $5, $6, $7)
     ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
     RETURNING id`,
    [problemId, at, action, from, to, note, key],
  );
}
