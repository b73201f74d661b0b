import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration and browser tests start brokers and servers on their own ports; files run in parallel on 2 cores.
    maxWorkers: 2,
    // The browser tests and the CLI tests run the built app; a stale build is rebuilt once here.
    globalSetup: ['tests/global-setup.ts'],
    // The JSON report is what CI counts ("N passed, N failed").
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
