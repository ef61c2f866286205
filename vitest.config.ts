import { defineConfig } from 'vitest/config';

// Unit and command-line tests (browser tests live in e2e/ and run under Playwright).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'dist-cli/**', 'e2e/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Engine tests start real interpreters: two cores, so keep files from piling up.
    maxWorkers: 2,
  },
});
