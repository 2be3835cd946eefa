import type { DataSource } from 'typeorm';
import { UserError } from '../../lib/errors';
import type { IsoMonth } from '../../lib/time';
import { type Actor, can } from '../permissions';
import { VisitRecordRepository } from '../../repositories/visit-record.repository';
import type { RateCadreResult } from './visit.types';

/** The enterprise's monthly 1–5 rating of its paired cadre. */
export class CadreRatingService {
  constructor(private readonly ds: DataSource) {}

  /**
   * An enterprise contact's 1–5 rating of the firm's current cadre for `month`: one per firm, cadre
   * and month; a second rating in the month updates the score and keeps both comments.
   */
  async rateCadre(
    contact: Actor,
    score: number,
    comment: string | null,
    month: IsoMonth,
  ): Promise<RateCadreResult> {
    if (!can(contact, 'rate_cadre') || !contact.enterpriseId) {
      throw new UserError('只有企业联系人才能评价包联干部。', 'forbidden');
    }
    if (!Number.isInteger(score) || score < 1 || score > 5) throw new UserError('分数只能是1到5分。');
    const visits = new VisitRecordRepository(this.ds);
    const cadre = await visits.currentCadre(contact.enterpriseId);
    if (!cadre) throw new UserError('贵企业目前没有包联干部，暂时无法评价。');
    const inserted = await visits.upsertCadreRating({
      enterpriseId: contact.enterpriseId,
      raterId: contact.personId,
      cadreId: cadre.id,
      period: month,
      score,
      comment: comment?.trim() ?? '',
    });
    return { cadre: { id: cadre.id, name: cadre.name }, period: month, score, updated: !inserted };
  }
}
