import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandName } from '../../../src/commands/parser/types';
import type { Role } from '../../../src/entities/enums';
import { COMMAND_RULES, mayUseCommand } from '../../../src/services/permissions';

/** The README's "Who may do what" matrix says what the permission rule says, row by row. */
describe('README: who may do what', () => {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  const section = readme.split('### Who may do what')[1].split(/\n#{2,3} /)[0];
  const rows = section
    .split('\n')
    .filter((l) => l.startsWith('|') && !l.startsWith('| command') && !l.startsWith('| ---'))
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  const columns: Role[] = ['cadre', 'handler', 'leader', 'admin', 'contact'];
  const byWord = new Map<string, CommandName>(
    (Object.keys(COMMAND_RULES) as CommandName[]).map((n) => [COMMAND_RULES[n].word, n]),
  );
  byWord.set('同意/不同意延期', 'decideExtension');

  it('has a row for every listed command that needs a role', () => {
    const documented = rows.flatMap(([words]) => words.split(', ').map((w) => byWord.get(w)));
    expect(documented).not.toContain(undefined);
    const needed = (Object.keys(COMMAND_RULES) as CommandName[]).filter(
      (n) => COMMAND_RULES[n].listed && COMMAND_RULES[n].action !== null,
    );
    expect([...documented].sort()).toEqual([...needed].sort());
  });

  it('marks exactly the roles that may use each command', () => {
    for (const [words, ...marks] of rows) {
      for (const word of words.split(', ')) {
        const name = byWord.get(word) as CommandName;
        const documented = columns.filter((_, i) => marks[i] === '✓');
        expect([word, documented]).toEqual([word, columns.filter((r) => mayUseCommand([r], name))]);
      }
    }
  });
});
