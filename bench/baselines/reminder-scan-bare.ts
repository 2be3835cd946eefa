/**
 * The reminder scan's floor for bench/reminders.bench.ts: the same answer as `reminderScan` (the job's
 * scan) written as the plainest SQL over the same rows, independently of `pairRowsQuery` — no
 * materialization hints, `count(DISTINCT)` for the contact days, `EXISTS` for the month's holders,
 * json (not jsonb) lists. Plain, not naive: the holders come straight from the table (a CTE read twice
 * hides its row count from the planner) and each scope's list is aggregated once, not per scope row. Same rule: each firm's latest pairing of the month open at the run instant, its
 * cadre not on leave that day, contacts = distinct visit days of the month by any cadre who held the firm
 * in the month, the firm's own target or the default; one row per cadre with short pairs (its firms) and
 * one per district and per cadre unit other than the firm's district (pairs, met, short cadres), in the
 * scan's order. `sameAnswer` compares the two results field by field, so the bench can say they agree.
 */
import type { DataSource } from 'typeorm';
import type { ScopeProgress, ShortCadre } from '../../src/jobs/handlers/contact-reminders.job';
import { addDays, dateOf, monthOf, monthWindow } from '../../src/lib/time';
import { DEFAULT_CONTACT_TARGET } from '../../src/services/contact-rule';

export async function bareReminderScan(
  ds: DataSource,
  at: Date,
  kind: 'mid' | 'late',
): Promise<{ cadres: ShortCadre[]; scopes: ScopeProgress[] }> {
  const w = monthWindow(monthOf(at));
  const rows: { kind: string; id: string; name: string; pairs: number; met: number; items: unknown }[] =
    await ds.query(
      `WITH holder AS (
         SELECT DISTINCT ON (enterprise_id) enterprise_id, cadre_id, ended_at FROM pairing
         WHERE started_at < $2 AND (ended_at IS NULL OR ended_at > $1) AND started_at <= $3
         ORDER BY enterprise_id, started_at DESC, id DESC
       ),
       days AS (
         SELECT v.enterprise_id, count(DISTINCT v.visited_on) AS n FROM visit v
         WHERE v.visited_on >= $4::date AND v.visited_on < $5::date
           AND EXISTS (SELECT 1 FROM pairing h
                       WHERE h.enterprise_id = v.enterprise_id AND h.cadre_id = v.cadre_id
                         AND h.started_at < $2 AND (h.ended_at IS NULL OR h.ended_at > $1) AND h.started_at <= $3)
         GROUP BY v.enterprise_id
       ),
       p AS (
         SELECT c.id AS cadre_id, c.name AS cadre_name, c.unit_id, coalesce(u.name, '') AS unit_name,
                e.id AS firm_id, e.name AS firm_name, e.district_id, d.name AS district_name,
                coalesce(k.n, 0)::int AS n, coalesce(e.contact_target, $7)::int AS target
         FROM holder h
         JOIN person c ON c.id = h.cadre_id
         JOIN enterprise e ON e.id = h.enterprise_id
         JOIN org_unit d ON d.id = e.district_id
         LEFT JOIN org_unit u ON u.id = c.unit_id
         LEFT JOIN days k ON k.enterprise_id = e.id
         WHERE (h.ended_at IS NULL OR h.ended_at > $3)
           AND NOT (c.leave_from IS NOT NULL AND c.leave_from <= $6::date
                    AND (c.leave_to IS NULL OR c.leave_to >= $6::date))
       ),
       s AS (
         SELECT 'district' AS scope, district_id AS scope_id, district_name AS scope_name, cadre_id, cadre_name,
                district_name, n, target FROM p
         UNION ALL
         SELECT 'unit', unit_id, unit_name, cadre_id, cadre_name, district_name, n, target FROM p
         WHERE unit_id IS NOT NULL AND unit_id <> district_id
       ),
       lists AS (
         SELECT scope, scope_id,
                json_agg(json_build_array(cadre_name, k) ORDER BY first_district, cadre_name, cadre_id) AS items
         FROM (SELECT scope, scope_id, cadre_id, cadre_name, count(*) AS k, min(district_name) AS first_district
               FROM s WHERE CASE WHEN $8 = 'mid' THEN n = 0 ELSE n < target END
               GROUP BY scope, scope_id, cadre_id, cadre_name) sc
         GROUP BY scope, scope_id
       )
       SELECT 'cadre' AS kind, cadre_id::text AS id, cadre_name AS name, 0 AS pairs, 0 AS met,
              json_agg(json_build_array(firm_name, n, target) ORDER BY district_name, firm_name, firm_id) AS items,
              min(district_name) AS o1, cadre_name AS o2, cadre_id::text AS o3
       FROM p WHERE CASE WHEN $8 = 'mid' THEN n = 0 ELSE n < target END
       GROUP BY cadre_id, cadre_name
       UNION ALL
       SELECT t.scope, t.scope_id::text, t.name, t.pairs, t.met, coalesce(l.items, '[]'),
              t.first_district, t.name, t.scope_id::text
       FROM (SELECT scope, scope_id, min(scope_name) AS name, count(*)::int AS pairs,
                    count(*) FILTER (WHERE n >= target)::int AS met, min(district_name) AS first_district
             FROM s GROUP BY scope, scope_id) t
       LEFT JOIN lists l USING (scope, scope_id)
       ORDER BY 1, 7, 8, 9`,
      [w.start, w.end, at, w.first, addDays(w.last, 1), dateOf(at), DEFAULT_CONTACT_TARGET, kind],
    );
  const cadres: ShortCadre[] = [];
  const scopes: ScopeProgress[] = [];
  for (const r of rows) {
    if (r.kind === 'cadre') cadres.push({ id: r.id, firms: r.items as ShortCadre['firms'] });
    else
      scopes.push({
        scope: r.kind as ScopeProgress['scope'],
        id: r.id,
        name: r.name,
        pairs: r.pairs,
        met: r.met,
        cadres: r.items as ScopeProgress['cadres'],
      });
  }
  return { cadres, scopes };
}

/** Where two scan results differ (order included), or null when they are the same answer. */
export function sameAnswer(a: unknown, b: unknown, path = ''): string | null {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} vs ${b.length} entries`;
    for (let i = 0; i < a.length; i++) {
      const d = sameAnswer(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = sameAnswer(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${path}.${k}`,
      );
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}
