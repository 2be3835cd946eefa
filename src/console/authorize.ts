import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Person } from '../entities';
import type { Role } from '../entities/enums';
import { scopeFacts, whereVisibleTo } from '../repositories/problem-ledger.queries';
import { type Actor, can, type LedgerAction, permits } from '../services/permissions';

/**
 * The console's one door to the permission rules chat uses (role × action × data scope). Every
 * console route asks here, so the rules have a single source and this file is the only thing to
 * rewire when the permission table moves.
 */

export type { Actor, LedgerAction } from '../services/problem-permissions';

/** Who is signed in to the console: a roster person, or the campaign office with the admin token. */
export type Viewer =
  | { kind: 'person'; person: Pick<Person, 'id' | 'name' | 'roles' | 'unitId' | 'enterpriseId'> }
  | { kind: 'token' };

/** The admin token speaks for the campaign office, as `/api` always has. */
const TOKEN_ACTOR: Actor = {
  personId: '00000000-0000-0000-0000-000000000000',
  roles: ['admin'],
  unitId: null,
  enterpriseId: null,
};

/** The ledger actor of a viewer, built exactly as chat builds it from the roster person. */
export function actorOf(viewer: Viewer): Actor {
  if (viewer.kind === 'token') return TOKEN_ACTOR;
  const p = viewer.person;
  return { personId: p.id, roles: p.roles, unitId: p.unitId, enterpriseId: p.enterpriseId };
}

export const hasRole = (actor: Actor, role: Role) => actor.roles.includes(role);

/** Restricts a problem query (alias `p`) to the problems the actor may see. */
export function restrictProblems<T extends object>(qb: SelectQueryBuilder<T>, actor: Actor, alias = 'p') {
  return whereVisibleTo(qb, actor, alias);
}

/** The actions (besides view) the actor may take on one problem, by role and scope. */
export async function permittedActions(
  em: EntityManager,
  actor: Actor,
  problemId: string,
  candidates: readonly Exclude<LedgerAction, 'view'>[],
): Promise<{ visible: boolean; actions: Exclude<LedgerAction, 'view'>[] }> {
  const scope = await scopeFacts(em, actor, problemId);
  return {
    visible: permits('view', actor, scope),
    actions: candidates.filter((a) => permits(a, actor, scope)),
  };
}

/** Column names of a row that belongs to a cadre and an enterprise (visits, pairs, ratings). */
export interface ScopeColumns {
  cadreId: string;
  enterpriseId: string;
}

/**
 * How a leader's reach is written when the caller knows whether the leader is city-wide (`cityWide`):
 * city-wide is then `TRUE`, and a district's reach becomes `= ANY(ARRAY(…))` over the firms and people of
 * its subtree, which PostgreSQL can read from the visit's indexes (a bitmap per array) instead of probing
 * every row; left unknown, the condition decides city-wide itself and probes a hash per row (cheap on
 * small tables, and never a linear scan of an array per row).
 */
export interface VisitScopeOptions {
  cityWide?: boolean;
}

/**
 * The SQL condition of the visits and pairs the actor may see, the same data scopes as problems:
 * admin — all; leader — firms in, or cadres of, a unit under theirs; cadre — their own; contact —
 * their firm. Handlers answer for problems, not visits: they see none. `param` binds a value.
 */
export function visitScopeSql(
  actor: Actor,
  c: ScopeColumns,
  param: (v: unknown) => string,
  opts: VisitScopeOptions = {},
): string {
  if (hasRole(actor, 'admin')) return 'TRUE';
  const parts: string[] = [];
  if (hasRole(actor, 'leader') && actor.unitId) {
    // The same scope roots as the ledger: a campaign office (亲商助企办) sees its parent's subtree,
    // or the whole city when it has no parent.
    if (opts.cityWide === true) parts.push('TRUE');
    else {
      const unit = param(actor.unitId);
      const sub = `(WITH RECURSIVE sub(id) AS (
          SELECT CASE WHEN r.kind = 'campaign' THEN r.parent_id ELSE r.id END FROM org_unit r WHERE r.id = ${unit}
        UNION SELECT o.id FROM org_unit o JOIN sub ON o.parent_id = sub.id) SELECT id FROM sub WHERE id IS NOT NULL)`;
      const firms = `SELECT se.id FROM enterprise se WHERE se.district_id IN ${sub}`;
      const people = `SELECT sp.id FROM person sp WHERE sp.unit_id IN ${sub}`;
      if (opts.cityWide === false) {
        parts.push(`${c.enterpriseId} = ANY(ARRAY(${firms})) OR ${c.cadreId} = ANY(ARRAY(${people}))`);
      } else {
        // Uncorrelated subqueries on the row's own columns: each is computed once and probed by hash.
        const cityWide = `EXISTS (SELECT 1 FROM org_unit r WHERE r.id = ${unit} AND r.kind = 'campaign' AND r.parent_id IS NULL)`;
        parts.push(`${cityWide} OR ${c.enterpriseId} IN (${firms}) OR ${c.cadreId} IN (${people})`);
      }
    }
  }
  if (hasRole(actor, 'cadre')) parts.push(`${c.cadreId} = ${param(actor.personId)}`);
  if (hasRole(actor, 'contact') && actor.enterpriseId) {
    parts.push(`${c.enterpriseId} = ${param(actor.enterpriseId)}`);
  }
  return parts.length ? `(${parts.map((p) => `(${p})`).join(' OR ')})` : 'FALSE';
}

/** Which pages a viewer may open; the server refuses the rest, this only shapes the menu. */
export function pagesOf(actor: Actor): ConsolePage[] {
  const pages: ConsolePage[] = ['problems'];
  if (actor.roles.some((r) => r !== 'handler')) pages.push('visits', 'compliance');
  if (hasRole(actor, 'admin') || hasRole(actor, 'leader') || hasRole(actor, 'handler')) pages.push('stats');
  if (hasRole(actor, 'admin') || hasRole(actor, 'leader')) pages.push('roster');
  // 考核, 慢作为/不作为 and 一类事 (src/console/insight.routes.ts).
  if (hasRole(actor, 'admin') || hasRole(actor, 'leader')) pages.push('assessment');
  if (can(actor, 'publish_policy') || can(actor, 'record_session_outcome')) pages.push('outreach');
  return pages;
}

export type ConsolePage =
  'problems' | 'visits' | 'compliance' | 'stats' | 'roster' | 'assessment' | 'outreach';

/** True when the viewer may open the page's data. */
export const mayOpen = (actor: Actor, page: ConsolePage) => pagesOf(actor).includes(page);
