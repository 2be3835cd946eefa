import type { DataSource, EntityManager } from 'typeorm';
import type { RecurringStatus } from '../entities/enums';

/** A problem the 一类事 clustering looks at. */
export interface RecurringCandidate {
  id: string;
  code: string;
  enterpriseId: string;
  enterprise: string;
  districtId: string;
  categoryId: string | null;
  category: string | null;
  leadUnitId: string | null;
  leadUnit: string | null;
  description: string;
  status: string;
}

export interface RecurringIssueRow {
  id: string;
  number: number;
  title: string;
  status: RecurringStatus;
  category: string | null;
  unitId: string | null;
  unit: string | null;
  answer: string | null;
  openedBy: string;
  createdAt: Date;
  settledAt: Date | null;
  problems: {
    code: string;
    enterprise: string;
    districtId: string;
    leadUnitId: string | null;
    status: string;
  }[];
}

/** Reads and writes of 一类事. */
export class RecurringRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  /**
   * Problems and requests still open, or reported since `since`, not withdrawn and not yet linked to
   * a 一类事: what the clustering groups.
   */
  async candidates(since: Date): Promise<RecurringCandidate[]> {
    return this.db.query<RecurringCandidate[]>(
      `SELECT p.id, p.code, p.enterprise_id AS "enterpriseId", e.name AS enterprise, e.district_id AS "districtId",
              p.category_id AS "categoryId", c.name AS category,
              coalesce(p.lead_unit_id, c.lead_unit_id) AS "leadUnitId", u.name AS "leadUnit", p.description, p.status
       FROM problem p
       JOIN enterprise e ON e.id = p.enterprise_id
       LEFT JOIN category c ON c.id = p.category_id
       LEFT JOIN org_unit u ON u.id = coalesce(p.lead_unit_id, c.lead_unit_id)
       WHERE p.kind IN ('problem', 'request') AND p.status <> 'withdrawn'
         AND (p.status IN ('pending', 'assigned', 'accepted', 'answered') OR p.created_at >= $1)
         AND NOT EXISTS (SELECT 1 FROM recurring_issue_problem l WHERE l.problem_id = p.id)
       ORDER BY p.created_at, p.id`,
      [since],
    );
  }

  /** Problems by code, with whether each is linked to a 一类事 already. */
  async problemsByCode(codes: readonly string[]) {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT p.id, p.code, p.category_id, p.lead_unit_id, e.district_id, p.enterprise_id,
              EXISTS (SELECT 1 FROM recurring_issue_problem l WHERE l.problem_id = p.id) AS linked
       FROM problem p JOIN enterprise e ON e.id = p.enterprise_id WHERE upper(p.code) = ANY($1::text[])`,
      [codes.map((c) => c.toUpperCase())],
    );
    return rows.map((r) => ({
      id: r.id as string,
      code: r.code as string,
      categoryId: (r.category_id as string | null) ?? null,
      leadUnitId: (r.lead_unit_id as string | null) ?? null,
      districtId: r.district_id as string,
      enterpriseId: r.enterprise_id as string,
      linked: Boolean(r.linked),
    }));
  }

  /** Creates a 一类事 over these problems; its number. */
  async create(input: {
    title: string;
    categoryId: string | null;
    openedById: string;
    problemIds: string[];
  }) {
    const [issue] = await this.db.query<{ id: string; number: number }[]>(
      `INSERT INTO recurring_issue (title, category_id, opened_by_id) VALUES ($1, $2, $3) RETURNING id, number`,
      [input.title, input.categoryId, input.openedById],
    );
    await this.db.query(
      `INSERT INTO recurring_issue_problem (issue_id, problem_id) SELECT $1, unnest($2::uuid[])`,
      [issue.id, input.problemIds],
    );
    return issue;
  }

  async assign(number: number, unitId: string): Promise<void> {
    await this.db.query(
      `UPDATE recurring_issue SET unit_id = $2, status = 'assigned', assigned_at = now(), updated_at = now()
       WHERE number = $1`,
      [number, unitId],
    );
  }

  async settle(number: number, answer: string): Promise<void> {
    await this.db.query(
      `UPDATE recurring_issue SET answer = $2, status = 'settled', settled_at = now(), updated_at = now()
       WHERE number = $1`,
      [number, answer],
    );
  }

  /** 一类事 items, newest first, with their problems (all, or the one numbered). */
  async issues(number?: number): Promise<RecurringIssueRow[]> {
    return this.db.query<RecurringIssueRow[]>(
      `SELECT i.id, i.number, i.title, i.status, c.name AS category, i.unit_id AS "unitId", u.name AS unit, i.answer,
              o.name AS "openedBy", i.created_at AS "createdAt", i.settled_at AS "settledAt",
              coalesce(json_agg(json_build_object('code', p.code, 'enterprise', e.name, 'districtId', e.district_id,
                'leadUnitId', p.lead_unit_id, 'status', p.status) ORDER BY p.code)
                FILTER (WHERE p.id IS NOT NULL), '[]') AS problems
       FROM recurring_issue i
       JOIN person o ON o.id = i.opened_by_id
       LEFT JOIN category c ON c.id = i.category_id
       LEFT JOIN org_unit u ON u.id = i.unit_id
       LEFT JOIN recurring_issue_problem l ON l.issue_id = i.id
       LEFT JOIN problem p ON p.id = l.problem_id
       LEFT JOIN enterprise e ON e.id = p.enterprise_id
       WHERE $1::int IS NULL OR i.number = $1
       GROUP BY i.id, c.name, u.name, o.name
       ORDER BY i.number DESC`,
      [number ?? null],
    );
  }
}
