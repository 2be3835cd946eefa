import type { Role } from '../../../../src/entities/enums';
import { parseCommand } from '../../../../src/commands/parser';
import type { ParseContext } from '../../../../src/commands/parser';
import { CORPUS, GROUP_FIRM, type Sender } from './corpus';

const WEDNESDAY = '2026-11-25';

const CONTEXTS: Record<Sender, Omit<ParseContext, 'today'>> = {
  cadre: { roles: ['cadre'], groupEnterprise: null, inGroup: false },
  contact: { roles: ['contact'], groupEnterprise: null, inGroup: false },
  contactInGroup: { roles: ['contact'], groupEnterprise: GROUP_FIRM, inGroup: true },
  cadreInGroup: { roles: ['cadre'], groupEnterprise: GROUP_FIRM, inGroup: true },
  handler: { roles: ['handler'], groupEnterprise: null, inGroup: false },
  leader: { roles: ['leader'], groupEnterprise: null, inGroup: false },
  admin: { roles: ['admin' as Role], groupEnterprise: null, inGroup: false },
};

describe('parseCommand corpus', () => {
  it('holds at least 150 messages', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(150);
  });

  it.each(CORPUS.map((c) => [c.text, c.today ?? WEDNESDAY, c] as const))(
    '%s (today %s)',
    (_text, today, c) => {
      const result = parseCommand(c.text, { ...CONTEXTS[c.as ?? 'cadre'], today });
      const expected = c.expect;
      if (expected === 'unknown') {
        expect(result).toEqual({ ok: false, command: null, unknown: true });
      } else if ('name' in expected) {
        expect(result).toEqual({ ok: true, command: expected });
      } else {
        expect(result).toMatchObject({ ok: false, ...expected });
        expect(result).toHaveProperty('hint', expect.stringContaining('例：'));
      }
    },
  );
});
