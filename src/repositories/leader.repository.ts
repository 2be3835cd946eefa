import type { DataSource, EntityManager } from 'typeorm';
import type { ProblemStatus } from '../entities/enums';
import { addDays, startOfDate, type IsoDate } from '../lib/time';

/** An open problem (待交办 to 已答复) as leaders' figures need it. */
export interface OpenProblemRow {
  code: string;
  status: Exclude<ProblemStatus, 'closed' | 'withdrawn'>;
  description: string;
  enterpriseName: string;
  districtId: string;
  unitId: string | null;
  unitName: string | null;
  dueOn: IsoDate | null;
  createdOn: IsoDate;
}

/** Scope keys of a row: the enterprise's district and the unit (lead unit or the cadre's unit). */
export interface Scoped {
  districtId: string;
  unitId: string | null;
}

/** A cadre's monthly score (评价干部, 1–5) given in a window. */
export interface CadreScoreRow extends Scoped {
  score: number;
}

/** One policy delivery pushed in a window, and whether the firm said 已阅. */
export interface PolicyReachRow extends Scoped {
  acknowledged: boolean;
}

/** An on-site session (现场办公) of a window: held (minutes sent) or still pending. */
export interface SessionRow extends Scoped {
  heldOn: IsoDate;
  done: boolean;
}

/** A firm found by name for 查询企业, with its responsible cadre. */
export interface FirmRow {
  id: string;
  name: string;
  districtId: string;
  districtName: string;
  cadreName: string | null;
  cadreMobile: string | null;
  cadreUnitId: string | null;
  /** The firm's monthly contact target as stored (null: the contact rule's default). */
  contactTarget: number | null;
}

/** The SQL behind leaders' digests and chat commands; scoping is done by the caller (leader-scope). */
export class LeaderRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** Every open problem with its lead unit and enterprise district. */
  openProblems(): Promise<OpenProblemRow[]> {
    return this.db.query(
      `SELECT p.code, p.status, p.description, e.name AS "enterpriseName", e.district_id AS "districtId",
              p.lead_unit_id AS "unitId", u.name AS "unitName",
              to_char(p.due_on, 'YYYY-MM-DD') AS "dueOn",
              to_char((p.created_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS "createdOn"
       FROM problem p JOIN enterprise e ON e.id = p.enterprise_id LEFT JOIN org_unit u ON u.id = p.lead_unit_id
       WHERE p.status IN ('pending', 'assigned', 'accepted', 'answered')
       ORDER BY p.due_on NULLS LAST, p.code`,
    );
  }

  /** Cadre scores (评价干部) given in [from, to], Beijing dates. */
  async cadreScores(from: IsoDate, to: IsoDate): Promise<CadreScoreRow[]> {
    const rows: { districtId: string; unitId: string | null; score: number }[] = await this.db.query(
      `SELECT e.district_id AS "districtId", c.unit_id AS "unitId", r.score
       FROM rating r JOIN enterprise e ON e.id = r.enterprise_id LEFT JOIN person c ON c.id = r.cadre_id
       WHERE r.subject = 'cadre' AND r.created_at >= $1 AND r.created_at < $2`,
      [startOfDate(from), startOfDate(addDays(to, 1))],
    );
    return rows.map((r) => ({ ...r, score: Number(r.score) }));
  }

  /** Policy deliveries pushed in [from, to] and whether each was acknowledged (已阅) by now. */
  policyReach(from: IsoDate, to: IsoDate): Promise<PolicyReachRow[]> {
    return this.db.query(
      `SELECT e.district_id AS "districtId", NULL::uuid AS "unitId", d.acknowledged_at IS NOT NULL AS acknowledged
       FROM policy_delivery d JOIN enterprise e ON e.id = d.enterprise_id
       WHERE d.status = 'sent' AND d.pushed_at >= $1 AND d.pushed_at < $2`,
      [startOfDate(from), startOfDate(addDays(to, 1))],
    );
  }

  /** 现场办公 held in [from, to], and every session not yet concluded (minutes not sent). */
  sessions(from: IsoDate, to: IsoDate): Promise<SessionRow[]> {
    return this.db.query(
      `SELECT e.district_id AS "districtId", pr.unit_id AS "unitId",
              to_char(s.held_on, 'YYYY-MM-DD') AS "heldOn", s.minutes_sent_at IS NOT NULL AS done
       FROM onsite_session s JOIN enterprise e ON e.id = s.enterprise_id JOIN person pr ON pr.id = s.presiding_id
       WHERE s.held_on BETWEEN $1 AND $2 OR s.minutes_sent_at IS NULL`,
      [from, to],
    );
  }

  /** Firms whose name or short name contains the words, best first (at most `limit`). */
  findFirms(words: string, limit = 5): Promise<FirmRow[]> {
    return this.db.query(
      `SELECT e.id, e.name, e.district_id AS "districtId", d.name AS "districtName",
              c.name AS "cadreName", c.mobile AS "cadreMobile", c.unit_id AS "cadreUnitId",
              e.contact_target AS "contactTarget"
       FROM enterprise e JOIN org_unit d ON d.id = e.district_id
       LEFT JOIN LATERAL (
         SELECT pa.cadre_id FROM pairing pa WHERE pa.enterprise_id = e.id AND pa.ended_at IS NULL
         ORDER BY pa.started_at DESC LIMIT 1
       ) h ON true
       LEFT JOIN person c ON c.id = h.cadre_id
       WHERE strpos(e.name, $1) > 0 OR strpos(coalesce(e.short_name, ''), $1) > 0
       ORDER BY (e.name = $1 OR e.short_name = $1) DESC, length(e.name), e.name
       LIMIT $2`,
      [words, limit],
    );
  }

  /** Visits to a firm in [from, to]: dates, method and the cadre's name, newest first. */
  firmVisits(
    enterpriseId: string,
    from: IsoDate,
    to: IsoDate,
  ): Promise<{ visitedOn: IsoDate; method: string; cadre: string }[]> {
    return this.db.query(
      `SELECT to_char(v.visited_on, 'YYYY-MM-DD') AS "visitedOn", v.method, c.name AS cadre
       FROM visit v JOIN person c ON c.id = v.cadre_id
       WHERE v.enterprise_id = $1 AND v.visited_on BETWEEN $2 AND $3
       ORDER BY v.visited_on DESC, v.id`,
      [enterpriseId, from, to],
    );
  }

  /** Open problems of one firm. */
  firmOpenProblems(
    enterpriseId: string,
  ): Promise<
    { code: string; status: string; description: string; unitName: string | null; dueOn: IsoDate | null }[]
  > {
    return this.db.query(
      `SELECT p.code, p.status, p.description, u.name AS "unitName", to_char(p.due_on, 'YYYY-MM-DD') AS "dueOn"
       FROM problem p LEFT JOIN org_unit u ON u.id = p.lead_unit_id
       WHERE p.enterprise_id = $1 AND p.status IN ('pending', 'assigned', 'accepted', 'answered')
       ORDER BY p.due_on NULLS LAST, p.code`,
      [enterpriseId],
    );
  }
}
