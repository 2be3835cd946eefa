import type { EntityManager } from 'typeorm';

/**
 * The active leaders whose scope holds the unit, nearest first: the unit's own leaders, else those of
 * the nearest ancestor that has any, where a campaign office's leaders count at their scope root (its
 * parent, or above the top for a city-wide office). These decide the unit's extension requests.
 */
export async function nearestLeadersOver(em: EntityManager, unitId: string): Promise<string[]> {
  const rows: { id: string; depth: number }[] = await em.query(
    `WITH RECURSIVE up(id, parent_id, depth) AS (
       SELECT id, parent_id, 0 FROM org_unit WHERE id = $1
       UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM org_unit o JOIN up ON o.id = up.parent_id
         WHERE up.depth < 20
     ),
     scoped AS (
       SELECT p.id, p.name,
              CASE WHEN u.kind = 'campaign' AND u.parent_id IS NULL THEN (SELECT max(depth) + 1 FROM up)
                   ELSE (SELECT up.depth FROM up
                         WHERE up.id = CASE WHEN u.kind = 'campaign' THEN u.parent_id ELSE u.id END)
              END AS depth
       FROM person p JOIN org_unit u ON u.id = p.unit_id
       WHERE 'leader' = ANY(p.roles) AND p.active
     )
     SELECT id, depth FROM scoped WHERE depth IS NOT NULL ORDER BY depth, name, id`,
    [unitId],
  );
  return rows.filter((r) => r.depth === rows[0].depth).map((r) => r.id);
}
