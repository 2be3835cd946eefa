import type { DataSource, EntityManager } from 'typeorm';
import type { UnitKind } from '../../entities/enums';
import { scopeRoot } from '../../services/permissions';

/** The units a leader oversees: 'all', or their unit and every unit under it. */
export type UnitScope = 'all' | ReadonlySet<string>;

/** A leader and the scope of their digests. */
export interface LeaderScope {
  id: string;
  name: string;
  scope: UnitScope;
  /** The unit's name, shown as the digest's 范围 (null for city-wide). */
  label: string | null;
}

/** True when any of the ids lies in the scope. */
export function inScope(scope: UnitScope, ...unitIds: (string | null | undefined)[]): boolean {
  return scope === 'all' || unitIds.some((id) => !!id && scope.has(id));
}

/**
 * Every active leader with their scope, by the ledger's rule (`scopeRoot`): the subtree of their unit;
 * for a campaign office (亲商助企办) its parent's subtree, or the whole city when it has no parent. A
 * leader with no unit gets the whole city.
 */
export async function loadLeaderScopes(db: DataSource | EntityManager): Promise<LeaderScope[]> {
  const units: { id: string; parent_id: string | null; kind: UnitKind; name: string }[] = await db.query(
    `SELECT id, parent_id, kind, name FROM org_unit`,
  );
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (!u.parent_id) continue;
    children.set(u.parent_id, [...(children.get(u.parent_id) ?? []), u.id]);
  }
  const byId = new Map(units.map((u) => [u.id, u]));
  const subtree = (root: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [root];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(children.get(id) ?? []));
    }
    return seen;
  };
  const leaders: { id: string; name: string; unit_id: string | null }[] = await db.query(
    `SELECT id, name, unit_id FROM person WHERE active AND 'leader' = ANY(roles) ORDER BY name, id`,
  );
  return leaders.map((l) => {
    const unit = l.unit_id ? byId.get(l.unit_id) : undefined;
    const root = unit ? scopeRoot({ id: unit.id, kind: unit.kind, parentId: unit.parent_id }) : null;
    return {
      id: l.id,
      name: l.name,
      scope: root === null ? 'all' : subtree(root),
      label: root === null ? null : (byId.get(root)?.name ?? null),
    };
  });
}

/**
 * The scope a leader or admin asks in chat (本月统计, 超期问题 …), by the digests' rule: a leader's is
 * the one their digest has; an admin acts on the whole city, except an admin of a campaign office
 * with a parent (that parent's subtree), as the ledger scopes them. Null when the person is neither.
 */
export async function scopeOfPerson(
  db: DataSource | EntityManager,
  person: { id: string; roles: readonly string[]; unitId: string | null },
): Promise<Omit<LeaderScope, 'id' | 'name'> | null> {
  if (person.roles.includes('leader')) {
    const mine = (await loadLeaderScopes(db)).find((l) => l.id === person.id);
    if (mine) return { scope: mine.scope, label: mine.label };
  }
  if (!person.roles.includes('admin')) return null;
  if (!person.unitId) return { scope: 'all', label: null };
  const [unit]: { kind: UnitKind; parent_id: string | null }[] = await db.query(
    `SELECT kind, parent_id FROM org_unit WHERE id = $1`,
    [person.unitId],
  );
  if (!unit || unit.kind !== 'campaign' || !unit.parent_id) return { scope: 'all', label: null };
  const rows: { id: string; name: string; root: boolean }[] = await db.query(
    `WITH RECURSIVE sub(id) AS (SELECT $1::uuid UNION SELECT o.id FROM org_unit o JOIN sub ON o.parent_id = sub.id)
     SELECT u.id, u.name, u.id = $1::uuid AS root FROM org_unit u JOIN sub ON sub.id = u.id`,
    [unit.parent_id],
  );
  return { scope: new Set(rows.map((r) => r.id)), label: rows.find((r) => r.root)?.name ?? null };
}
