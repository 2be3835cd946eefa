import type { EntityManager } from 'typeorm';
import type { SessionOutcome } from '../entities/enums';

/** One agenda line of a session, as the minutes and the API show it. */
export interface SessionItemRow {
  itemId: string;
  problemId: string;
  code: string;
  description: string;
  status: string;
  outcome: SessionOutcome | null;
  deadline: string | null;
  unit: string | null;
  note: string | null;
}

/** A session as messages show it. */
export interface SessionFacts {
  id: string;
  number: number;
  enterpriseId: string;
  firm: string;
  heldOn: string;
  place: string;
  presidingId: string;
  presiding: string;
  invitedUnitIds: string[];
  units: string[];
  minutesSentAt: Date | null;
}

/** The typed queries of 现场办公: agenda, reminders, outcomes and the once-only minutes. */
export class OnsiteSessionRepository {
  /** Puts the firm's open problems on the agenda (again: a problem reported since is added). */
  async attachOpenProblems(em: EntityManager, sessionId: string, enterpriseId: string): Promise<void> {
    await em.query(
      `INSERT INTO onsite_session_item (session_id, problem_id)
       SELECT $1, id FROM problem
       WHERE enterprise_id = $2 AND status IN ('pending', 'assigned', 'accepted', 'answered')
       ON CONFLICT (session_id, problem_id) DO NOTHING`,
      [sessionId, enterpriseId],
    );
  }

  /** A problem reported since a session was scheduled joins the agenda of its firm's session today. */
  async attachToTodaysSession(em: EntityManager, code: string, today: string): Promise<void> {
    await em.query(
      `INSERT INTO onsite_session_item (session_id, problem_id)
       SELECT s.id, p.id FROM problem p JOIN onsite_session s ON s.enterprise_id = p.enterprise_id
       WHERE p.code = $1 AND s.held_on = $2 AND s.minutes_sent_at IS NULL
         AND p.status IN ('pending', 'assigned', 'accepted', 'answered')
       ON CONFLICT (session_id, problem_id) DO NOTHING`,
      [code, today],
    );
  }

  async facts(em: EntityManager, sessionId: string): Promise<SessionFacts | null> {
    const [row] = await em.query<SessionFacts[]>(
      `SELECT s.id, s.number, s.enterprise_id AS "enterpriseId", e.name AS firm, to_char(s.held_on, 'YYYY-MM-DD') AS "heldOn",
              s.place, s.presiding_id AS "presidingId", p.name AS presiding, s.invited_unit_ids AS "invitedUnitIds",
              coalesce((SELECT array_agg(u.name ORDER BY u.name) FROM org_unit u WHERE u.id = ANY(s.invited_unit_ids)), '{}') AS units,
              s.minutes_sent_at AS "minutesSentAt"
       FROM onsite_session s JOIN enterprise e ON e.id = s.enterprise_id JOIN person p ON p.id = s.presiding_id
       WHERE s.id = $1`,
      [sessionId],
    );
    return row ?? null;
  }

  async items(em: EntityManager, sessionId: string): Promise<SessionItemRow[]> {
    return em.query(
      `SELECT i.id AS "itemId", i.problem_id AS "problemId", pr.code, pr.description, pr.status, i.outcome,
              to_char(i.deadline, 'YYYY-MM-DD') AS deadline, u.name AS unit, i.note
       FROM onsite_session_item i JOIN problem pr ON pr.id = i.problem_id LEFT JOIN org_unit u ON u.id = i.unit_id
       WHERE i.session_id = $1 ORDER BY pr.code`,
      [sessionId],
    );
  }

