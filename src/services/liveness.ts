import type { DataSource, EntityManager } from 'typeorm';
import type { NotifierPlatforms } from './notifier';

/** An open problem whose next step nobody can take: no active, reachable person to act. */
export interface StalledProblem {
  code: string;
  status: string;
  firm: string;
  unit: string | null;
  /** Who should act, in Chinese: 包联干部, 牵头单位办理人, 企业联系人或包联干部. */
  nextActor: string;
}

const NEXT_ACTOR: Record<string, string> = {
  pending: '包联干部（交办）',
  assigned: '牵头单位办理人（受理）',
  accepted: '牵头单位办理人（办理、答复）',
  answered: '企业联系人或包联干部（评价/代评）',
};

/**
 * The liveness check: every open problem must have a next actor who is an active person with an
 * account on a platform this deployment sends on. pending → the enterprise's cadre; assigned →
 * a handler of the lead unit; accepted → the named handler or another handler of the unit;
 * answered → a contact of the enterprise or, for 代评, its cadre (a service not yet delivered: a
 * handler or the cadre). The campaign office's admins can always step in, so they are not counted.
 */
export async function stalledProblems(
  db: DataSource | EntityManager,
  platforms: Pick<NotifierPlatforms, 'reachable'>,
): Promise<StalledProblem[]> {
  const rows: StalledProblem[] = await db.query(
    `WITH reachable AS (
       SELECT p.id, p.roles, p.unit_id, p.enterprise_id FROM person p
       WHERE p.active AND (
         EXISTS (SELECT 1 FROM person_account a WHERE a.person_id = p.id AND a.platform = ANY($1::varchar[]))
         OR EXISTS (SELECT 1 FROM account_binding b WHERE b.person_id = p.id AND b.platform = ANY($1::varchar[])))
     )
     SELECT pr.code, pr.status, e.name AS firm, u.name AS unit FROM problem pr
     JOIN enterprise e ON e.id = pr.enterprise_id
     LEFT JOIN org_unit u ON u.id = pr.lead_unit_id
     WHERE pr.status IN ('pending', 'assigned', 'accepted', 'answered')
       AND NOT CASE pr.status
         WHEN 'pending' THEN EXISTS (SELECT 1 FROM reachable r WHERE r.id = pr.cadre_id)
         WHEN 'assigned' THEN EXISTS (
           SELECT 1 FROM reachable r WHERE r.unit_id = pr.lead_unit_id AND 'handler' = ANY(r.roles))
         WHEN 'accepted' THEN EXISTS (
           SELECT 1 FROM reachable r WHERE r.id = pr.handler_id
              OR (r.unit_id = pr.lead_unit_id AND 'handler' = ANY(r.roles)))
         ELSE CASE WHEN pr.kind NOT IN ('problem', 'request') AND pr.delivered_at IS NULL
           THEN EXISTS (SELECT 1 FROM reachable r WHERE r.id = pr.cadre_id
                          OR (r.unit_id = pr.lead_unit_id AND 'handler' = ANY(r.roles)))
           ELSE EXISTS (SELECT 1 FROM reachable r WHERE r.id = pr.cadre_id
                          OR (r.enterprise_id = pr.enterprise_id AND 'contact' = ANY(r.roles)))
         END
       END
     ORDER BY pr.code`,
    [platforms.reachable],
  );
  return rows.map((r) => ({ ...r, nextActor: NEXT_ACTOR[r.status] ?? '' }));
}
