import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** Lints `code` as if it were the file at `filePath` (nothing is written) and returns ESLint's messages. */
function lint(filePath: string, code: string): string[] {
  const eslint = path.join(root, 'node_modules/eslint/bin/eslint.js');
  const run = spawnSync(process.execPath, [eslint, '--stdin', '--stdin-filename', filePath, '-f', 'json'], {
    cwd: root,
    input: code,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the floors in eslint.config.mjs', () => {
  it('refuses an import of a higher floor', () => {
    const code = "import { buildBot } from '../app/bot';\nexport { buildBot };\n";
    expect(lint('src/services/probe.ts', code)).toHaveLength(1);
    const fromFeature =
      "import type { FeatureKit } from '../commands/feature-kit';\nexport type { FeatureKit };\n";
    expect(lint('src/bot/probe.ts', fromFeature)).toHaveLength(1);
  });

  it('allows the floors below, the language floor and the ports', () => {
    const code = [
      "import { isUuid } from '../lib/ids';",
      "import { parseCommand } from '../commands/parser';",
      "import type { OutboundPayload } from '../outbox/outbound-payload';",
      'export { isUuid, parseCommand };',
      'export type { OutboundPayload };',
      '',
    ].join('\n');
    expect(lint('src/services/probe.ts', code)).toEqual([]);
  });
});
