import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/harness/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'text'],
      // RFC judgement lives in src/core; it must stay fully exercised (issue 2 acceptance).
      thresholds: { 'src/core/**/*.ts': { lines: 95 } },
    },
  },
});
