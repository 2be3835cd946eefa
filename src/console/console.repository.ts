import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { Person, Problem } from '../entities';
import type { ProblemKind, ProblemStatus, Tier } from '../entities/enums';
import type { TierThresholds } from '../config';
import { addDays, startOfDate, type IsoDate } from '../lib/time';
import { tierBoundaries, tierCondition } from '../services/tier';
import type { WorkdayCalendar } from '../services/workday-calendar';
import { type Actor, restrictProblems, visitScopeSql } from './authorize';

/** The console's problem filters (every one optional; ids are uuids checked by the route). */
export interface ConsoleProblemFilter {
  status?: ProblemStatus;
  tier?: Tier;
  unit?: string;
  district?: string;
  category?: string;
  kind?: ProblemKind;
  from?: IsoDate;
  to?: IsoDate;
  q?: string;
  /** Problems on the ledger during this window (reported in it, or reported before and still open at its start). */
  activeIn?: { start: Date; end: Date };
}

/** One row of the 工作台账. */
export interface ConsoleProblemRow {
  id: string;
  code: string;
  kind: ProblemKind;
  status: ProblemStatus;
  description: string;
  enterprise: string;
  district: string;
  category: string | null;
  leadUnit: string | null;
  dueOn: IsoDate | null;
  redoCount: number;
  createdAt: Date;
  closedAt: Date | null;
  rating: string | null;
}

export interface VisitFilterConsole {
  from?: IsoDate;
  to?: IsoDate;
  district?: string;
  q?: string;
}

export interface ConsoleVisitRow {
  id: string;
  visitedOn: IsoDate;
  method: string;
  summary: string;
  cadre: string;
  cadreMobile: string;
  enterprise: string;
  district: string;
  confirmedAt: Date | null;
}

/** Escapes LIKE wildcards in words a person typed. */
const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Rows (alias `a`) whose stored search text (migration 1766820000001: the row's own words and the names
 * of its firm, unit and cadre, lower case) contains the typed words, as `ILIKE` would: the GIN index of
 * the text's characters and character pairs gives the rows holding every pair of the words, and `LIKE`
 * keeps those that hold the words themselves. The fields are joined by U+001F, which no typed text may
 * hold (it would match across two fields).
 */
function searchSql(a: string, q: string, p: (v: unknown) => string): string {
  if (q.includes('\u001f')) return 'FALSE';
  return `(console_grams(${a}.search_text) @> console_query_grams(lower(${p(q)}))
    AND ${a}.search_text LIKE lower(${p(likeOf(q))}))`;
}

/** Positional parameters for hand-written SQL: `p(value)` binds and returns `$n`. */
function binder(): { params: unknown[]; p: (v: unknown) => string } {
  const params: unknown[] = [];
  return { params, p: (v) => `$${params.push(v)}` };
}

/** Problems on the ledger during the window: reported in it, or reported before and open at its start. */
function activeDuring(qb: SelectQueryBuilder<Problem>, w: { start: Date; end: Date }): void {
  qb.andWhere(
    `p.created_at < :activeEnd AND (p.created_at >= :activeStart OR p.closed_at >= :activeStart
       OR p.status IN ('pending', 'assigned', 'accepted', 'answered'))`,
    { activeStart: w.start, activeEnd: w.end },
  );
}

