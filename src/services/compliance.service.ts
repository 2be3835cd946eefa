import type { DataSource, EntityManager } from 'typeorm';
import { addDays, monthWindow, type IsoDate, type IsoMonth } from '../lib/time';
import { contactTargetSql, targetMet } from './contact-rule';

/**
 * One cadre–enterprise pair in a month: contacts on distinct Beijing days, the firm's monthly target (the
 * contact rule: 2, or a key firm's own) and whether the contacts reach it.
 */
export interface CompliancePair {
  cadre: { id: string; name: string; unitId: string | null; unitName: string | null };
  enterprise: { id: string; name: string; districtId: string; districtName: string };
  contacts: number;
  target: number;
  met: boolean;
}

/** Options of a compliance scan. */
export interface ComplianceOptions {
  /**
   * Only pairs open at this instant (reminders: never nudge about a firm handed to someone else);
   * without it, every enterprise paired at any time during the month, held by its last cadre.
   */
  openAt?: Date;
  /** Skip cadres on leave on this Beijing date (person.leave_from ≤ date ≤ leave_to; no leave_to = open). */
  notOnLeaveOn?: IsoDate;
}

/** The contract's `/api/compliance` body. */
export interface ComplianceReport {
  month: IsoMonth;
  pairs: {
    cadre: { id: string; name: string };
    enterprise: { id: string; name: string };
    contacts: number;
    met: boolean;
  }[];
  summary: { pairs: number; met: number; rate: number };
}

/** A row of the compliance aggregate (`contacts`, `target` cast to int in SQL). */
interface ComplianceRow {
  cadre_id: string;
  cadre_name: string;
  cadre_unit_id: string | null;
  cadre_unit_name: string | null;
  enterprise_id: string;
  enterprise_name: string;
  district_id: string;
  district_name: string;
  contacts: number;
  target: number;
}

/**
 * The month's pair rows as one SQL statement (no ORDER BY), for callers that aggregate them further in
 * SQL: cadre_id, cadre_name, cadre_unit_id, cadre_unit_name, enterprise_id, enterprise_name,
 * district_id, district_name, contacts, target (the contacts the pair needs) and met. Extra parameters
 * go after `params` ($n from params.length + 1). See ComplianceService for which pairs and contacts.
 */
export function pairRowsQuery(
  month: IsoMonth,
  opts: ComplianceOptions = {},
): { sql: string; params: unknown[] } {
  const w = monthWindow(month);
  const params: unknown[] = [w.start, w.end, w.first, addDays(w.last, 1)];
  const openAt = opts.openAt ? `$${params.push(opts.openAt)}` : null;
  const leaveOn = opts.notOnLeaveOn ? `$${params.push(opts.notOnLeaveOn)}::date` : null;
  // The month's pairings (those open at `openAt` when given); the holder is each firm's latest one, by
  // DISTINCT ON straight over the table so the planner knows there is about one per firm (a row-number
  // window over a CTE was estimated at a few dozen rows and joined by 50,000 nested index probes).
  const inMonth = `p.started_at < $2 AND (p.ended_at IS NULL OR p.ended_at > $1)${openAt ? ` AND p.started_at <= ${openAt}` : ''}`;
  const sql = `WITH holder AS (
         SELECT enterprise_id, cadre_id FROM (
           SELECT DISTINCT ON (p.enterprise_id) p.enterprise_id, p.cadre_id, p.ended_at
           FROM pairing p WHERE ${inMonth}
           ORDER BY p.enterprise_id, p.started_at DESC, p.id DESC
         ) latest
         ${openAt ? `WHERE ended_at IS NULL OR ended_at > ${openAt}` : ''}
       ),
       contacts AS (
         -- Distinct (firm, day) pairs hashed, then counted: count(DISTINCT) sorted 100,000 rows to disk.
         SELECT enterprise_id, count(*)::int AS n FROM (
           SELECT DISTINCT v.enterprise_id, v.visited_on
           FROM visit v
           WHERE v.visited_on >= $3::date AND v.visited_on < $4::date
             AND (v.enterprise_id, v.cadre_id) IN (SELECT p.enterprise_id, p.cadre_id FROM pairing p WHERE ${inMonth})
         ) days
         GROUP BY enterprise_id
       )
       SELECT c.id AS cadre_id, c.name AS cadre_name, c.unit_id AS cadre_unit_id, u.name AS cadre_unit_name,
              e.id AS enterprise_id, e.name AS enterprise_name, e.district_id, d.name AS district_name,
              coalesce(k.n, 0) AS contacts, t.target, coalesce(k.n, 0) >= t.target AS met
       FROM holder h
       JOIN person c ON c.id = h.cadre_id
       JOIN enterprise e ON e.id = h.enterprise_id
       JOIN org_unit d ON d.id = e.district_id
       LEFT JOIN org_unit u ON u.id = c.unit_id
       LEFT JOIN contacts k ON k.enterprise_id = h.enterprise_id
       CROSS JOIN LATERAL (SELECT ${contactTargetSql('e')} AS target) t
       ${
         leaveOn
           ? `WHERE NOT (c.leave_from IS NOT NULL AND c.leave_from <= ${leaveOn}
                         AND (c.leave_to IS NULL OR c.leave_to >= ${leaveOn}))`
           : ''
       }`;
  return { sql, params };
}

