import type { DataSource, EntityManager } from 'typeorm';
import type { TierThresholds } from '../config';
import type { Tier } from '../entities/enums';
import type { IsoDate } from '../lib/time';
import { mentionAccountSql } from '../repositories/directory.repository';
import { tierBoundaries, tierCondition } from './tier';
import type { WorkdayCalendar } from './workday-calendar';

/** An open problem that is 蓝, 黄 or 红 today, with what the reminders print. */
export interface TieredProblem {
  id: string;
  code: string;
  description: string;
  tier: Exclude<Tier, 'normal'>;
  dueOn: IsoDate;
  redoCount: number;
  enterpriseName: string;
  districtId: string;
  cadreId: string | null;
  unitId: string | null;
  unitName: string | null;
  unitParentId: string | null;
  handlerId: string | null;
  handlerName: string | null;
  /** The handler's account id for an @-mention, in the first namespace of `mentionOrder` they have. */
  handlerMentionId: string | null;
  handlerMobile: string | null;
}

/**
 * Every open problem coloured 蓝/黄/红 on `today`, in one query (the tier conditions of tier.ts).
 * `mentionOrder`: the account namespaces whose ids may name the handler in an @-mention, preferred first
 * (none: no mention id).
 */
export async function tieredProblems(
  db: DataSource | EntityManager,
  today: IsoDate,
  calendar: WorkdayCalendar,
  tiers: TierThresholds,
  only?: Exclude<Tier, 'normal'>,
  mentionOrder: readonly string[] = [],
): Promise<TieredProblem[]> {
  const b = tierBoundaries(today, calendar, tiers);
  const red = tierCondition('red', b, tiers);
  const yellow = tierCondition('yellow', b, tiers);
  const blue = tierCondition('blue', b, tiers);
  const where = only ? { red, yellow, blue }[only].sql : `(${red.sql} OR ${yellow.sql} OR ${blue.sql})`;
  const rows: Record<string, unknown>[] = await db
    .createQueryBuilder()
    .from('problem', 'p')
    .innerJoin('enterprise', 'e', 'e.id = p.enterprise_id')
    .leftJoin('org_unit', 'u', 'u.id = p.lead_unit_id')
    .leftJoin('person', 'h', 'h.id = p.handler_id')
    .select([
      'p.id AS id',
      'p.code AS code',
      'p.description AS description',
      `to_char(p.due_on, 'YYYY-MM-DD') AS due_on`,
      'p.redo_count AS redo_count',
      'e.name AS enterprise_name',
      'e.district_id AS district_id',
      'p.cadre_id AS cadre_id',
      'p.lead_unit_id AS unit_id',
      'u.name AS unit_name',
      'u.parent_id AS unit_parent_id',
      'p.handler_id AS handler_id',
      'h.name AS handler_name',
      `${mentionAccountSql('h', 'CAST(:mentionOrder AS text[])')} AS handler_mention_id`,
      'h.mobile AS handler_mobile',
    ])
    .addSelect(`CASE WHEN ${red.sql} THEN 'red' WHEN ${yellow.sql} THEN 'yellow' ELSE 'blue' END`, 'tier')
    .where(where)
    .setParameters({ ...red.params, ...yellow.params, ...blue.params, mentionOrder: [...mentionOrder] })
    .orderBy('p.due_on', 'ASC')
    .addOrderBy('p.code', 'ASC')
    .getRawMany();
  return rows.map((r) => ({
    id: r.id as string,
    code: r.code as string,
    description: r.description as string,
    tier: r.tier as TieredProblem['tier'],
    dueOn: r.due_on as string,
    redoCount: Number(r.redo_count),
    enterpriseName: r.enterprise_name as string,
    districtId: r.district_id as string,
    cadreId: (r.cadre_id as string | null) ?? null,
    unitId: (r.unit_id as string | null) ?? null,
    unitName: (r.unit_name as string | null) ?? null,
    unitParentId: (r.unit_parent_id as string | null) ?? null,
    handlerId: (r.handler_id as string | null) ?? null,
    handlerName: (r.handler_name as string | null) ?? null,
    handlerMentionId: (r.handler_mention_id as string | null) ?? null,
    handlerMobile: (r.handler_mobile as string | null) ?? null,
  }));
}
