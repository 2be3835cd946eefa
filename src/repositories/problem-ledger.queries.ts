import { type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { ProblemEvent } from '../entities';
import { Problem } from '../entities/problem.entity';
import { ROLES, type ProblemEventAction, type ProblemStatus, type Role } from '../entities/enums';
import type { Actor, ScopeFacts } from '../services/permissions';
import { CAMPAIGN_WITH_PARENT_SQL, CITY_WIDE_SQL, SCOPE_ROOT_SQL } from '../services/permissions/scope';

/** The ledger's SQL: locking, data scopes and events. Services call these with their transaction's manager. */

export { isUuid } from '../lib/ids';

/** The units under the actor's scope root (`permissions/scope.ts`): their unit, or a campaign office's parent. */
const SUBTREE = `WITH RECURSIVE sub(id) AS (
    ${SCOPE_ROOT_SQL}
    UNION SELECT o.id FROM org_unit o JOIN sub ON o.parent_id = sub.id
  ) SELECT id FROM sub`;

/**
 * Led by a unit in the scope root's subtree, or the enterprise is in a district of it. Both subqueries are
 * uncorrelated, so PostgreSQL computes each once and probes a hash per row (a correlated EXISTS per row
 * made a district leader's ledger page take a second at 100,000 problems).
 */
const IN_SUBTREE = (a: string) => `(${a}.lead_unit_id IN (${SUBTREE}) OR ${a}.enterprise_id IN (
    SELECT se.id FROM enterprise se WHERE se.district_id IN (${SUBTREE})))`;

type ScopeKey = Role | 'coUnit';

/** The SQL condition (on problem alias `a`) of one role's data scope; see `ScopeFacts`. */
function scopeSql(key: ScopeKey, actor: Actor, a: string): string {
  switch (key) {
    case 'admin':
      // The whole city, except for an admin of a campaign office that has a parent: its subtree.
      return actor.unitId ? `(NOT ${CAMPAIGN_WITH_PARENT_SQL} OR ${IN_SUBTREE(a)})` : 'TRUE';
    case 'contact':
      return actor.enterpriseId ? `${a}.enterprise_id = :scopeEnterprise` : 'FALSE';
    case 'cadre':
      return `EXISTS (SELECT 1 FROM pairing sp WHERE sp.enterprise_id = ${a}.enterprise_id
        AND sp.cadre_id = :scopePerson AND sp.ended_at IS NULL)`;
    case 'handler':
      return actor.unitId ? `${a}.lead_unit_id = :scopeUnit` : 'FALSE';
    case 'coUnit':
      return actor.unitId
        ? `EXISTS (SELECT 1 FROM problem_co_unit scu WHERE scu.problem_id = ${a}.id AND scu.unit_id = :scopeUnit)`
        : 'FALSE';
    case 'leader':
      return actor.unitId ? `(${CITY_WIDE_SQL} OR ${IN_SUBTREE(a)})` : 'FALSE';
  }
}

function scopeParams(actor: Actor): Record<string, unknown> {
  return { scopePerson: actor.personId, scopeUnit: actor.unitId, scopeEnterprise: actor.enterpriseId };
}

/** Restricts a query on problems (alias `a`) to what the actor may see: the union of their roles' scopes. */
export function whereVisibleTo<T extends object>(
  qb: SelectQueryBuilder<T>,
  actor: Actor,
  a = 'p',
): SelectQueryBuilder<T> {
  const keys: ScopeKey[] = [...actor.roles];
  if (actor.roles.includes('handler')) keys.push('coUnit');
  const sql = keys.length ? keys.map((k) => `(${scopeSql(k, actor, a)})`).join(' OR ') : 'FALSE';
  return qb.andWhere(`(${sql})`, scopeParams(actor));
}

/** Which of the actor's role scopes hold one problem (roles the actor lacks are false). */
export async function scopeFacts(em: EntityManager, actor: Actor, problemId: string): Promise<ScopeFacts> {
  const facts: ScopeFacts = {
    cadre: false,
    handler: false,
    leader: false,
    admin: false,
    contact: false,
    coUnit: false,
  };
  const keys: ScopeKey[] = ROLES.filter((r) => actor.roles.includes(r));
  if (actor.roles.includes('handler')) keys.push('coUnit');
  if (keys.length === 0) return facts;
  const qb = em.createQueryBuilder(Problem, 'p').select('p.id', 'id').where('p.id = :id', { id: problemId });
  for (const key of keys) qb.addSelect(`(${scopeSql(key, actor, 'p')})`, key);
  const row: Record<string, unknown> | undefined = await qb.setParameters(scopeParams(actor)).getRawOne();
  for (const key of keys) facts[key] = row?.[key] === true;
  return facts;
}

/** The problem with this code, locked FOR UPDATE until the transaction ends. */
export function lockProblem(em: EntityManager, code: string): Promise<Problem | null> {
  return em.getRepository(Problem).findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
}

/** The event written with an idempotency key, if any. */
export function eventByKey(em: EntityManager, key: string): Promise<ProblemEvent | null> {
  return em.getRepository(ProblemEvent).findOne({ where: { idempotencyKey: key } });
}

/** A problem's history, oldest first. */
export function eventsOf(em: EntityManager, problemId: string): Promise<ProblemEvent[]> {
  return em.getRepository(ProblemEvent).find({ where: { problemId }, order: { at: 'ASC', id: 'ASC' } });
}

/** Marks a problem's pending extension request as refused (the problem left the unit's hands). */
export async function dropPendingExtension(em: EntityManager, problemId: string, at: Date): Promise<void> {
  await em.query(
    `UPDATE extension_request SET status = 'refused', decided_at = $2 WHERE problem_id = $1 AND status = 'pending'`,
    [problemId, at],
  );
}

/** One event a step writes (the ledger's `EventSpec`). */
export interface NewEvent {
  action: ProblemEventAction;
  from: ProblemStatus | null;
  to: ProblemStatus | null;
  note: string;
}

/** Writes a step's events; only the first carries the idempotency key (it is what a replay looks up). */
export async function insertEvents(
  em: EntityManager,
  problemId: string,
  actorId: string | null,
  at: Date,
  specs: readonly NewEvent[],
  idempotencyKey?: string,
): Promise<ProblemEvent[]> {
  const saved: ProblemEvent[] = [];
  for (const [i, spec] of specs.entries()) {
    const row = em.create(ProblemEvent, {
      problemId,
      at,
      actorId,
      action: spec.action,
      fromStatus: spec.from,
      toStatus: spec.to,
      note: spec.note,
      idempotencyKey: i === 0 ? (idempotencyKey ?? null) : null,
    });
    saved.push(await em.save(row));
  }
  return saved;
}
