import type { DataSource } from 'typeorm';
import type { Clock } from '../../lib/clock';
import { UserError } from '../../lib/errors';
import { type Actor, can } from '../permissions';
import { isUuid } from '../../lib/ids';
import { VisitRecordRepository } from '../../repositories/visit-record.repository';
import type { ConfirmVisitResult } from './visit.types';
import { sendingTransaction } from '../../outbox/sender';

/** The enterprise's side of a visit record: its contact confirms the cadre's visit (two-sided records). */
export class VisitConfirmationService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * The enterprise's confirmation of a visit (two-sided records). `visitId` null: the latest
   * unconfirmed visit to the contact's firm. Idempotent: a second confirmation changes nothing.
   */
  async confirmVisit(visitId: string | null, contact: Actor): Promise<ConfirmVisitResult> {
    if (!can(contact, 'confirm_visit') || !contact.enterpriseId) {
      throw new UserError('只有被走访企业的联系人才能确认走访。', 'forbidden');
    }
    let id = visitId;
    if (id === null) {
      const latest = await new VisitRecordRepository(this.ds).latestUnconfirmedId(contact.enterpriseId);
      if (!latest) throw new UserError('贵企业目前没有待确认的走访记录。');
      id = latest;
    }
    if (!isUuid(id)) throw new UserError('找不到这次走访记录，请点击群里的“确认走访”按钮。');
    const visitRow = id;
    return sendingTransaction(this.ds, async (em) => {
      const visits = new VisitRecordRepository(em);
      const visit = await visits.find({ id: visitRow }, true);
      if (!visit) throw new UserError('找不到这次走访记录，请点击群里的“确认走访”按钮。');
      if (visit.enterpriseId !== contact.enterpriseId) {
        throw new UserError('只有被走访企业的联系人才能确认这次走访。', 'forbidden');
      }
      if (visit.confirmedAt) return { visit, already: true };
      const now = this.clock.now();
      await visits.confirm(visit.id, now, contact.personId);
      return { visit: { ...visit, confirmedAt: now }, already: false };
    });
  }
}
