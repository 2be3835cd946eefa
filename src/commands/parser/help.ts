import type { Role } from '../../entities/enums';
import type { CommandName } from './types';
import { USAGE } from './usage';

const EVERYONE: CommandName[] = ['help', 'cancel', 'bind'];

const BY_ROLE: Record<Exclude<Role, 'admin'>, CommandName[]> = {
  cadre: [
    'visit',
    'report',
    'myEnterprises',
    'myTasks',
    'show',
    'urge',
    'bindGroup',
    'transfer',
    'coHandle',
    'deliver',
  ],
  contact: ['report', 'rate', 'rateCadre', 'withdraw', 'show', 'myTasks', 'confirmVisit'],
  handler: ['accept', 'return', 'answer', 'extend', 'coHandle', 'myTasks', 'show', 'deliver'],
  leader: ['supervise', 'decideExtension', 'show', 'myTasks'],
};

/** The order help lists commands in: the everyday ones first. Answers (`choice`, 质检 buttons) are not listed. */
const ORDER = (Object.keys(USAGE) as CommandName[]).filter(
  (name) => name !== 'choice' && name !== 'qualityAnswer',
);

/** The command names a sender with these roles may use (管理员: all of them). */
export function commandNamesForRoles(roles: Role[]): CommandName[] {
  const allowed = new Set<CommandName>(EVERYONE);
  for (const role of roles) {
    const names = role === 'admin' ? ORDER : BY_ROLE[role];
    names.forEach((name) => allowed.add(name));
  }
  return ORDER.filter((name) => allowed.has(name));
}

/** The help lines (Chinese, each with an example) for a sender with these roles. */
export function commandsForRoles(roles: Role[]): string[] {
  return commandNamesForRoles(roles).map((name) => USAGE[name]);
}
