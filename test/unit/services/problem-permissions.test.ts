import type { Role } from '../../../src/entities/enums';
import {
  type Actor,
  type LedgerAction,
  permits,
  type ScopeFacts,
} from '../../../src/services/problem-permissions';

const actor = (...roles: Role[]): Actor => ({ personId: 'p', roles, unitId: 'u', enterpriseId: 'e' });
const all: ScopeFacts = {
  cadre: true,
  handler: true,
  leader: true,
  admin: true,
  contact: true,
  coUnit: true,
};
const none: ScopeFacts = {
  cadre: false,
  handler: false,
  leader: false,
  admin: false,
  contact: false,
  coUnit: false,
};
const only = (key: keyof ScopeFacts): ScopeFacts => ({ ...none, [key]: true });

describe('permits: role × action within scope', () => {
  const matrix: Record<Exclude<LedgerAction, 'view'>, Role[]> = {
    assign: ['cadre', 'admin'],
    transfer: ['cadre', 'admin'],
    accept: ['handler', 'admin'],
    return: ['handler', 'admin'],
    answer: ['handler', 'admin'],
    deliver: ['handler', 'cadre', 'admin'],
    rate: ['contact'],
    rate_proxy: ['cadre', 'admin'],
    close: ['admin'],
    withdraw: ['contact'],
    request_extension: ['handler'],
    decide_extension: ['leader', 'admin'],
    add_co_unit: ['cadre', 'handler', 'admin'],
    urge: ['cadre', 'contact', 'leader', 'admin'],
    supervise: ['leader', 'admin'],
    reopen: ['admin'],
    flag: ['admin'],
    settle_onsite: ['leader', 'admin'],
    set_deadline: ['leader', 'admin'],
  };
  const roles: Role[] = ['cadre', 'handler', 'leader', 'admin', 'contact'];
  const rows = Object.entries(matrix).flatMap(([action, allowed]) =>
    roles.map((role) => [action as LedgerAction, role, allowed.includes(role)] as const),
  );

  it.each(rows)('%s by %s in scope → %s', (action, role, expected) => {
    expect(permits(action, actor(role), all)).toBe(expected);
    expect(permits(action, actor(role), only(role))).toBe(expected);
  });

  it.each(rows.filter(([, , ok]) => ok))('%s by %s out of scope is refused', (action, role) => {
    expect(permits(action, actor(role), { ...all, [role]: false })).toBe(false);
  });

  it('a scope of another role does not lend its rights', () => {
    expect(permits('accept', actor('handler', 'cadre'), only('cadre'))).toBe(false);
    expect(permits('accept', actor('handler', 'cadre'), only('handler'))).toBe(true);
  });

  it('a co-handling unit may view but not act', () => {
    expect(permits('view', actor('handler'), only('coUnit'))).toBe(true);
    expect(permits('accept', actor('handler'), only('coUnit'))).toBe(false);
    expect(permits('view', actor('cadre'), only('coUnit'))).toBe(false);
  });

  it('nobody sees anything without a scope', () => {
    expect(permits('view', actor('admin', 'leader', 'cadre', 'handler', 'contact'), none)).toBe(false);
  });
});
