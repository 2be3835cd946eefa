import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/**
 * Lints each `code` as the file at its path with the project's eslint.config.mjs, in one process, and
 * returns the floor rule's messages per path. Only the floor rule runs (ESLint's `ruleFilter`), and the
 * probes are parsed without type information: `no-restricted-imports` reads the import text alone, and
 * the type-aware parse of src/ (the whole TypeScript program, ≈ 14 s of CPU on this machine) served
 * only the other rules. So the probes need not be on disk either (ESLint's `lintText` with their path
 * picks the config blocks by that path). A parse failure or an ignored path fails the test.
 */
function lintAll(probes: Record<string, string>): Record<string, string[]> {
  const script = `
    import { ESLint } from 'eslint';
    const probes = JSON.parse(process.env.FLOOR_PROBES);
    const eslint = new ESLint({
      cwd: ${JSON.stringify(root)},
      overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
      ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
    });
    const out = {};
    for (const [filePath, code] of Object.entries(probes)) {
      const [result] = await eslint.lintText(code, { filePath, warnIgnored: true });
      out[filePath] = result.messages;
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FLOOR_PROBES: JSON.stringify(probes) },
  });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  const results = JSON.parse(run.stdout) as Record<string, { ruleId: string | null; message: string }[]>;
  const out: Record<string, string[]> = {};
  for (const filePath of Object.keys(probes)) {
    const messages = results[filePath];
    if (!messages) throw new Error(`eslint did not lint ${filePath}`);
    const fatal = messages.filter((m) => m.ruleId === null);
    if (fatal.length) throw new Error(`eslint could not lint ${filePath}: ${fatal[0]!.message}`);
    out[filePath] = messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  }
  return out;
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
      "import { isUuid } from '../lib/ids'",
      "import { parseCommand } from '../commands/parser';",
      "import type { OutboundPayload } from '../outbox/outbound-payload';",
      'export { isUuid, parseCommand };',
      'export type { OutboundPayload };',
      '',
    ].join('\n'),
  });
}, 60_000);

describe('the floors in eslint.config.mjs', () => {
  it('refuses an import of a higher floor', () => {
    expect(messages[HIGHER]).toHaveLength(1);
    expect(messages[FROM_FEATURE]).toHaveLength(1);
  });

  it('allows the floors below, the language floor and the ports', () => {
    expect(messages[BELOW]).toEqual([]);
  });
});
