import type { DataSource, EntityManager } from 'typeorm';
import type { AccountPlatform, VisitMethod } from '../entities/enums';
import type { IsoDate, IsoMonth } from '../lib/time';
import { returnedRows } from '../lib/query-result';
import { contactTargetSql } from '../services/contact-rule';

/** A stored visit, as the bot echoes it. */
export interface VisitRecord {
  id: string;
  cadreId: string;
  cadreName: string;
  enterpriseId: string;
  enterpriseName: string;
  pairingId: string | null;
  visitedOn: IsoDate;
  method: VisitMethod;
  summary: string;
  confirmedAt: Date | null;
}

/** What a new visit row holds. */
export interface NewVisit {
  cadreId: string;
  enterpriseId: string;
  pairingId: string | null;
  visitedOn: IsoDate;
  method: VisitMethod;
  summary: string;
  sourceKey: string | null;
}

/** The pair's month around one visit: distinct contact days, the firm's target, an earlier visit that day. */
export interface VisitMonth {
  days: number;
  target: number;
  sameDayBefore: boolean;
}

/** A cadre's pair and where it stands this month (我的企业). */
export interface PairMonthRow {
  id: string;
  name: string;
  shortName: string | null;
  contacts: number;
  target: number;
  lastOn: string | null;
  openProblems: number;
}

/** A group chat's binding as it is before 绑定企业 changes it. */
export interface GroupBindingRow {
  purpose: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
}

const VISIT_COLUMNS = `v.id, v.cadre_id AS "cadreId", c.name AS "cadreName", v.enterprise_id AS "enterpriseId",
  e.name AS "enterpriseName", v.pairing_id AS "pairingId", to_char(v.visited_on, 'YYYY-MM-DD') AS "visitedOn",
  v.method, v.summary, v.confirmed_at AS "confirmedAt"`;

const VISIT_FROM = `visit v JOIN person c ON c.id = v.cadre_id JOIN enterprise e ON e.id = v.enterprise_id`;

/**
 * The SQL of the visit services (登记走访, 撤销, 确认走访, 我的企业, 评价干部, 绑定企业): visits, the pairs
 * they count for, cadre ratings and group bindings. Built on the caller's transaction manager (or the
 * DataSource outside one); every method returns typed rows.
 */
export class VisitRecordRepository {
  constructor(private readonly db: EntityManager | DataSource) {}

  /** One visit by id or by its source key (the inbound message), when stored; `lock` takes it FOR UPDATE. */
  async find(by: { id: string } | { sourceKey: string }, lock = false): Promise<VisitRecord | null> {
    const [column, value] = 'id' in by ? ['v.id', by.id] : ['v.source_key', by.sourceKey];
    const [row] = await this.db.query<VisitRecord[]>(
      `SELECT ${VISIT_COLUMNS} FROM ${VISIT_FROM} WHERE ${column} = $1${lock ? ' FOR UPDATE OF v' : ''}`,
      [value],
    );
    return row ?? null;
  }

