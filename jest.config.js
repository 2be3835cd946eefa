const { availableParallelism } = require('node:os');

/** Two tiers: unit (pure, fast) and integration (real PostgreSQL and Redis). */
const common = {
  testEnvironment: 'node',
  // TypeScript through esbuild, one file at a time (test/support/esbuild-transform.mjs; `npm run lint` type-checks).
  transform: { '^.+\\.ts$': '<rootDir>/test/support/esbuild-transform.mjs' },
  setupFiles: ['<rootDir>/test/support/setup-env.ts'],
};

module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // One and a half workers per core, so three on this machine (jest's default there is one, in band):
  // much of an integration file's time is waiting on PostgreSQL, Redis, child processes and Chromium,
  // which the other workers fill. Measured back to back on 2 cores: 2 workers 162 s, 3 workers 136 s,
  // 4 workers 147 s. Each worker has a database cloned from the run's template and a Redis prefix of
  // its own (test/support/env.ts), so they never share state. (Computed here: jest reads '150%' as
  // 150 workers, taking only percentages up to 100.)
  maxWorkers: Math.max(1, Math.round(availableParallelism() * 1.5)),
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      slowTestThreshold: 20,
    },
  ],
  testTimeout: 30000,
};
