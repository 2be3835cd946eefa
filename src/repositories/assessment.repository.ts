import type { DataSource, EntityManager } from 'typeorm';
import type { UnitKind, Verdict } from '../entities/enums';
import { addDays, startOfDate, type IsoDate, type IsoMonth } from '../lib/time';

/** A problem touching an assessment window, with what 撤单质检 found. */
export interface AssessedProblem {
  cadreId: string | null;
  cadreUnitId: string | null;
  leadUnitId: string | null;
  districtId: string;
  kind: string;
  status: string;
  createdOn: IsoDate;
  assignedOn: IsoDate | null;
  acceptedOn: IsoDate | null;
  dueOn: IsoDate | null;
  closedOn: IsoDate | null;
  unrated: boolean;
  withdrawnOn: IsoDate | null;
  checkedSolved: boolean | null;
}

export interface AssessedUnitRating {
  unitId: string | null;
  cadreId: string | null;
  cadreUnitId: string | null;
  districtId: string;
  verdict: Verdict;
  checkedSolved: boolean | null;
}

export interface AssessedCadreRating {
  cadreId: string;
  cadreUnitId: string | null;
  districtId: string;
  score: number;
}

export interface NamedUnit {
  id: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
}

const BEIJING_DATE = (col: string) => `to_char(${col} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;

/** The reads of an assessment (考核): problems, ratings and names over a period. */
export class AssessmentRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** Problems created, assigned, due or withdrawn in [from, to] (Beijing dates, inclusive). */
  async problems(from: IsoDate, to: IsoDate): Promise<AssessedProblem[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT p.cadre_id, c.unit_id AS cadre_unit_id, p.lead_unit_id, e.district_id, p.kind, p.status,
              ${BEIJING_DATE('p.created_at')} AS created_on, ${BEIJING_DATE('p.assigned_at')} AS assigned_on,
              ${BEIJING_DATE('p.accepted_at')} AS accepted_on, to_char(p.due_on, 'YYYY-MM-DD') AS due_on,
              ${BEIJING_DATE('p.closed_at')} AS closed_on, coalesce(p.closure = 'unrated', false) AS unrated,
              ${BEIJING_DATE('p.withdrawn_at')} AS withdrawn_on, q.solved AS checked_solved
       FROM problem p
       JOIN enterprise e ON e.id = p.enterprise_id
       LEFT JOIN person c ON c.id = p.cadre_id
       LEFT JOIN quality_check q ON q.problem_id = p.id
       WHERE (p.created_at >= $1 AND p.created_at < $2) OR (p.assigned_at >= $1 AND p.assigned_at < $2)
          OR (p.due_on BETWEEN $3 AND $4) OR (p.withdrawn_at >= $1 AND p.withdrawn_at < $2)`,
      [startOfDate(from), startOfDate(addDays(to, 1)), from, to],
    );
    return rows.map((r) => ({
      cadreId: (r.cadre_id as string | null) ?? null,
      cadreUnitId: (r.cadre_unit_id as string | null) ?? null,
      leadUnitId: (r.lead_unit_id as string | null) ?? null,
      districtId: r.district_id as string,
      kind: r.kind as string,
      status: r.status as string,
      createdOn: r.created_on as string,
      assignedOn: (r.assigned_on as string | null) ?? null,
      acceptedOn: (r.accepted_on as string | null) ?? null,
      dueOn: (r.due_on as string | null) ?? null,
      closedOn: (r.closed_on as string | null) ?? null,
      unrated: Boolean(r.unrated),
      withdrawnOn: (r.withdrawn_on as string | null) ?? null,
      checkedSolved: (r.checked_solved as boolean | null) ?? null,
    }));
  }

  /** Ratings of units' results given in [from, to], with what 撤单质检 found on the same problem. */
  async unitRatings(from: IsoDate, to: IsoDate): Promise<AssessedUnitRating[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT r.unit_id, p.cadre_id, c.unit_id AS cadre_unit_id, e.district_id, r.verdict, q.solved
       FROM rating r
       JOIN enterprise e ON e.id = r.enterprise_id
       LEFT JOIN problem p ON p.id = r.problem_id
       LEFT JOIN person c ON c.id = p.cadre_id
       LEFT JOIN quality_check q ON q.problem_id = r.problem_id
       WHERE r.subject = 'unit' AND r.created_at >= $1 AND r.created_at < $2`,
      [startOfDate(from), startOfDate(addDays(to, 1))],
    );
    return rows.map((r) => ({
      unitId: (r.unit_id as string | null) ?? null,
      cadreId: (r.cadre_id as string | null) ?? null,
      cadreUnitId: (r.cadre_unit_id as string | null) ?? null,
      districtId: r.district_id as string,
      verdict: r.verdict as Verdict,
      checkedSolved: (r.solved as boolean | null) ?? null,
    }));
  }

  /** Firms' monthly ratings of their cadres for these months. */
  async cadreRatings(months: readonly IsoMonth[]): Promise<AssessedCadreRating[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT r.cadre_id, c.unit_id AS cadre_unit_id, e.district_id, r.score
       FROM rating r JOIN enterprise e ON e.id = r.enterprise_id JOIN person c ON c.id = r.cadre_id
       WHERE r.subject = 'cadre' AND r.period = ANY($1::text[])`,
      [months],
    );
    return rows.map((r) => ({
      cadreId: r.cadre_id as string,
      cadreUnitId: (r.cadre_unit_id as string | null) ?? null,
      districtId: r.district_id as string,
      score: Number(r.score),
    }));
  }

  /** Every org unit, for names and kinds. */
  async units(): Promise<NamedUnit[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT id, name, kind, parent_id FROM org_unit`,
    );
    return rows.map((r) => ({
      id: r.id as string,
      name: r.name as string,
      kind: r.kind as UnitKind,
      parentId: (r.parent_id as string | null) ?? null,
    }));
  }

  /** Names and units of these people. */
  async people(ids: readonly string[]): Promise<Map<string, { name: string; unitId: string | null }>> {
    if (!ids.length) return new Map();
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT id, name, unit_id FROM person WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((r) => [
        r.id as string,
        { name: r.name as string, unitId: (r.unit_id as string | null) ?? null },
      ]),
    );
  }
}
