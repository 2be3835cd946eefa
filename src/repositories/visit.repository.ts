import type { DataSource } from 'typeorm';
import type { VisitMethod } from '../entities/enums';
import { isUuid } from '../lib/ids';

export interface VisitFilter {
  from?: string;
  to?: string;
  /** enterprise id or credit code */
  enterprise?: string;
  /** cadre id or mobile */
  cadre?: string;
  limit: number;
  offset: number;
}

export interface VisitRow {
  id: string;
  visitedOn: string;
  method: VisitMethod;
  summary: string;
  cadre: { id: string; name: string; mobile: string };
  enterprise: { id: string; name: string; creditCode: string };
  confirmedAt: Date | null;
}

/** Read queries over visits for the API and reports. */
export class VisitRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Visits matching the filter, newest first, with the total before paging. The id breaks ties: rows
   * written in one transaction share created_at, and a top-N sort with ties may page them twice or never.
   */
  async list(f: VisitFilter): Promise<{ items: VisitRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.from) add('v.visited_on >= ?', f.from);
    if (f.to) add('v.visited_on <= ?', f.to);
    if (f.enterprise) {
      if (isUuid(f.enterprise)) add('e.id = ?', f.enterprise);
      else add('e.credit_code = ?', f.enterprise.toUpperCase());
    }
    if (f.cadre) {
      if (isUuid(f.cadre)) add('c.id = ?', f.cadre);
      else add('c.mobile = ?', f.cadre);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const from = `FROM visit v JOIN person c ON c.id = v.cadre_id JOIN enterprise e ON e.id = v.enterprise_id ${clause}`;
    const [{ total }] = await this.ds.query<{ total: number }[]>(
      `SELECT count(*)::int AS total ${from}`,
      params,
    );
    const rows = await this.ds.query<Record<string, unknown>[]>(
      `SELECT v.id, to_char(v.visited_on, 'YYYY-MM-DD') AS visited_on, v.method, v.summary, v.confirmed_at,
              c.id AS cadre_id, c.name AS cadre_name, c.mobile AS cadre_mobile,
              e.id AS enterprise_id, e.name AS enterprise_name, e.credit_code
       ${from}
       ORDER BY v.visited_on DESC, v.created_at DESC, v.id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return {
      total,
      items: rows.map((r) => ({
        id: r.id as string,
        visitedOn: r.visited_on as string,
        method: r.method as VisitMethod,
        summary: r.summary as string,
        cadre: { id: r.cadre_id as string, name: r.cadre_name as string, mobile: r.cadre_mobile as string },
        enterprise: {
          id: r.enterprise_id as string,
          name: r.enterprise_name as string,
          creditCode: r.credit_code as string,
        },
        confirmedAt: (r.confirmed_at as Date | null) ?? null,
      })),
    };
  }
}
