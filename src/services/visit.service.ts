import type { DataSource, EntityManager } from 'typeorm';
import type { AccountPlatform, VisitMethod } from '../entities/enums';
import type { Clock } from '../lib/clock';
import { UserError } from '../lib/errors';
import {
  addDays,
  dateOf,
  type IsoDate,
  type IsoMonth,
  isIsoDate,
  monthWindow,
  startOfDate,
} from '../lib/time';
import { type Actor, can } from './permissions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a cadre registers; `sourceKey` is the inbound message, so a redelivery registers nothing twice. */
export interface RegisterVisitInput {
  cadreId: string;
  enterpriseId: string;
  visitedOn: IsoDate;
  method: VisitMethod;
  summary: string;
  sourceKey: string | null;
}

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

/** The visit plus what the reply needs about the pair's month. */
export interface RegisterVisitResult {
  visit: VisitRecord;
  /** True when the source key had been seen: the first registration is returned, nothing changed. */
  replayed: boolean;
  /** The cadre is the firm's current paired cadre. */
  paired: boolean;
  /**
   * On the visit date another cadre held the firm (the pair changed hands since): accepted and
   * noted in the reply. A date before a firm's first pairing (the roster's start) is not noted.
   */
  heldByOtherThen: boolean;
  /** Distinct contact days of this cadre with this firm in the visit's Beijing month. */
  monthContacts: number;
  /** Another visit of the pair was already registered on the same day (it does not add a contact day). */
  sameDayBefore: boolean;
}

/** One of a cadre's pairs with this month's contact days and open problems. */
export interface PairStatus {
  enterpriseId: string;
  name: string;
  shortName: string | null;
  /** Distinct contact days this month (一月两见 counts days, not rows). */
  contacts: number;
  lastVisitOn: IsoDate | null;
  openProblems: number;
}

export interface ConfirmVisitResult {
  visit: VisitRecord;
  /** The visit had been confirmed before: nothing changed. */
  already: boolean;
}

export interface RateCadreResult {
  cadre: { id: string; name: string };
  period: IsoMonth;
  score: number;
  /** A rating for this month existed and was replaced. */
  updated: boolean;
}

export interface BindGroupResult {
  groupId: string;
  enterprise: { id: string; name: string };
  /** The chat was already bound to this firm. */
  unchanged: boolean;
  /** The group has a push robot (webhook) registered, so the bot can post to it. */
  hasRobot: boolean;
}

const VISIT_COLUMNS = `v.id, v.cadre_id, c.name AS cadre_name, v.enterprise_id, e.name AS enterprise_name,
  v.pairing_id, to_char(v.visited_on, 'YYYY-MM-DD') AS visited_on, v.method, v.summary, v.confirmed_at`;

const VISIT_FROM = `visit v JOIN person c ON c.id = v.cadre_id JOIN enterprise e ON e.id = v.enterprise_id`;

function toRecord(r: Record<string, unknown>): VisitRecord {
  return {
    id: r.id as string,
    cadreId: r.cadre_id as string,
    cadreName: r.cadre_name as string,
    enterpriseId: r.enterprise_id as string,
    enterpriseName: r.enterprise_name as string,
    pairingId: (r.pairing_id as string | null) ?? null,
    visitedOn: r.visited_on as string,
    method: r.method as VisitMethod,
    summary: r.summary as string,
    confirmedAt: (r.confirmed_at as Date | null) ?? null,
  };
}

