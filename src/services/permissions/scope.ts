import type { UnitKind } from '../../entities/enums';

/** A unit as far as scopes care. */
export interface ScopedUnit {
  id: string;
  kind: UnitKind;
  parentId: string | null;
}

/**
 * The unit whose subtree a leader (or a campaign-office admin) of `unit` sees and supervises: their
 * own unit (a district or zone leader its subtree, a unit leader its unit and anything under it); for
 * the campaign office (亲商助企办) its parent — null, the whole city, when it has no parent.
 * The ledger's SQL (`SCOPE_ROOT_SQL`, `CITY_WIDE_SQL`) says the same.
 */
export function scopeRoot(unit: ScopedUnit): string | null {
  return unit.kind === 'campaign' ? unit.parentId : unit.id;
}

/** True for a campaign office without a parent: its leaders and admins act over the whole city. */
export function isCityWide(unit: ScopedUnit): boolean {
  return scopeRoot(unit) === null;
}

/** SQL: the scope root of the unit `:scopeUnit` (NULL for a city-wide campaign office); see `scopeRoot`. */
export const SCOPE_ROOT_SQL = `SELECT CASE WHEN r.kind = 'campaign' THEN r.parent_id ELSE r.id END
  FROM org_unit r WHERE r.id = :scopeUnit`;

/** SQL: `:scopeUnit` is a campaign office without a parent; see `isCityWide`. */
export const CITY_WIDE_SQL = `EXISTS (SELECT 1 FROM org_unit r
  WHERE r.id = :scopeUnit AND r.kind = 'campaign' AND r.parent_id IS NULL)`;

/** SQL: `:scopeUnit` is a campaign office with a parent (its admins act over that subtree only). */
export const CAMPAIGN_WITH_PARENT_SQL = `EXISTS (SELECT 1 FROM org_unit r
  WHERE r.id = :scopeUnit AND r.kind = 'campaign' AND r.parent_id IS NOT NULL)`;
