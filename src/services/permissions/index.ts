import { type Action, hasRoleFor } from './actions';
import { type Actor, permits, type ScopeFacts } from './ledger';

export { ACTION_ROLES, type Action, hasRoleFor, type LedgerAction, ROLE_NAMES, rolesPhrase } from './actions';
export { allowedCommands, COMMAND_RULES, commandRefusal, mayUseCommand } from './commands';
export { actionVerb, type Actor, permits, refusal, type ScopeFacts } from './ledger';
export { isCityWide, scopeRoot, type ScopedUnit } from './scope';

/**
 * Who may do what, in one call (for the bot's services and a future web console): true when the
 * actor's roles allow the action and, given a problem's scope facts (`scopeFacts` in the ledger's
 * queries), one of those roles holds the problem in its scope. Without a target only roles count.
 */
export function can(actor: Pick<Actor, 'roles'>, action: Action, target?: ScopeFacts): boolean {
  return target ? permits(action, actor, target) : hasRoleFor(actor.roles, action);
}
