import type { Role } from '../../../src/entities/enums';
import {
  type Actor,
  allowedCommands,
  can,
  commandRefusal,
  mayUseCommand,
  refusal,
  rolesPhrase,
  type ScopeFacts,
  scopeRoot,
} from '../../../src/services/permissions';

const actor = (...roles: Role[]): Actor => ({ personId: 'p', roles, unitId: 'u', enterpriseId: 'e' });
const none: ScopeFacts = {
  cadre: false,
  handler: false,
  leader: false,
  admin: false,
  contact: false,
  coUnit: false,
};

describe('scopeRoot: whose subtree a leader or admin of a unit acts over', () => {
  it('a campaign office without a parent: the whole city; with one: its parent', () => {
    expect(scopeRoot({ id: 'office', kind: 'campaign', parentId: null })).toBeNull();
    expect(scopeRoot({ id: 'office', kind: 'campaign', parentId: 'district' })).toBe('district');
  });

  it.each(['district', 'zone', 'department', 'handling'] as const)('a %s: its own unit', (kind) => {
    expect(scopeRoot({ id: 'u', kind, parentId: 'parent' })).toBe('u');
    expect(scopeRoot({ id: 'u', kind, parentId: null })).toBe('u');
  });
});

describe('refusal: says what is refused', () => {
  it('a refused 撤回 never says 无权查看', () => {
    expect(refusal('withdraw', actor('admin', 'leader'), { ...none, admin: true, leader: true })).toBe(
      '只有该企业的联系人才能撤回该问题。',
    );
    expect(refusal('withdraw', actor('cadre'), none)).toBe('只有该企业的联系人才能撤回该问题。');
    expect(refusal('withdraw', actor('contact'), none)).toBe('该问题不在您的职责范围内，您不能撤回。');
    expect(refusal('view', actor('contact'), none)).toBe('您无权查看该问题。');
  });
});

describe('commands and actions read one table', () => {
  it('a command is allowed exactly when its action is', () => {
    const roles: Role[][] = [
      [],
      ['cadre'],
      ['handler'],
      ['leader'],
      ['admin'],
      ['contact'],
      ['admin', 'leader'],
    ];
    for (const r of roles) {
      for (const name of allowedCommands(r)) expect(mayUseCommand(r, name)).toBe(true);
    }
    expect(can(actor('leader'), 'urge')).toBe(true);
    expect(can(actor('leader'), 'urge', none)).toBe(false);
    expect(can(actor('leader'), 'urge', { ...none, leader: true })).toBe(true);
    expect(can(actor('admin'), 'register_visit')).toBe(false);
  });

  it('refuses a command by name and says who may use it', () => {
    expect(commandRefusal('withdraw')).toBe('“撤回”只有企业联系人可以使用。发送“帮助”查看您可以使用的命令。');
    expect(rolesPhrase('urge')).toBe('包联干部、企业联系人、领导或管理员');
  });
});
