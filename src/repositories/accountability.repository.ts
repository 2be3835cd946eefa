import type { DataSource, EntityManager } from 'typeorm';
import type { AccountabilityRule, AccountabilitySubject } from '../entities/enums';
import { addDays, monthWindow, startOfDate, type IsoDate, type IsoMonth } from '../lib/time';

/** A problem not yet answered at the list's cut-off, past its deadline. */
export interface OverdueProblem {
  code: string;
  unitId: string;
  unitName: string;
  districtId: string;
  enterprise: string;
  dueOn: IsoDate;
}

export interface UnsatisfiedRating {
  subject: AccountabilitySubject;
  /** The unit rated, or the cadre rated. */
  id: string;
  name: string;
  unitId: string | null;
  unitName: string | null;
  districtId: string;
  enterprise: string;
  /** The problem's code (unit ratings) or the month rated (cadre ratings). */
  what: string;
  /** 不满意, or the score given a cadre. */
  verdict: string;
}

/** A stored explanation of a list line. */
export interface ExplanationRow {
  subjectKind: AccountabilitySubject;
  subjectId: string;
  rule: AccountabilityRule;
  period: IsoMonth;
  note: string;
  facts: string[];
  explainedBy: string | null;
  explainedAt: Date;
}

/** The reads and the one write of the 慢作为/不作为 list. */
export class AccountabilityRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  /**
   * Problems assigned by the cut-off, due before it, and neither answered, closed nor withdrawn by
   * the end of that day: the unit still owed the firm an answer then.
   */
  async overdueAt(asOf: IsoDate): Promise<OverdueProblem[]> {
    return this.db.query<OverdueProblem[]>(
      `SELECT p.code, p.lead_unit_id AS "unitId", u.name AS "unitName", e.district_id AS "districtId",
              e.name AS enterprise, to_char(p.due_on, 'YYYY-MM-DD') AS "dueOn"
       FROM problem p
       JOIN enterprise e ON e.id = p.enterprise_id
       JOIN org_unit u ON u.id = p.lead_unit_id
       WHERE p.due_on < $1::date AND p.assigned_at < $2
         AND (p.answered_at IS NULL OR p.answered_at >= $2)
         AND (p.closed_at IS NULL OR p.closed_at >= $2)
         AND (p.withdrawn_at IS NULL OR p.withdrawn_at >= $2)
         AND (p.status IN ('assigned', 'accepted') OR p.answered_at >= $2 OR p.closed_at >= $2 OR p.withdrawn_at >= $2)`,
      [asOf, startOfDate(addDays(asOf, 1))],
    );
  }

  /** 不满意 of units' results, and cadre scores at or below `cadreScoreAtMost`, in these months. */
  async unsatisfied(months: readonly IsoMonth[], cadreScoreAtMost: number): Promise<UnsatisfiedRating[]> {
    const from = monthWindow(months[0]).start;
    const to = monthWindow(months[months.length - 1]).end;
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT 'unit' AS subject, r.unit_id AS id, u.name, u.id AS unit_id, u.name AS unit_name, e.district_id,
              e.name AS enterprise, p.code AS what, '不满意' AS verdict, r.created_at
       FROM rating r JOIN enterprise e ON e.id = r.enterprise_id JOIN org_unit u ON u.id = r.unit_id
       JOIN problem p ON p.id = r.problem_id
       WHERE r.subject = 'unit' AND r.verdict = 'unsatisfied' AND r.created_at >= $1 AND r.created_at < $2
       UNION ALL
       SELECT 'cadre', r.cadre_id, c.name, c.unit_id, cu.name, e.district_id, e.name,
              r.period || ' 服务评分', r.score || ' 分', r.created_at
       FROM rating r JOIN enterprise e ON e.id = r.enterprise_id JOIN person c ON c.id = r.cadre_id
       LEFT JOIN org_unit cu ON cu.id = c.unit_id
       WHERE r.subject = 'cadre' AND r.period = ANY($3::text[]) AND r.score <= $4
       ORDER BY created_at`,
      [from, to, months, cadreScoreAtMost],
    );
    return rows.map((r) => ({
      subject: r.subject as AccountabilitySubject,
      id: r.id as string,
      name: r.name as string,
      unitId: (r.unit_id as string | null) ?? null,
      unitName: (r.unit_name as string | null) ?? null,
      districtId: r.district_id as string,
      enterprise: r.enterprise as string,
      what: r.what as string,
      verdict: r.verdict as string,
    }));
  }

  /** Explanations given for the lists of these months. */
  async explanations(periods: readonly IsoMonth[]): Promise<ExplanationRow[]> {
    return this.db.query<ExplanationRow[]>(
      `SELECT x.subject_kind AS "subjectKind", x.subject_id AS "subjectId", x.rule, x.period, x.note, x.facts,
              p.name AS "explainedBy", x.explained_at AS "explainedAt"
       FROM accountability_explanation x LEFT JOIN person p ON p.id = x.explained_by_id
       WHERE x.period = ANY($1::text[])`,
      [periods],
    );
  }

  /** Records an explanation once; false when the line was already explained. */
  async explain(row: {
    subjectKind: AccountabilitySubject;
    subjectId: string;
    rule: AccountabilityRule;
    period: IsoMonth;
    facts: string[];
    note: string;
    explainedById: string | null;
  }): Promise<boolean> {
    const inserted: unknown[] = await this.db.query(
      `INSERT INTO accountability_explanation (subject_kind, subject_id, rule, period, facts, note, explained_by_id)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)
       ON CONFLICT (subject_kind, subject_id, rule, period) DO NOTHING RETURNING id`,
      [
        row.subjectKind,
        row.subjectId,
        row.rule,
        row.period,
        JSON.stringify(row.facts),
        row.note,
        row.explainedById,
      ],
    );
    return inserted.length > 0;
  }
}
