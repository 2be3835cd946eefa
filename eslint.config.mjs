// Lint config: typescript-eslint's recommended rules, type-aware on src/; formatting is prettier's job. The floors below
// keep dependencies pointing down (README "Architecture"): a backwards import fails `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * src/ rooms, lowest floor first; a room may import its own floor and the floors below. A room is a
 * folder, or a file when it ends in `.ts`. `commands/parser` and `commands/understand` (pure language:
 * text in, typed command out) sit below the repositories; the feature folders of `commands/` sit
 * above `bot/`, which dispatches to them.
 */
const FLOORS = [
  ['lib', 'charts', 'media'],
  ['entities', 'migrations', 'infra'],
  ['commands/parser', 'commands/understand'],
  ['repositories'],
  ['services'],
  ['bot'],
  [
    'commands/account',
    'commands/leader',
    'commands/outreach',
    'commands/problems',
    'commands/visits',
    'commands/index.ts',
    'commands/feature-kit.ts',
    'commands/labels.ts',
  ],
  ['outbox', 'platforms', 'intake', 'jobs', 'roster', 'http', 'console'],
  ['app', 'doctor'],
  ['cli', 'dev'],
];

/**
 * What any floor may import wherever it lives: the two message shapes, and the outbox's Sender, the
 * one port through which anything queues a message.
 */
const PORTS = ['bot/inbound-message', 'outbox/outbound-payload', 'outbox/sender', 'platforms/adapter'];

/**
 * Pure rule tables (no I/O) the language and repository floors read though they live in services/:
 * who may do what, the category words, and the contact rule (a firm's target, its SQL expression).
 */
const RULE_TABLES = ['services/permissions', 'services/category-inference', 'services/contact-rule'];

/**
 * Backward imports in files being rewritten, by file name; each goes when its file is rewritten. Listed
 * here, not hidden: any other backward import fails `npm run lint`. Empty now: keep it so.
 */
const PENDING = {};

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** How src/ imports a room: `(../)+folder[/…]`, or for a file `(../)+dir/file` (and `dir` for an index). */
const targetsOf = (room) =>
  room.endsWith('.ts')
    ? [
        escape(room.slice(0, -3)) + '$',
        ...(room.endsWith('/index.ts') ? [escape(room.slice(0, -9)) + '$'] : []),
      ]
    : [escape(room) + '(/.*)?$'];
const globOf = (room) => (room.endsWith('.ts') ? `src/${room}` : `src/${room}/**/*.ts`);

/** One pattern: any room above, unless the import is one of `allowed`. */
function pattern(room, above, allowed) {
  const refused = above.flatMap(targetsOf).join('|');
  const except = allowed.length ? `(?!(\\.\\./)+(${allowed.flatMap(targetsOf).join('|')}))` : '';
  return {
    regex: `^${except}(\\.\\./)+(${refused})`,
    message: `${room} sits below this floor (README "Architecture"): move the shared piece down, or pass it in.`,
  };
}

function floorRules() {
  return FLOORS.flatMap((floor, level) => {
    const above = FLOORS.slice(level + 1).flat();
    if (above.length === 0) return [];
    return floor.flatMap((room) => {
      const allowed = [...PORTS, ...(level === 2 || level === 3 ? RULE_TABLES : [])];
      const rule = (extra) => ({
        'no-restricted-imports': ['error', { patterns: [pattern(room, above, [...allowed, ...extra])] }],
      });
      const pending = Object.entries(PENDING).filter(([file]) =>
        room.endsWith('.ts') ? file === `src/${room}` : file.startsWith(`src/${room}/`),
      );
      return [
        { files: [globOf(room)], rules: rule([]) },
        ...pending.map(([file, extra]) => ({ files: [file], rules: rule(extra) })),
      ];
    });
  });
}

export default tseslint.config(
  { ignores: ['dist/**', 'web/dist/**', 'node_modules/**', 'coverage/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
    // A CommonJS file: require is how it imports.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware rules on the application code (typed rows, no unsafe any).
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  ...floorRules(),
);