/**
 * One SQL aggregate for the contact rule (一月两见, or a key firm's own target).
 *
 * Which pairs: every enterprise with a pairing open at any time in the month [start, next start);
 * a pair handed over mid-month counts for the cadre of the enterprise's latest pairing in the
 * month (the holder at month end, or at `openAt` for reminders), because that cadre answers for
 * the firm in the month's 通报. Contacts: distinct Beijing `visited_on` dates in the month of
 * visits to the enterprise by any cadre who held it during the month, so a handover does not
 * erase a contact the firm really had.
 */
export class ComplianceService {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** Every pair of the month with its contacts, ordered by district, cadre and enterprise. */
  async pairs(month: IsoMonth, opts: ComplianceOptions = {}): Promise<CompliancePair[]> {
    const q = pairRowsQuery(month, opts);
    const rows = await this.db.query<ComplianceRow[]>(
      `${q.sql} ORDER BY district_name, cadre_name, cadre_id, enterprise_name, enterprise_id`,
      q.params,
    );
    return rows.map((r) => ({
      cadre: { id: r.cadre_id, name: r.cadre_name, unitId: r.cadre_unit_id, unitName: r.cadre_unit_name },
      enterprise: {
        id: r.enterprise_id,
        name: r.enterprise_name,
        districtId: r.district_id,
        districtName: r.district_name,
      },
      contacts: r.contacts,
      target: r.target,
      met: targetMet(r.contacts, r.target),
    }));
  }

  /** The `/api/compliance?month=` body: pairs held at month end (or now, for the month in progress). */
  async report(month: IsoMonth): Promise<ComplianceReport> {
    const pairs = await this.pairs(month);
    return {
      month,
      pairs: pairs.map((p) => ({
        cadre: { id: p.cadre.id, name: p.cadre.name },
        enterprise: { id: p.enterprise.id, name: p.enterprise.name },
        contacts: p.contacts,
        met: p.met,
      })),
      summary: summarize(pairs),
    };
  }
}

/** Pairs, pairs met and the rate (0–1, three decimals; 0 when there are no pairs). */
export function summarize(pairs: readonly { met: boolean }[]): { pairs: number; met: number; rate: number } {
  return summaryOf(pairs.length, pairs.filter((p) => p.met).length);
}

/** The same summary from counts (an aggregate computed in SQL). */
export function summaryOf(pairs: number, met: number): { pairs: number; met: number; rate: number } {
  return { pairs, met, rate: pairs ? Math.round((met / pairs) * 1000) / 1000 : 0 };
}
