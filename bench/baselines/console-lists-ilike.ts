/**
 * The console's 工作台账 and 走访台账 queries before the stored search text (free text as an `ILIKE` across
 * the joined firm and cadre) and before a district leader's visit reach was read from the visit's indexes,
 * kept as the baseline of `npm run bench console` (the new and old run alternately in one process).
 */
import type { DataSource } from 'typeorm';
import { Problem } from '../../src/entities';
import type { TierThresholds } from '../../src/config';
import { addDays, startOfDate, type IsoDate } from '../../src/lib/time';
import { tierBoundaries, tierCondition } from '../../src/services/tier';
import type { WorkdayCalendar } from '../../src/services/workday-calendar';
import { type Actor, restrictProblems, visitScopeSql } from '../../src/console/authorize';
import type { ConsoleProblemFilter, VisitFilterConsole } from '../../src/console/console.repository';

const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function binder(): { params: unknown[]; p: (v: unknown) => string } {
  const params: unknown[] = [];
  return { params, p: (v) => `$${params.push(v)}` };
}

/** The old list queries, verbatim but for the row mapping (ids and the total only). */
export class BaselineConsoleLists {
  constructor(
    private readonly ds: DataSource,
    private readonly tiers: TierThresholds,
  ) {}

  async problems(
    actor: Actor,
    f: ConsoleProblemFilter,
    today: IsoDate,
    calendar: WorkdayCalendar,
    page: { limit: number; offset: number },
  ): Promise<{ items: string[]; total: number }> {
    const qb = this.ds.manager.createQueryBuilder(Problem, 'p');
    if (f.district || f.q) qb.innerJoin('p.enterprise', 'e');
    restrictProblems(qb, actor);
    if (f.status) qb.andWhere('p.status = :status', { status: f.status });
    if (f.kind) qb.andWhere('p.kind = :kind', { kind: f.kind });
    if (f.unit) qb.andWhere('p.lead_unit_id = :unit', { unit: f.unit });
    if (f.district) qb.andWhere('e.district_id = :district', { district: f.district });
    if (f.category) qb.andWhere('p.category_id = :category', { category: f.category });
    if (f.from) qb.andWhere('p.created_at >= :from', { from: startOfDate(f.from) });
    if (f.to) qb.andWhere('p.created_at < :to', { to: startOfDate(addDays(f.to, 1)) });
    if (f.q) {
      qb.andWhere(`(p.code ILIKE :q OR p.description ILIKE :q OR e.name ILIKE :q)`, { q: likeOf(f.q) });
    }
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
    const found: Record<string, unknown>[] = await this.ds.manager
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
        'u.name AS lead_unit',
        "to_char(p.due_on, 'YYYY-MM-DD') AS due_on",
        'p.redo_count AS redo_count',
        'p.created_at AS created_at',
        'p.closed_at AS closed_at',
        'p.rating AS rating',
      ])
      .where('p.id IN (:...ids)', { ids: ids.map((r) => r.id) })
      .getRawMany();
    const byId = new Map(found.map((r) => [r.id as string, r]));
    const rows = ids.map((r) => byId.get(r.id)!);
    return {
      total,
      items: rows.map((r) => r.id as string),
    };
  }

  async visits(
    actor: Actor,
    f: VisitFilterConsole,
    page: { limit: number; offset: number },
  ): Promise<{ items: string[]; total: number }> {
    const { params, p } = binder();
    const where = [visitScopeSql(actor, { cadreId: 'v.cadre_id', enterpriseId: 'v.enterprise_id' }, p)];
    if (f.from) where.push(`v.visited_on >= ${p(f.from)}::date`);
    if (f.to) where.push(`v.visited_on <= ${p(f.to)}::date`);
    if (f.district) where.push(`e.district_id = ${p(f.district)}`);
    if (f.q) {
      const q = p(likeOf(f.q));
      where.push(`(e.name ILIKE ${q} OR c.name ILIKE ${q} OR v.summary ILIKE ${q})`);
    }
    const joins = `JOIN person c ON c.id = v.cadre_id JOIN enterprise e ON e.id = v.enterprise_id`;
    const from = `FROM visit v ${joins} JOIN org_unit d ON d.id = e.district_id WHERE ${where.join(' AND ')}`;
    // Counting needs the cadre and the firm only when a filter reads them (the scope reads the visit's own).
    const bare = !f.district && !f.q;
    const [{ total }]: { total: number }[] = await this.ds.query(
      `SELECT count(*)::int AS total FROM visit v ${bare ? '' : joins} WHERE ${where.join(' AND ')}`,
      params,
    );
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT v.id, to_char(v.visited_on, 'YYYY-MM-DD') AS visited_on, v.method, v.summary, v.confirmed_at,
              c.name AS cadre, c.mobile, e.name AS enterprise, d.name AS district
       ${from} ORDER BY v.visited_on DESC, v.created_at DESC, v.id
       LIMIT ${p(page.limit)} OFFSET ${p(page.offset)}`,
      params,
    );
    return {
      total,
      items: rows.map((r) => r.id as string),
    };
  }
}
