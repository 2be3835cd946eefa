import type { Role } from '../../entities/enums';

/**
 * Whether the sender acts for firms they name (a cadre, the campaign office), rather than for one known
 * firm (an enterprise contact): it decides whether the first words of a report or a visit are a firm.
 */
export function actsForNamedFirms(roles: readonly Role[]): boolean {
  return roles.includes('cadre') || roles.includes('admin');
}
