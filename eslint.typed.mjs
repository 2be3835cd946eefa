// Type-aware lint for src/ (typescript-eslint recommendedTypeChecked). Issue 12 makes it the default;
// until then: npm run lint:typed (or npx eslint -c eslint.typed.mjs src/<files>).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'web/**',
      'node_modules/**',
      'coverage/**',
      '.data/**',
      'test/**',
      'bench/**',
      '*.js',
      '*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
