import type { DataSource, EntityManager } from 'typeorm';
import type { UnitKind } from '../../entities/enums';
import { directory, type LeaderScope, type UnitScope } from '../../repositories/directory.repository';

export type { LeaderScope, UnitScope } from '../../repositories/directory.repository';

/** True when any of the ids lies in the scope. */
export function inScope(scope: UnitScope, ...unitIds: (string | null | undefined)[]): boolean {
  return scope === 'all' || unitIds.some((id) => !!id && scope.has(id));
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
    const mine = (await directory.leaderScopes(db)).find((l) => l.id === person.id);
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
