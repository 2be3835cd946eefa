import { parseCommand } from '../../../../src/commands/parser';
import type { ParseContext } from '../../../../src/commands/parser';

const ctx: ParseContext = { roles: ['contact'], groupEnterprise: null, today: '2026-11-23', inGroup: false };

describe('送达 and 质检', () => {
  it('reads 送达 with or without a code', () => {
    expect(parseCommand('送达 W20261123-0007', ctx)).toEqual({
      ok: true,
      command: { name: 'deliver', code: 'W20261123-0007' },
    });
    expect(parseCommand('已送达', ctx)).toEqual({ ok: true, command: { name: 'deliver', code: null } });
  });

  it('reads the 质检 buttons and free answers', () => {
    expect(parseCommand('质检 W20261123-0007 已解决', ctx)).toEqual({
      ok: true,
      command: { name: 'qualityAnswer', code: 'W20261123-0007', solved: true },
    });
    for (const text of ['质检 W20261123-0007 未解决', '质检 w20261123-0007 还没有解决']) {
      expect(parseCommand(text, ctx)).toMatchObject({ ok: true, command: { solved: false } });
    }
  });

  it('asks for what is missing', () => {
    expect(parseCommand('质检 W20261123-0007', ctx)).toMatchObject({
      ok: false,
      command: 'qualityAnswer',
      missing: ['solved'],
    });
    expect(parseCommand('质检 已解决', ctx)).toMatchObject({ ok: false, missing: ['code'] });
  });
});