/**
 * Visits (一月两见), the enterprise's confirmation of them, a cadre's pairs, the enterprise's monthly
 * rating of its cadre and the binding of an enterprise group. Every method checks role × data scope
 * itself (the parser's role filter is only a convenience) and refuses in one Chinese sentence.
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

    return this.ds.transaction(async (em) => {
      if (input.sourceKey) {
        const seen = await this.bySourceKey(em, input.sourceKey);
        if (seen) return this.outcome(em, seen, true);
      }
      const [cadre] = await em.query(
        `SELECT id FROM person WHERE id = $1 AND active AND 'cadre' = ANY(roles)`,
        [input.cadreId],
      );
      if (!cadre) {
        const who = input.cadreId === actor.personId ? '您' : '该人员';
        throw new UserError(`${who}不是在册的包联干部，不能登记走访。`, 'forbidden');
      }
      const [enterprise] = await em.query(`SELECT id FROM enterprise WHERE id = $1 AND active`, [
        input.enterpriseId,
      ]);
      if (!enterprise) throw new UserError('找不到该企业，请核对企业名称。');
      const [pairing] = await em.query(
        `SELECT id FROM pairing WHERE enterprise_id = $1 AND cadre_id = $2 AND ended_at IS NULL`,
        [input.enterpriseId, input.cadreId],
      );
      const inserted: { id: string }[] = await em.query(
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
        const raced = await this.bySourceKey(em, input.sourceKey as string);
        if (!raced) throw new Error('visit insert conflicted but no row has its source key');
        return this.outcome(em, raced, true);
      }
      return this.outcome(em, await this.byId(em, inserted[0].id), false);
    });
  }

  /**
   * 撤销 of a visit the cadre just registered: deleted when it is theirs and no problem was reported from it
   * (then the problem must be withdrawn first). Idempotent: a visit already gone is reported as such.
   */
  async undoVisit(visitId: string, actor: Actor): Promise<{ undone: boolean }> {
    if (!UUID.test(visitId)) return { undone: false };
    return this.ds.transaction(async (em) => {
      const [linked] = await em.query(
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
      const deleted: unknown[] = await em.query(
        `DELETE FROM visit WHERE id = $1 AND (cadre_id = $2 OR $3) RETURNING id`,
        [visitId, actor.personId, actor.roles.includes('admin')],
      );
      // node-postgres through TypeORM answers a DELETE … RETURNING with [rows, affected count].
      const rows = Array.isArray(deleted[0]) ? (deleted[0] as unknown[]) : deleted;
      return { undone: rows.length > 0 };
    });
  }

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
      const [latest] = await this.ds.query(
        `SELECT id FROM visit WHERE enterprise_id = $1 AND confirmed_at IS NULL
         ORDER BY visited_on DESC, created_at DESC LIMIT 1`,
        [contact.enterpriseId],
      );
      if (!latest) throw new UserError('贵企业目前没有待确认的走访记录。');
      id = latest.id as string;
    }
    if (!UUID.test(id)) throw new UserError('找不到这次走访记录，请点击群里的“确认走访”按钮。');
    const visitRow = id;
    return this.ds.transaction(async (em) => {
      const [row] = await em.query(
        `SELECT ${VISIT_COLUMNS} FROM ${VISIT_FROM} WHERE v.id = $1 FOR UPDATE OF v`,
        [visitRow],
      );
      if (!row) throw new UserError('找不到这次走访记录，请点击群里的“确认走访”按钮。');
      const visit = toRecord(row);
      if (visit.enterpriseId !== contact.enterpriseId) {
        throw new UserError('只有被走访企业的联系人才能确认这次走访。', 'forbidden');
      }
      if (visit.confirmedAt) return { visit, already: true };
      const now = this.clock.now();
      await em.query(`UPDATE visit SET confirmed_at = $2, confirmed_by_id = $3 WHERE id = $1`, [
        visit.id,
        now,
        contact.personId,
      ]);
      return { visit: { ...visit, confirmedAt: now }, already: false };
    });
  }

  /** A cadre's open pairs with this month's distinct contact days and open problems, least contacted first. */
  async myEnterprises(cadreId: string, today: IsoDate): Promise<PairStatus[]> {
    const { first, last } = monthWindow(today.slice(0, 7));
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT e.id, e.name, e.short_name,
              coalesce(v.days, 0)::int AS contacts, v.last_on,
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
      enterpriseId: r.id as string,
      name: r.name as string,
      shortName: (r.short_name as string | null) ?? null,
      contacts: r.contacts as number,
      lastVisitOn: (r.last_on as string | null) ?? null,
      openProblems: r.open_problems as number,
    }));
  }

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
    const [cadre] = await this.ds.query(
      `SELECT c.id, c.name FROM pairing p JOIN person c ON c.id = p.cadre_id
       WHERE p.enterprise_id = $1 AND p.ended_at IS NULL`,
      [contact.enterpriseId],
    );
    if (!cadre) throw new UserError('贵企业目前没有包联干部，暂时无法评价。');
    const [row] = await this.ds.query(
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

  /**
   * Binds a group chat to a firm as its 企业群. Only the firm's paired cadre or an admin; a chat
   * bound to something else (another firm, a unit, the leaders) is re-bound only by an admin.
   */
  async bindGroup(
    actor: Actor,
    chat: { platform: AccountPlatform; chatId: string },
    enterpriseId: string,
  ): Promise<BindGroupResult> {
    // An admin binds any firm's group and re-binds a chat bound to something else; a cadre their own firm's.
    const isAdmin = actor.roles.includes('admin');
    if (!can(actor, 'bind_group')) {
      throw new UserError('只有该企业的包联干部或管理员才能绑定企业群。', 'forbidden');
    }
    if (!UUID.test(enterpriseId)) throw new UserError('找不到该企业。');
    return this.ds.transaction(async (em) => {
      const [enterprise] = await em.query(
        `SELECT e.id, e.name, p.cadre_id FROM enterprise e
         LEFT JOIN pairing p ON p.enterprise_id = e.id AND p.ended_at IS NULL
         WHERE e.id = $1 AND e.active`,
        [enterpriseId],
      );
      if (!enterprise) throw new UserError('找不到该企业。');
      if (!isAdmin && enterprise.cadre_id !== actor.personId) {
        throw new UserError(`您不是${enterprise.name}的包联干部，不能绑定它的企业群。`, 'forbidden');
      }
      const [existing] = await em.query(
        `SELECT g.purpose, g.enterprise_id, e.name AS enterprise_name FROM group_chat g
         LEFT JOIN enterprise e ON e.id = g.enterprise_id
         WHERE g.platform = $1 AND g.chat_id = $2 FOR UPDATE OF g`,
        [chat.platform, chat.chatId],
      );
      if (existing && !isAdmin && existing.enterprise_id !== enterprise.id) {
        const bound = existing.enterprise_name ? `企业“${existing.enterprise_name}”` : '其他用途';
        throw new UserError(`本群已绑定${bound}，如需改绑请联系亲商助企办。`, 'forbidden');
      }
      const [row] = await em.query(
        `INSERT INTO group_chat (platform, chat_id, purpose, enterprise_id, unit_id)
         VALUES ($1, $2, 'enterprise', $3, NULL)
         ON CONFLICT (platform, chat_id)
         DO UPDATE SET purpose = 'enterprise', enterprise_id = EXCLUDED.enterprise_id, unit_id = NULL,
                       updated_at = now()
         RETURNING id, webhook_url IS NOT NULL AS has_robot`,
        [chat.platform, chat.chatId, enterprise.id],
      );
      return {
        groupId: row.id as string,
        enterprise: { id: enterprise.id as string, name: enterprise.name as string },
        unchanged: existing?.enterprise_id === enterprise.id,
        hasRobot: row.has_robot as boolean,
      };
    });
  }

  private async byId(em: EntityManager, id: string): Promise<VisitRecord> {
    const [row] = await em.query(`SELECT ${VISIT_COLUMNS} FROM ${VISIT_FROM} WHERE v.id = $1`, [id]);
    return toRecord(row);
  }

  private async bySourceKey(em: EntityManager, sourceKey: string): Promise<VisitRecord | null> {
    const [row] = await em.query(`SELECT ${VISIT_COLUMNS} FROM ${VISIT_FROM} WHERE v.source_key = $1`, [
      sourceKey,
    ]);
    return row ? toRecord(row) : null;
  }

  /** The month's distinct contact days of the pair and the pairing facts, for the reply. */
  private async outcome(
    em: EntityManager,
    visit: VisitRecord,
    replayed: boolean,
  ): Promise<RegisterVisitResult> {
    const { first, last } = monthWindow(visit.visitedOn.slice(0, 7));
    const [counts] = await em.query(
      `SELECT count(DISTINCT o.visited_on)::int AS days,
              coalesce(bool_or(o.visited_on = t.visited_on AND (o.created_at, o.id) < (t.created_at, t.id)), false)
                AS same_day_before
       FROM visit t JOIN visit o ON o.cadre_id = t.cadre_id AND o.enterprise_id = t.enterprise_id
       WHERE t.id = $1 AND o.visited_on >= $2 AND o.visited_on <= $3`,
      [visit.id, first, last],
    );
    const [pairing] = await em.query(
      `SELECT cadre_id FROM pairing WHERE enterprise_id = $1 AND ended_at IS NULL`,
      [visit.enterpriseId],
    );
    // Beijing day [d, d+1) overlaps another cadre's pairing window.
    const [other] = await em.query(
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
      heldByOtherThen: paired && (other.held as boolean),
      monthContacts: counts.days as number,
      sameDayBefore: counts.same_day_before as boolean,
    };
  }
}
