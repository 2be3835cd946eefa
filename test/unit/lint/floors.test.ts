import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/**
 * Lints `code` as the file at `filePath` and returns the floor rule's messages. The file is written for
 * the run (the type-aware rules on src/ need it on disk, inside the TypeScript project) and removed after.
 */
function lint(filePath: string, code: string): string[] {
  const eslint = path.join(root, 'node_modules/eslint/bin/eslint.js');
  const file = path.join(root, filePath);
  writeFileSync(file, code);
  try {
    const run = spawnSync(process.execPath, [eslint, '-f', 'json', filePath], {
      cwd: root,
      encoding: 'utf8',
    });
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
    const fatal = result!.messages.filter((m) => m.ruleId === null);
    if (fatal.length) throw new Error(`eslint could not lint ${filePath}: ${fatal[0]!.message}`);
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  } finally {
    rmSync(file, { force: true });
  }
}

describe('the floors in eslint.config.mjs', () => {
  it('refuses an import of a higher floor', () => {
    const code = "import { buildBot } from '../app/bot';\nexport { buildBot };\n";
    expect(lint('src/services/__floor-probe__.ts', code)).toHaveLength(1);
    const fromFeature =
      "import type { FeatureKit } from '../commands/feature-kit';\nexport type { FeatureKit };\n";
    expect(lint('src/bot/__floor-probe__.ts', fromFeature)).toHaveLength(1);
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
    expect(lint('src/services/__floor-probe__.ts', code)).toEqual([]);
  });
});
