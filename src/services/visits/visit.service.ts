import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../lib/clock';
import { UserError } from '../../lib/errors';
import { dateOf, isIsoDate, monthWindow } from '../../lib/time';
import { contactTargetSql } from '../contact-rule';
import { type Actor, can } from '../permissions';
import { findVisit, UUID } from './visit-rows';
import type { RegisterVisitInput, RegisterVisitResult, VisitRecord } from './visit.types';
import { sendingTransaction } from '../../outbox/sender';

/**
 * Visits (the contact rule's contacts): registering one and the 撤销 of one just registered. Every method
 * checks role × data scope itself (the parser's role filter is only a convenience) and refuses in one
 * Chinese sentence.
 */
export class VisitService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Registers a visit in one transaction. A repeated source key returns the first visit (replayed);
   * a future Beijing date is refused; a firm not paired with the cadre is accepted without a pairing.
   */
  async registerVisit(input: RegisterVisitInput, actor: Actor): Promise<RegisterVisitResult> {
    if (input.cadreId === actor.personId || !can(actor, 'register_visit_for_others')) {
      if (!can(actor, 'register_visit')) {
        throw new UserError(
          '只有包联干部才能登记走访；企业联系人可以发送“确认走访”确认干部的来访。',
          'forbidden',
        );
      }
      if (input.cadreId !== actor.personId) throw new UserError('只能登记您本人的走访。', 'forbidden');
    }
    if (!isIsoDate(input.visitedOn)) throw new UserError('走访日期无效，请写成“11月20日”或“昨天”。');
    const today = dateOf(this.clock.now());
    if (input.visitedOn > today) {
      throw new UserError('走访日期不能晚于今天，请写已经发生的走访。', 'future_date');
    }
    if (!UUID.test(input.enterpriseId) || !UUID.test(input.cadreId)) throw new UserError('找不到该企业。');

    return sendingTransaction(this.ds, async (em) => {
      if (input.sourceKey) {
        const seen = await findVisit(em, { sourceKey: input.sourceKey });
        if (seen) return this.outcome(em, seen, true);
      }
      const [cadre] = await em.query<{ id: string }[]>(
        `SELECT id FROM person WHERE id = $1 AND active AND 'cadre' = ANY(roles)`,
        [input.cadreId],
      );
      if (!cadre) {
        const who = input.cadreId === actor.personId ? '您' : '该人员';
        throw new UserError(`${who}不是在册的包联干部，不能登记走访。`, 'forbidden');
      }
      const [enterprise] = await em.query<{ id: string }[]>(
        `SELECT id FROM enterprise WHERE id = $1 AND active`,
        [input.enterpriseId],
      );
      if (!enterprise) throw new UserError('找不到该企业，请核对企业名称。');
      const [pairing] = await em.query<{ id: string }[]>(
        `SELECT id FROM pairing WHERE enterprise_id = $1 AND cadre_id = $2 AND ended_at IS NULL`,
        [input.enterpriseId, input.cadreId],
      );
      const inserted = await em.query<{ id: string }[]>(
        `INSERT INTO visit (cadre_id, enterprise_id, pairing_id, visited_on, method, summary, source_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (source_key) WHERE source_key IS NOT NULL DO NOTHING
         RETURNING id`,
        [
          input.cadreId,
          input.enterpriseId,
          pairing?.id ?? null,
          input.visitedOn,
          input.method,
          input.summary.trim(),
          input.sourceKey,
        ],
      );
      // Nothing inserted: a concurrent delivery of the same message committed first.
      if (inserted.length === 0) {
        const raced = await findVisit(em, { sourceKey: input.sourceKey as string });
        if (!raced) throw new Error('visit insert conflicted but no row has its source key');
        return this.outcome(em, raced, true);
      }
      const stored = await findVisit(em, { id: inserted[0].id });
      if (!stored) throw new Error('a visit inserted in this transaction cannot be read back');
      return this.outcome(em, stored, false);
    });
  }

  /**
   * 撤销 of a visit the cadre just registered: deleted when it is theirs and no problem was reported from it
   * (then the problem must be withdrawn first). Idempotent: a visit already gone is reported as such.
   */
  async undoVisit(visitId: string, actor: Actor): Promise<{ undone: boolean }> {
    if (!UUID.test(visitId)) return { undone: false };
    return sendingTransaction(this.ds, async (em) => {
      const [linked] = await em.query<{ code: string }[]>(
        `SELECT code FROM problem WHERE visit_id = $1 AND status <> 'withdrawn' LIMIT 1`,
        [visitId],
      );
      if (linked) {
        throw new UserError(`这次走访已登记了问题 ${linked.code}，请先发送“撤回 ${linked.code}”再撤销走访。`);
      }
      // A withdrawn problem keeps its history but no longer points at the visit that is going.
      await em.query(`UPDATE problem SET visit_id = NULL WHERE visit_id = $1 AND status = 'withdrawn'`, [
        visitId,
      ]);
      const deleted = await em.query<unknown[]>(
        `DELETE FROM visit WHERE id = $1 AND (cadre_id = $2 OR $3) RETURNING id`,
        [visitId, actor.personId, actor.roles.includes('admin')],
      );
      // node-postgres through TypeORM answers a DELETE … RETURNING with [rows, affected count].
      const rows = Array.isArray(deleted[0]) ? (deleted[0] as unknown[]) : deleted;
      return { undone: rows.length > 0 };
    });
  }

  /** The month's distinct contact days of the pair and the pairing facts, for the reply. */
  private async outcome(
    em: EntityManager,
    visit: VisitRecord,
    replayed: boolean,
  ): Promise<RegisterVisitResult> {
    const { first, last } = monthWindow(visit.visitedOn.slice(0, 7));
    const [counts] = await em.query<{ days: number; same_day_before: boolean; target: number }[]>(
      `SELECT count(DISTINCT o.visited_on)::int AS days, ${contactTargetSql('e')} AS target,
              coalesce(bool_or(o.visited_on = t.visited_on AND (o.created_at, o.id) < (t.created_at, t.id)), false)
                AS same_day_before
       FROM visit t JOIN visit o ON o.cadre_id = t.cadre_id AND o.enterprise_id = t.enterprise_id
       JOIN enterprise e ON e.id = t.enterprise_id
       WHERE t.id = $1 AND o.visited_on >= $2 AND o.visited_on <= $3
       GROUP BY e.contact_target`,
      [visit.id, first, last],
    );
    const [pairing] = await em.query<{ cadre_id: string }[]>(
      `SELECT cadre_id FROM pairing WHERE enterprise_id = $1 AND ended_at IS NULL`,
      [visit.enterpriseId],
    );
    // Beijing day [d, d+1) overlaps another cadre's pairing window.
    const [other] = await em.query<{ held: boolean }[]>(
      `SELECT EXISTS (
         SELECT 1 FROM pairing
         WHERE enterprise_id = $1 AND cadre_id <> $2
           AND started_at < (($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
           AND (ended_at IS NULL OR ended_at > ($3::date::timestamp AT TIME ZONE 'Asia/Shanghai'))
       ) AS held`,
      [visit.enterpriseId, visit.cadreId, visit.visitedOn],
    );
    const paired = pairing?.cadre_id === visit.cadreId;
    return {
      visit,
      replayed,
      paired,
      heldByOtherThen: paired && other.held,
      monthContacts: counts.days,
      monthTarget: counts.target,
      sameDayBefore: counts.same_day_before,
    };
  }
}
