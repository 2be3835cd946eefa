import type { DataSource } from 'typeorm';
import { UserError } from '../../lib/errors';
import type { IsoMonth } from '../../lib/time';
import { type Actor, can } from '../permissions';
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
    const [cadre] = await this.ds.query<{ id: string; name: string }[]>(
      `SELECT c.id, c.name FROM pairing p JOIN person c ON c.id = p.cadre_id
       WHERE p.enterprise_id = $1 AND p.ended_at IS NULL`,
      [contact.enterpriseId],
    );
    if (!cadre) throw new UserError('贵企业目前没有包联干部，暂时无法评价。');
    const [row] = await this.ds.query<{ inserted: boolean }[]>(
      `INSERT INTO rating (subject, enterprise_id, rater_id, cadre_id, period, score, comment)
       VALUES ('cadre', $1, $2, $3, $4, $5, $6)
       ON CONFLICT (enterprise_id, cadre_id, period) WHERE subject = 'cadre'
       DO UPDATE SET score = EXCLUDED.score, rater_id = EXCLUDED.rater_id,
         comment = CASE WHEN rating.comment = '' THEN EXCLUDED.comment
                        WHEN EXCLUDED.comment = '' OR EXCLUDED.comment = rating.comment THEN rating.comment
                        ELSE rating.comment || E'\n' || EXCLUDED.comment END
       RETURNING (xmax = 0) AS inserted`,
      [contact.enterpriseId, contact.personId, cadre.id, month, score, comment?.trim() ?? ''],
    );
    return { cadre: { id: cadre.id, name: cadre.name }, period: month, score, updated: !row.inserted };
  }
}