/** Read queries of the web console, each restricted to the viewer's data scope. */
export class ConsoleRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly tiers: TierThresholds,
  ) {}

  /** The active roster person with this id, or null. */
  person(id: string): Promise<Person | null> {
    return this.ds.getRepository(Person).findOne({ where: { id, active: true } });
  }

  /** The active person behind a platform user id (the roster's column, as chat identifies senders). */
  personByAccount(platform: string, userId: string): Promise<Person | null> {
    return this.ds
      .getRepository(Person)
      .createQueryBuilder('p')
      .where(
        `(EXISTS (SELECT 1 FROM person_account a
         WHERE a.person_id = p.id AND a.platform = :platform AND a.account_id = :id) OR EXISTS (SELECT 1 FROM account_binding b
         WHERE b.person_id = p.id AND b.platform = :platform AND b.external_user_id = :id))`,
        { id: userId, platform },
      )
      .andWhere('p.active')
      .getOne();
  }

  /** Everyone on the roster, for the demo's "choose who you are" page. */
  async demoPeople(): Promise<
    { id: string; name: string; roles: string[]; unit: string | null; enterprise: string | null }[]
  > {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT p.id, p.name, p.roles, u.name AS unit, e.name AS enterprise FROM person p
       LEFT JOIN org_unit u ON u.id = p.unit_id LEFT JOIN enterprise e ON e.id = p.enterprise_id
       WHERE p.active ORDER BY p.roles[1], u.name NULLS LAST, p.name LIMIT 500`,
    );
    return rows.map((r) => ({
      id: r.id as string,
      name: r.name as string,
      roles: r.roles as string[],
      unit: (r.unit as string | null) ?? null,
      enterprise: (r.enterprise as string | null) ?? null,
    }));
  }

  /** Names for the filter menus: units, districts, categories. */
  async options() {
    const units: { id: string; name: string; kind: string }[] = await this.ds.query(
      `SELECT id, name, kind FROM org_unit ORDER BY kind, name`,
    );
    const categories: { id: string; name: string }[] = await this.ds.query(
      `SELECT id, name FROM category WHERE active ORDER BY name`,
    );
    return {
      units: units
        .filter((u) => u.kind === 'handling' || u.kind === 'department')
        .map(({ id, name }) => ({ id, name })),
      districts: units
        .filter((u) => u.kind === 'district' || u.kind === 'zone')
        .map(({ id, name }) => ({ id, name })),
      allUnits: units.map(({ id, name }) => ({ id, name })),
      categories,
    };
  }

  /**
   * Problems the actor may see, matching the filter: overdue first (longest overdue on top), then
   * open ones by deadline, then the rest newest first; the id breaks ties so pages never overlap.
   */
  async problems(
    actor: Actor,
    f: ConsoleProblemFilter,
    today: IsoDate,
    calendar: WorkdayCalendar,
    page: { limit: number; offset: number },
  ): Promise<{ items: ConsoleProblemRow[]; total: number }> {
    // The filter and the order read the problem row alone (the firm only to filter by district; the
    // words are in the row's search text), so counting and paging sort narrow rows; the names are joined
    // for the page's rows only.
    const qb = this.ds.manager.createQueryBuilder(Problem, 'p');
    if (f.district) qb.innerJoin('p.enterprise', 'e');
    restrictProblems(qb, actor);
    if (f.status) qb.andWhere('p.status = :status', { status: f.status });
    if (f.kind) qb.andWhere('p.kind = :kind', { kind: f.kind });
    if (f.unit) qb.andWhere('p.lead_unit_id = :unit', { unit: f.unit });
    if (f.district) qb.andWhere('e.district_id = :district', { district: f.district });
    if (f.category) qb.andWhere('p.category_id = :category', { category: f.category });
    if (f.from) qb.andWhere('p.created_at >= :from', { from: startOfDate(f.from) });
    if (f.to) qb.andWhere('p.created_at < :to', { to: startOfDate(addDays(f.to, 1)) });
    if (f.q) {
      const named: Record<string, unknown> = {};
      const sql = searchSql('p', f.q, (v) => {
        const name = `search${Object.keys(named).length}`;
        named[name] = v;
        return `:${name}`;
      });
      qb.andWhere(sql, named);
    }
    if (f.activeIn) activeDuring(qb, f.activeIn);
    if (f.tier) {
      const cond = tierCondition(f.tier, tierBoundaries(today, calendar, this.tiers), this.tiers, 'p');
      qb.andWhere(cond.sql, cond.params);
    }
    // count(*), not getCount()'s COUNT(DISTINCT id): nothing here multiplies rows.
    const counted: { n: number } | undefined = await qb.clone().select('count(*)::int', 'n').getRawOne();
    const ids: { id: string }[] = await qb
      .select('p.id', 'id')
      .addSelect(`(p.status IN ('assigned','accepted','answered') AND p.due_on < :today)`, 'overdue')
      .setParameter('today', today)
      .orderBy('overdue', 'DESC')
      .addOrderBy(
        `CASE WHEN p.status IN ('assigned','accepted','answered') THEN p.due_on END`,
        'ASC',
        'NULLS LAST',
      )
      .addOrderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .offset(page.offset)
      .limit(page.limit)
      .getRawMany();
    const total = counted?.n ?? 0;
    if (ids.length === 0) return { total, items: [] };
    const found = await this.ds.manager
      .createQueryBuilder(Problem, 'p')
      .innerJoin('p.enterprise', 'e')
      .innerJoin('e.district', 'd')
      .leftJoin('p.leadUnit', 'u')
      .leftJoin('p.category', 'c')
      .select([
        'p.id AS id',
        'p.code AS code',
        'p.kind AS kind',
        'p.status AS status',
        'p.description AS description',
        'e.name AS enterprise',
        'd.name AS district',
        'c.name AS category',
        'u.name AS "leadUnit"',
        `to_char(p.due_on, 'YYYY-MM-DD') AS "dueOn"`,
        'p.redo_count AS "redoCount"',
        'p.created_at AS "createdAt"',
        'p.closed_at AS "closedAt"',
        'p.rating AS rating',
      ])
      .where('p.id IN (:...ids)', { ids: ids.map((r) => r.id) })
      .getRawMany<ConsoleProblemRow>();
    const byId = new Map(found.map((r) => [r.id, r]));
    return { total, items: ids.map((r) => byId.get(r.id)!) };
  }

  /** The categories of the problems the actor may see that were on the ledger in the window. */
  async categoriesUsed(
    actor: Actor,
    activeIn: { start: Date; end: Date },
  ): Promise<{ id: string; name: string }[]> {
    const qb = this.ds.manager.createQueryBuilder(Problem, 'p').innerJoin('p.category', 'c');
    restrictProblems(qb, actor);
    activeDuring(qb, activeIn);
    return qb.select(['c.id AS id', 'c.name AS name']).distinct(true).orderBy('c.name').getRawMany();
  }

  /** Visits the actor may see, newest first. */
  async visits(
    actor: Actor,
    f: VisitFilterConsole,
    page: { limit: number; offset: number },
  ): Promise<{ items: ConsoleVisitRow[]; total: number }> {
    const { params, p } = binder();
    // Without words, a district leader's reach is read from the visit's indexes (see VisitScopeOptions);
    // with words, the search index gives few rows, and probing the reach by hash per row is cheaper.
    const scope = f.q ? {} : { cityWide: await this.cityWideLeader(actor) };
    const where = [
      visitScopeSql(actor, { cadreId: 'v.cadre_id', enterpriseId: 'v.enterprise_id' }, p, scope),
    ];
    if (f.from) where.push(`v.visited_on >= ${p(f.from)}::date`);
    if (f.to) where.push(`v.visited_on <= ${p(f.to)}::date`);
    if (f.district) where.push(`e.district_id = ${p(f.district)}`);
    if (f.q) where.push(searchSql('v', f.q, p));
    const joins = `JOIN person c ON c.id = v.cadre_id JOIN enterprise e ON e.id = v.enterprise_id`;
    const from = `FROM visit v ${joins} JOIN org_unit d ON d.id = e.district_id WHERE ${where.join(' AND ')}`;
    // Counting needs the firm only to filter by district (the scope and the words read the visit's own).
    const bare = !f.district;
    const [{ total }]: { total: number }[] = await this.ds.query(
      `SELECT count(*)::int AS total FROM visit v ${bare ? '' : joins} WHERE ${where.join(' AND ')}`,
      params,
    );
    const items = await this.ds.query<ConsoleVisitRow[]>(
      `SELECT v.id, to_char(v.visited_on, 'YYYY-MM-DD') AS "visitedOn", v.method, v.summary,
              v.confirmed_at AS "confirmedAt", c.name AS cadre, c.mobile AS "cadreMobile", e.name AS enterprise,
              d.name AS district
       ${from} ORDER BY v.visited_on DESC, v.created_at DESC, v.id
       LIMIT ${p(page.limit)} OFFSET ${p(page.offset)}`,
      params,
    );
    return { total, items };
  }

  /**
   * Whether a leader's reach is the whole city (a campaign office without a parent); undefined for
   * anyone else (their visit scope does not depend on it).
   */
  private async cityWideLeader(actor: Actor): Promise<boolean | undefined> {
    if (actor.roles.includes('admin') || !actor.roles.includes('leader') || !actor.unitId) return undefined;
    const [{ w }]: { w: boolean }[] = await this.ds.query(
      `SELECT EXISTS (SELECT 1 FROM org_unit WHERE id = $1 AND kind = 'campaign' AND parent_id IS NULL) AS w`,
      [actor.unitId],
    );
    return w;
  }

  /** The unit and everything under it (a leader's reach). */
  async subtree(unitId: string): Promise<Set<string>> {
    const rows: { id: string }[] = await this.ds.query(
      `WITH RECURSIVE sub(id) AS (SELECT id FROM org_unit WHERE id = $1
         UNION SELECT o.id FROM org_unit o JOIN sub ON o.parent_id = sub.id) SELECT id FROM sub`,
      [unitId],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Weekly or monthly counts of problems reported and closed in [from, to], for the trend chart. */
  async trend(actor: Actor, from: IsoDate, to: IsoDate, by: 'week' | 'month') {
    const qb = this.ds.manager.createQueryBuilder(Problem, 'p');
    restrictProblems(qb, actor);
    const start = startOfDate(from);
    const end = startOfDate(addDays(to, 1));
    const bucket = (col: string) =>
      `to_char(date_trunc('${by}', ${col} AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD')`;
    const reported: { b: string; n: number }[] = await qb
      .clone()
      .select(bucket('p.created_at'), 'b')
      .addSelect('count(*)::int', 'n')
      .andWhere('p.created_at >= :start AND p.created_at < :end', { start, end })
      .groupBy('b')
      .getRawMany();
    const closed: { b: string; n: number }[] = await qb
      .clone()
      .select(bucket('p.closed_at'), 'b')
      .addSelect('count(*)::int', 'n')
      .andWhere('p.closed_at >= :start AND p.closed_at < :end', { start, end })
      .groupBy('b')
      .getRawMany();
    const buckets = [...new Set([...reported, ...closed].map((r) => r.b))].sort();
    const of = (rows: { b: string; n: number }[], b: string) => rows.find((r) => r.b === b)?.n ?? 0;
    return buckets.map((b) => ({ period: b, reported: of(reported, b), closed: of(closed, b) }));
  }

  /** Enterprises' monthly scores of their cadres (1–5) given in the window, per cadre, scoped like visits. */
  async cadreRatings(actor: Actor, from: IsoDate, to: IsoDate) {
    const { params, p } = binder();
    const scope = visitScopeSql(actor, { cadreId: 'r.cadre_id', enterpriseId: 'r.enterprise_id' }, p);
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT c.name AS cadre, count(*)::int AS rated, round(avg(r.score), 2)::float AS score
       FROM rating r JOIN person c ON c.id = r.cadre_id JOIN enterprise e ON e.id = r.enterprise_id
       WHERE r.subject = 'cadre' AND r.created_at >= ${p(startOfDate(from))} AND r.created_at < ${p(startOfDate(addDays(to, 1)))}
         AND ${scope}
       GROUP BY c.name ORDER BY c.name LIMIT 200`,
      params,
    );
    return rows.map((r) => ({ cadre: r.cadre as string, rated: Number(r.rated), score: Number(r.score) }));
  }

  /** One roster list (admins and leaders; names only, no secrets such as robot keys). */
  async roster(list: RosterList): Promise<Record<string, unknown>[]> {
    return this.ds.query(ROSTER_SQL[list]);
  }
}

export const ROSTER_LISTS = ['units', 'people', 'enterprises', 'pairings', 'groups', 'categories'] as const;
export type RosterList = (typeof ROSTER_LISTS)[number];

const ROSTER_SQL: Record<RosterList, string> = {
  units: `SELECT u.name, u.kind, p.name AS parent FROM org_unit u LEFT JOIN org_unit p ON p.id = u.parent_id
          ORDER BY u.kind, u.name LIMIT 2000`,
  people: `SELECT p.id, p.name, p.mobile, p.roles, u.name AS unit, e.name AS enterprise, p.active,
             (p.leave_from IS NOT NULL AND p.leave_to IS NULL) AS away,
             to_char(p.leave_from, 'YYYY-MM-DD') AS leave_from, to_char(p.leave_to, 'YYYY-MM-DD') AS leave_to
           FROM person p LEFT JOIN org_unit u ON u.id = p.unit_id LEFT JOIN enterprise e ON e.id = p.enterprise_id
           ORDER BY p.active DESC, u.name NULLS LAST, p.name LIMIT 2000`,
  enterprises: `SELECT e.id, e.name, e.short_name, e.credit_code, d.name AS district, e.industry, e.kind
                FROM enterprise e JOIN org_unit d ON d.id = e.district_id ORDER BY d.name, e.name LIMIT 2000`,
  pairings: `SELECT pa.cadre_id, pa.enterprise_id, c.name AS cadre, c.mobile, e.name AS enterprise, to_char(pa.started_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS started_on
             FROM pairing pa JOIN person c ON c.id = pa.cadre_id JOIN enterprise e ON e.id = pa.enterprise_id
             WHERE pa.ended_at IS NULL ORDER BY c.name, e.name LIMIT 2000`,
  groups: `SELECT g.platform, g.chat_id, g.purpose, coalesce(e.name, u.name) AS bound_to,
             (g.webhook_url IS NOT NULL) AS has_webhook
           FROM group_chat g LEFT JOIN enterprise e ON e.id = g.enterprise_id LEFT JOIN org_unit u ON u.id = g.unit_id
           ORDER BY g.purpose, bound_to LIMIT 2000`,
  categories: `SELECT c.name, c.kind, u.name AS lead_unit, c.time_limit_days, c.keywords, c.active
               FROM category c JOIN org_unit u ON u.id = c.lead_unit_id ORDER BY c.name LIMIT 2000`,
};
