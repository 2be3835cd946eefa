import type { UnitScope } from '../../repositories/directory.repository';

export type { LeaderScope, UnitScope } from '../../repositories/directory.repository';

/** True when any of the ids lies in the scope. */
export function inScope(scope: UnitScope, ...unitIds: (string | null | undefined)[]): boolean {
  return scope === 'all' || unitIds.some((id) => !!id && scope.has(id));
}
