import type { DataSource } from 'typeorm';

/** A person the bot cannot reach 1:1: no account on a configured platform. */
export interface UnreachablePerson {
  name: string;
  mobile: string;
  roles: string[];
  unit: string | null;
}

/** Reads what `npm run doctor` checks about the roster: who and which units the bot can reach. */
export class ReachabilityRepository {
  constructor(private readonly ds: DataSource) {}

  async counts(): Promise<{ people: number; active: number; units: number; pairs: number }> {
    const rows: { people: number; active: number; units: number; pairs: number }[] = await this.ds.query(
      `SELECT (SELECT count(*) FROM person)::int AS people, (SELECT count(*) FROM person WHERE active)::int AS active,
              (SELECT count(*) FROM org_unit)::int AS units,
              (SELECT count(*) FROM pairing WHERE ended_at IS NULL)::int AS pairs`,
    );
    return rows[0];
  }

  /** Active people (enterprise contacts aside: they speak in their firm's group) with no usable account. */
  async peopleWithoutAccount(reachable: string[]): Promise<UnreachablePerson[]> {
    return this.ds.query(
      `SELECT p.name, p.mobile, p.roles, u.name AS unit FROM person p LEFT JOIN org_unit u ON u.id = p.unit_id
       WHERE p.active AND p.roles <> ARRAY['contact']::varchar[]
         AND NOT EXISTS (SELECT 1 FROM person_account a WHERE a.person_id = p.id AND a.platform = ANY($1::varchar[]))
         AND NOT EXISTS (SELECT 1 FROM account_binding b WHERE b.person_id = p.id AND b.platform = ANY($1::varchar[]))
       ORDER BY u.name NULLS FIRST, p.name`,
      [reachable],
    );
  }

  /**
   * Units that lead a category or hold open problems and have no route: no bound group with a robot,
   * and no active handler or leader with an account on a configured platform.
   */
  async unitsWithoutRoute(reachable: string[]): Promise<string[]> {
    const rows: { name: string }[] = await this.ds.query(
      `SELECT u.name FROM org_unit u
       WHERE (EXISTS (SELECT 1 FROM category c WHERE c.lead_unit_id = u.id AND c.active)
              OR EXISTS (SELECT 1 FROM problem pr WHERE pr.lead_unit_id = u.id
                         AND pr.status IN ('assigned', 'accepted', 'answered')))
         AND NOT EXISTS (SELECT 1 FROM group_chat g WHERE g.unit_id = u.id AND g.purpose = 'unit'
                         AND g.webhook_url IS NOT NULL)
         AND NOT EXISTS (SELECT 1 FROM person p WHERE p.unit_id = u.id AND p.active
                         AND p.roles && ARRAY['handler', 'leader']::varchar[]
                         AND EXISTS (SELECT 1 FROM person_account a WHERE a.person_id = p.id AND a.platform = ANY($1::varchar[])))
       ORDER BY u.name`,
      [reachable],
    );
    return rows.map((r) => r.name);
  }

  /** Whether a leaders' group with a robot is bound, and how many active admins can be reached. */
  async officeRoutes(reachable: string[]): Promise<{ leadersGroup: boolean; admins: number }> {
    const rows: { leadersGroup: boolean; admins: number }[] = await this.ds.query(
      `SELECT EXISTS (SELECT 1 FROM group_chat WHERE purpose = 'leaders' AND webhook_url IS NOT NULL) AS "leadersGroup",
              (SELECT count(*) FROM person p WHERE p.active AND 'admin' = ANY(p.roles)
                 AND EXISTS (SELECT 1 FROM person_account a WHERE a.person_id = p.id AND a.platform = ANY($1::varchar[])))::int AS admins`,
      [reachable],
    );
    return rows[0];
  }
}