  /** The active cadre with this id exists. */
  async isActiveCadre(personId: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `SELECT 1 FROM person WHERE id = $1 AND active AND 'cadre' = ANY(roles)`,
      [personId],
    );
    return rows.length > 0;
  }

  /** The active firm with this id exists. */
  async isActiveEnterprise(enterpriseId: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(`SELECT 1 FROM enterprise WHERE id = $1 AND active`, [
      enterpriseId,
    ]);
    return rows.length > 0;
  }

  /** The open pairing of this firm and cadre, if any. */
  async openPairingId(enterpriseId: string, cadreId: string): Promise<string | null> {
    const [row] = await this.db.query<{ id: string }[]>(
      `SELECT id FROM pairing WHERE enterprise_id = $1 AND cadre_id = $2 AND ended_at IS NULL`,
      [enterpriseId, cadreId],
    );
    return row?.id ?? null;
  }

  /** The cadre who holds the firm now, if any. */
  async currentCadre(enterpriseId: string): Promise<{ id: string; name: string } | null> {
    const [row] = await this.db.query<{ id: string; name: string }[]>(
      `SELECT c.id, c.name FROM pairing p JOIN person c ON c.id = p.cadre_id
       WHERE p.enterprise_id = $1 AND p.ended_at IS NULL`,
      [enterpriseId],
    );
    return row ?? null;
  }

  /** Inserts a visit; null when a visit with its source key was committed first (a concurrent delivery). */
  async insert(v: NewVisit): Promise<string | null> {
    const inserted = await this.db.query<{ id: string }[]>(
      `INSERT INTO visit (cadre_id, enterprise_id, pairing_id, visited_on, method, summary, source_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (source_key) WHERE source_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [v.cadreId, v.enterpriseId, v.pairingId, v.visitedOn, v.method, v.summary, v.sourceKey],
    );
    return inserted[0]?.id ?? null;
  }

  /** The code of a problem reported from this visit and not withdrawn, if any. */
  async liveProblemCodeOf(visitId: string): Promise<string | null> {
    const [row] = await this.db.query<{ code: string }[]>(
      `SELECT code FROM problem WHERE visit_id = $1 AND status <> 'withdrawn' LIMIT 1`,
      [visitId],
    );
    return row?.code ?? null;
  }

  /** Withdrawn problems keep their history but stop pointing at this visit. */
  async detachWithdrawnProblems(visitId: string): Promise<void> {
    await this.db.query(`UPDATE problem SET visit_id = NULL WHERE visit_id = $1 AND status = 'withdrawn'`, [
      visitId,
    ]);
  }

  /** Deletes the visit when it is the person's own (or `anyOwner`); true when a row went. */
  async deleteOwn(visitId: string, personId: string, anyOwner: boolean): Promise<boolean> {
    const deleted = await this.db.query<unknown>(
      `DELETE FROM visit WHERE id = $1 AND (cadre_id = $2 OR $3) RETURNING id`,
      [visitId, personId, anyOwner],
    );
    return returnedRows(deleted).length > 0;
  }

  /** The pair's distinct contact days in [first, last] around this visit, the target, an earlier one that day. */
  async monthAround(visitId: string, first: IsoDate, last: IsoDate): Promise<VisitMonth> {
    const [row] = await this.db.query<VisitMonth[]>(
      `SELECT count(DISTINCT o.visited_on)::int AS days, ${contactTargetSql('e')} AS target,
              coalesce(bool_or(o.visited_on = t.visited_on AND (o.created_at, o.id) < (t.created_at, t.id)), false)
                AS "sameDayBefore"
       FROM visit t JOIN visit o ON o.cadre_id = t.cadre_id AND o.enterprise_id = t.enterprise_id
       JOIN enterprise e ON e.id = t.enterprise_id
       WHERE t.id = $1 AND o.visited_on >= $2 AND o.visited_on <= $3
       GROUP BY e.contact_target`,
      [visitId, first, last],
    );
    return row;
  }

  /** The cadre id of the firm's open pairing, if any. */
  async currentCadreId(enterpriseId: string): Promise<string | null> {
    const [row] = await this.db.query<{ cadreId: string }[]>(
      `SELECT cadre_id AS "cadreId" FROM pairing WHERE enterprise_id = $1 AND ended_at IS NULL`,
      [enterpriseId],
    );
    return row?.cadreId ?? null;
  }

  /** Another cadre's pairing window overlaps the Beijing day `on` ([d, d+1)). */
  async heldByOtherOn(enterpriseId: string, cadreId: string, on: IsoDate): Promise<boolean> {
    const [row] = await this.db.query<{ held: boolean }[]>(
      `SELECT EXISTS (
         SELECT 1 FROM pairing
         WHERE enterprise_id = $1 AND cadre_id <> $2
           AND started_at < (($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
           AND (ended_at IS NULL OR ended_at > ($3::date::timestamp AT TIME ZONE 'Asia/Shanghai'))
       ) AS held`,
      [enterpriseId, cadreId, on],
    );
    return row.held;
  }

  /** The firm's latest visit not yet confirmed, if any. */
  async latestUnconfirmedId(enterpriseId: string): Promise<string | null> {
    const [row] = await this.db.query<{ id: string }[]>(
      `SELECT id FROM visit WHERE enterprise_id = $1 AND confirmed_at IS NULL
       ORDER BY visited_on DESC, created_at DESC LIMIT 1`,
      [enterpriseId],
    );
    return row?.id ?? null;
  }

  /** Records the firm's confirmation of a visit. */
  async confirm(visitId: string, at: Date, byPersonId: string): Promise<void> {
    await this.db.query(`UPDATE visit SET confirmed_at = $2, confirmed_by_id = $3 WHERE id = $1`, [
      visitId,
      at,
      byPersonId,
    ]);
  }

  /**
   * The firm's rating of its cadre for `period`: one per firm, cadre and month; a second one updates the
   * score and keeps both comments. True when the row is new.
   */
  async upsertCadreRating(r: {
    enterpriseId: string;
    raterId: string;
    cadreId: string;
    period: IsoMonth;
    score: number;
    comment: string;
  }): Promise<boolean> {
    const [row] = await this.db.query<{ inserted: boolean }[]>(
      `INSERT INTO rating (subject, enterprise_id, rater_id, cadre_id, period, score, comment)
       VALUES ('cadre', $1, $2, $3, $4, $5, $6)
       ON CONFLICT (enterprise_id, cadre_id, period) WHERE subject = 'cadre'
       DO UPDATE SET score = EXCLUDED.score, rater_id = EXCLUDED.rater_id,
         comment = CASE WHEN rating.comment = '' THEN EXCLUDED.comment
                        WHEN EXCLUDED.comment = '' OR EXCLUDED.comment = rating.comment THEN rating.comment
                        ELSE rating.comment || E'\n' || EXCLUDED.comment END
       RETURNING (xmax = 0) AS inserted`,
      [r.enterpriseId, r.raterId, r.cadreId, r.period, r.score, r.comment],
    );
    return row.inserted;
  }

  /** A cadre's open pairs with this month's distinct contact days and open problems, least contacted first. */
  async pairsOfCadre(
    cadreId: string,
    month: { first: IsoDate; last: IsoDate; from: Date; until: Date },
  ): Promise<PairMonthRow[]> {
    return this.db.query<PairMonthRow[]>(
      `SELECT e.id, e.name, e.short_name AS "shortName",
              coalesce(v.days, 0)::int AS contacts, ${contactTargetSql('e')} AS target, v.last_on AS "lastOn",
              (SELECT count(*) FROM problem pr
                WHERE pr.enterprise_id = e.id AND pr.status NOT IN ('closed', 'withdrawn'))::int AS "openProblems"
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
      [cadreId, month.first, month.last, month.from, month.until],
    );
  }

  /** The active firm and its current cadre, if the firm exists. */
  async enterpriseWithCadre(
    enterpriseId: string,
  ): Promise<{ id: string; name: string; cadreId: string | null } | null> {
    const [row] = await this.db.query<{ id: string; name: string; cadreId: string | null }[]>(
      `SELECT e.id, e.name, p.cadre_id AS "cadreId" FROM enterprise e
       LEFT JOIN pairing p ON p.enterprise_id = e.id AND p.ended_at IS NULL
       WHERE e.id = $1 AND e.active`,
      [enterpriseId],
    );
    return row ?? null;
  }

  /** The chat's binding, locked FOR UPDATE until the transaction ends; null when the chat is not bound. */
  async lockGroupBinding(platform: AccountPlatform, chatId: string): Promise<GroupBindingRow | null> {
    const [row] = await this.db.query<GroupBindingRow[]>(
      `SELECT g.purpose, g.enterprise_id AS "enterpriseId", e.name AS "enterpriseName" FROM group_chat g
       LEFT JOIN enterprise e ON e.id = g.enterprise_id
       WHERE g.platform = $1 AND g.chat_id = $2 FOR UPDATE OF g`,
      [platform, chatId],
    );
    return row ?? null;
  }

  /** Makes the chat the firm's 企业群; returns its row id and whether it has a robot webhook. */
  async bindEnterpriseGroup(
    platform: AccountPlatform,
    chatId: string,
    enterpriseId: string,
  ): Promise<{ id: string; hasRobot: boolean }> {
    const [row] = await this.db.query<{ id: string; hasRobot: boolean }[]>(
      `INSERT INTO group_chat (platform, chat_id, purpose, enterprise_id, unit_id)
       VALUES ($1, $2, 'enterprise', $3, NULL)
       ON CONFLICT (platform, chat_id)
       DO UPDATE SET purpose = 'enterprise', enterprise_id = EXCLUDED.enterprise_id, unit_id = NULL,
                     updated_at = now()
       RETURNING id, webhook_url IS NOT NULL AS "hasRobot"`,
      [platform, chatId, enterpriseId],
    );
    return row;
  }
}
