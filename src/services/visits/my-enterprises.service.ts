import type { DataSource } from 'typeorm';
import { addDays, type IsoDate, monthWindow, startOfDate } from '../../lib/time';
import { contactTargetSql } from '../contact-rule';
import type { PairStatus } from './visit.types';

interface PairStatusRow {
  id: string;
  name: string;
  short_name: string | null;
  contacts: number;
  target: number;
  last_on: string | null;
  open_problems: number;
}

/** 我的企业: a cadre's own pairs and where each stands this month under the contact rule. */
export class MyEnterprisesService {
  constructor(private readonly ds: DataSource) {}

  /** A cadre's open pairs with this month's distinct contact days and open problems, least contacted first. */
  async list(cadreId: string, today: IsoDate): Promise<PairStatus[]> {
    const { first, last } = monthWindow(today.slice(0, 7));
    const rows = await this.ds.query<PairStatusRow[]>(
      `SELECT e.id, e.name, e.short_name,
              coalesce(v.days, 0)::int AS contacts, ${contactTargetSql('e')} AS target, v.last_on,
              (SELECT count(*) FROM problem pr
                WHERE pr.enterprise_id = e.id AND pr.status NOT IN ('closed', 'withdrawn'))::int AS open_problems
       FROM pairing p
       JOIN enterprise e ON e.id = p.enterprise_id
       LEFT JOIN LATERAL (
         -- As /api/compliance counts: visits by any cadre who held the firm during the month, so a
         -- pair handed over mid-month keeps its contacts.
         SELECT count(DISTINCT visited_on) AS days, to_char(max(visited_on), 'YYYY-MM-DD') AS last_on
         FROM visit vv WHERE vv.enterprise_id = p.enterprise_id
           AND vv.visited_on >= $2 AND vv.visited_on <= $3
           AND vv.cadre_id IN (SELECT h.cadre_id FROM pairing h WHERE h.enterprise_id = p.enterprise_id
                                 AND h.started_at < $5 AND (h.ended_at IS NULL OR h.ended_at > $4))
       ) v ON TRUE
       WHERE p.cadre_id = $1 AND p.ended_at IS NULL
       ORDER BY contacts, e.name`,
      [cadreId, first, last, startOfDate(first), startOfDate(addDays(last, 1))],
    );
    return rows.map((r) => ({
      enterpriseId: r.id,
      name: r.name,
      shortName: r.short_name,
      contacts: r.contacts,
      target: r.target,
      lastVisitOn: r.last_on,
      openProblems: r.open_problems,
    }));
  }
}