  /** Sessions held on `day` not yet reminded. */
  async dueForReminder(em: EntityManager, day: string): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM onsite_session WHERE held_on = $1 AND reminded_at IS NULL ORDER BY number FOR UPDATE SKIP LOCKED`,
      [day],
    );
    return rows.map((r) => r.id);
  }

  async markReminded(em: EntityManager, sessionId: string, at: Date): Promise<void> {
    await em.query(`UPDATE onsite_session SET reminded_at = $2 WHERE id = $1`, [sessionId, at]);
  }

  /**
   * The open agenda line for a problem in a session held on or before `today` whose minutes have not
   * gone out, the most recent session first.
   */
  async openItemFor(em: EntityManager, code: string, today: string): Promise<OpenItem | null> {
    const [row] = await em.query<OpenItem[]>(
      `SELECT i.id AS "itemId", s.id AS "sessionId", s.number, s.presiding_id AS "presidingId", i.outcome
       FROM onsite_session_item i JOIN onsite_session s ON s.id = i.session_id JOIN problem p ON p.id = i.problem_id
       WHERE p.code = $1 AND s.held_on <= $2 AND s.minutes_sent_at IS NULL
       ORDER BY s.held_on DESC, s.number DESC LIMIT 1`,
      [code, today],
    );
    return row ?? null;
  }

  /** Records a decision once; true when this call recorded it. */
  async decide(
    em: EntityManager,
    itemId: string,
    d: { outcome: SessionOutcome; deadline: string | null; unitId: string | null; note: string | null },
    at: Date,
  ): Promise<boolean> {
    const [{ n }]: { n: number }[] = await em.query(
      `WITH u AS (UPDATE onsite_session_item SET outcome = $2, deadline = $3, unit_id = $4, note = $5, decided_at = $6
                  WHERE id = $1 AND outcome IS NULL RETURNING id)
       SELECT count(*)::int AS n FROM u`,
      [itemId, d.outcome, d.deadline, d.unitId, d.note, at],
    );
    return n > 0;
  }

  /** Claims the minutes: true for exactly one caller per session. */
  async claimMinutes(em: EntityManager, sessionId: string, at: Date): Promise<boolean> {
    const [{ n }]: { n: number }[] = await em.query(
      `WITH u AS (UPDATE onsite_session SET minutes_sent_at = $2 WHERE id = $1 AND minutes_sent_at IS NULL RETURNING id)
       SELECT count(*)::int AS n FROM u`,
      [sessionId, at],
    );
    return n > 0;
  }

  /** Handlers of a unit (to tell when it has no group). */
  async handlersOf(em: EntityManager, unitId: string): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM person WHERE unit_id = $1 AND active AND 'handler' = ANY(roles) ORDER BY name`,
      [unitId],
    );
    return rows.map((r) => r.id);
  }

  /** Leaders by name (the presiding leader as typed after 主持). */
  async leadersNamed(em: EntityManager, name: string): Promise<{ id: string; name: string }[]> {
    return em.query(
      `SELECT id, name FROM person WHERE active AND 'leader' = ANY(roles) AND (name = $1 OR strpos($1, name) > 0)
       ORDER BY name LIMIT 5`,
      [name.replace(/\s+/g, '')],
    );
  }

  /** Sessions held in [from, to], newest first, optionally of one firm (id or credit code), for the API. */
  async list(
    em: EntityManager,
    f: { from?: string; to?: string; enterprise?: string; limit: number; offset: number },
  ): Promise<{ items: SessionListRow[]; total: number }> {
    const where = `($1::date IS NULL OR s.held_on >= $1::date) AND ($2::date IS NULL OR s.held_on <= $2::date)
       AND ($3::text IS NULL OR e.id::text = $3 OR e.credit_code = upper($3))`;
    const params = [f.from ?? null, f.to ?? null, f.enterprise ?? null];
    const [{ total }] = await em.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM onsite_session s JOIN enterprise e ON e.id = s.enterprise_id WHERE ${where}`,
      params,
    );
    const items = await em.query<SessionListRow[]>(
      `SELECT s.id, s.number, json_build_object('id', e.id, 'name', e.name) AS enterprise,
              to_char(s.held_on, 'YYYY-MM-DD') AS "heldOn", s.place,
              json_build_object('id', p.id, 'name', p.name) AS presiding,
              coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name)
                        FROM org_unit u WHERE u.id = ANY(s.invited_unit_ids)), '[]'::json) AS "invitedUnits",
              s.reminded_at AS "remindedAt", s.minutes_sent_at AS "minutesSentAt",
              coalesce((SELECT json_agg(json_build_object('code', pr.code, 'status', pr.status, 'outcome', i.outcome,
                                                          'deadline', to_char(i.deadline, 'YYYY-MM-DD'),
                                                          'unit', u.name, 'note', i.note) ORDER BY pr.code)
                        FROM onsite_session_item i JOIN problem pr ON pr.id = i.problem_id
                        LEFT JOIN org_unit u ON u.id = i.unit_id WHERE i.session_id = s.id), '[]'::json) AS problems
       FROM onsite_session s JOIN enterprise e ON e.id = s.enterprise_id JOIN person p ON p.id = s.presiding_id
       WHERE ${where} ORDER BY s.held_on DESC, s.number DESC LIMIT $4 OFFSET $5`,
      [...params, f.limit, f.offset],
    );
    return { items, total };
  }
}

/** A session's agenda line still open for a problem. */
interface OpenItem {
  itemId: string;
  sessionId: string;
  number: number;
  presidingId: string;
  outcome: SessionOutcome | null;
}

/** A session as the API lists it. */
export interface SessionListRow {
  id: string;
  number: number;
  enterprise: { id: string; name: string };
  heldOn: string;
  place: string;
  presiding: { id: string; name: string };
  invitedUnits: { id: string; name: string }[];
  remindedAt: Date | null;
  minutesSentAt: Date | null;
  problems: {
    code: string;
    status: string;
    outcome: string | null;
    deadline: string | null;
    unit: string | null;
    note: string | null;
  }[];
}
