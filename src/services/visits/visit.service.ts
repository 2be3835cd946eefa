import type { DataSource } from 'typeorm';
import type { Clock } from '../../lib/clock';
import { UserError } from '../../lib/errors';
import { dateOf, isIsoDate, monthWindow } from '../../lib/time';
import { type Actor, can } from '../permissions';
import { isUuid } from '../../lib/ids';
import { VisitRecordRepository } from '../../repositories/visit-record.repository';
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
    if (!isUuid(input.enterpriseId) || !isUuid(input.cadreId)) throw new UserError('找不到该企业。');

    return sendingTransaction(this.ds, async (em) => {
      const visits = new VisitRecordRepository(em);
      if (input.sourceKey) {
        const seen = await visits.find({ sourceKey: input.sourceKey });
        if (seen) return this.outcome(visits, seen, true);
      }
      if (!(await visits.isActiveCadre(input.cadreId))) {
        const who = input.cadreId === actor.personId ? '您' : '该人员';
        throw new UserError(`${who}不是在册的包联干部，不能登记走访。`, 'forbidden');
      }
      if (!(await visits.isActiveEnterprise(input.enterpriseId))) {
        throw new UserError('找不到该企业，请核对企业名称。');
      }
      const insertedId = await visits.insert({
        cadreId: input.cadreId,
        enterpriseId: input.enterpriseId,
        pairingId: await visits.openPairingId(input.enterpriseId, input.cadreId),
        visitedOn: input.visitedOn,
        method: input.method,
        summary: input.summary.trim(),
        sourceKey: input.sourceKey,
      });
      // Nothing inserted: a concurrent delivery of the same message committed first.
      if (insertedId === null) {
        const raced = await visits.find({ sourceKey: input.sourceKey as string });
        if (!raced) throw new Error('visit insert conflicted but no row has its source key');
        return this.outcome(visits, raced, true);
      }
      const stored = await visits.find({ id: insertedId });
      if (!stored) throw new Error('a visit inserted in this transaction cannot be read back');
      return this.outcome(visits, stored, false);
    });
  }

  /**
   * 撤销 of a visit the cadre just registered: deleted when it is theirs and no problem was reported from it
   * (then the problem must be withdrawn first). Idempotent: a visit already gone is reported as such.
   */
  async undoVisit(visitId: string, actor: Actor): Promise<{ undone: boolean }> {
    if (!isUuid(visitId)) return { undone: false };
    return sendingTransaction(this.ds, async (em) => {
      const visits = new VisitRecordRepository(em);
      const linked = await visits.liveProblemCodeOf(visitId);
      if (linked) {
        throw new UserError(`这次走访已登记了问题 ${linked}，请先发送“撤回 ${linked}”再撤销走访。`);
      }
      // A withdrawn problem keeps its history but no longer points at the visit that is going.
      await visits.detachWithdrawnProblems(visitId);
      return { undone: await visits.deleteOwn(visitId, actor.personId, actor.roles.includes('admin')) };
    });
  }

  /** The month's distinct contact days of the pair and the pairing facts, for the reply. */
  private async outcome(
    visits: VisitRecordRepository,
    visit: VisitRecord,
    replayed: boolean,
  ): Promise<RegisterVisitResult> {
    const { first, last } = monthWindow(visit.visitedOn.slice(0, 7));
    const counts = await visits.monthAround(visit.id, first, last);
    const paired = (await visits.currentCadreId(visit.enterpriseId)) === visit.cadreId;
    // Beijing day [d, d+1) overlaps another cadre's pairing window.
    const other = await visits.heldByOtherOn(visit.enterpriseId, visit.cadreId, visit.visitedOn);
    return {
      visit,
      replayed,
      paired,
      heldByOtherThen: paired && other,
      monthContacts: counts.days,
      monthTarget: counts.target,
      sameDayBefore: counts.sameDayBefore,
    };
  }
}
