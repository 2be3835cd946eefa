import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/**
 * Lints each `code` as the file at its path, in one eslint run (the type-aware rules on src/ build the
 * TypeScript program once, not once per probe), and returns the floor rule's messages per path. The
 * files are written for the run (those rules need them on disk, inside the TypeScript project) and
 * removed after.
 */
function lintAll(probes: Record<string, string>): Record<string, string[]> {
  const eslint = path.join(root, 'node_modules/eslint/bin/eslint.js');
  const files = Object.keys(probes);
  for (const filePath of files) writeFileSync(path.join(root, filePath), probes[filePath]!);
  try {
    const run = spawnSync(process.execPath, [eslint, '-f', 'json', ...files], {
      cwd: root,
      encoding: 'utf8',
    });
    const results = JSON.parse(run.stdout) as {
      filePath: string;
      messages: { ruleId: string | null; message: string }[];
    }[];
    const out: Record<string, string[]> = {};
    for (const filePath of files) {
      const result = results.find((r) => r.filePath === path.join(root, filePath));
      if (!result) throw new Error(`eslint did not lint ${filePath}`);
      const fatal = result.messages.filter((m) => m.ruleId === null);
      if (fatal.length) throw new Error(`eslint could not lint ${filePath}: ${fatal[0]!.message}`);
      out[filePath] = result.messages
        .filter((m) => m.ruleId === 'no-restricted-imports')
        .map((m) => m.message);
    }
    return out;
  } finally {
    for (const filePath of files) rmSync(path.join(root, filePath), { force: true });
  }
}

const HIGHER = 'src/services/__floor-probe__.ts';
const FROM_FEATURE = 'src/bot/__floor-probe__.ts';
const BELOW = 'src/services/__floor-probe-below__.ts';

let messages: Record<string, string[]>;

beforeAll(() => {
  messages = lintAll({
    [HIGHER]: "import { buildBot } from '../app/bot';\nexport { buildBot };\n",
    [FROM_FEATURE]:
      "import type { FeatureKit } from '../commands/feature-kit';\nexport type { FeatureKit };\n",
    [BELOW]: [
      "import { isUuid } from '../lib/ids';",
      "import { parseCommand } from '../commands/parser';",
      "import type { OutboundPayload } from '../outbox/outbound-payload';",
      'export { isUuid, parseCommand };',
      'export type { OutboundPayload };',
      '',
    ].join('\n'),
  });
}, 120_000);

describe('the floors in eslint.config.mjs', () => {
  it('refuses an import of a higher floor', () => {
    expect(messages[HIGHER]).toHaveLength(1);
    expect(messages[FROM_FEATURE]).toHaveLength(1);
  });

  it('allows the floors below, the language floor and the ports', () => {
    expect(messages[BELOW]).toEqual([]);
  });
});
