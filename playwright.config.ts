/**
 * End-to-end tests in Debian's Chromium against the built site (`dist/`),
 * served by scripts/serve.mjs with the cross-origin isolation headers.
 *
 *   npm run build && npx playwright test
 *
 * CHROMIUM=/path/to/chromium overrides the browser; E2E_PORT the port.
 */
import { defineConfig } from '@playwright/test';

/** The specs whose programs block (input, signals, sleeps): run on both engine paths. */
const BLOCKING_SPECS = /(input|signals)\.spec\.ts$/;

const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig<{ engine?: string }>({
  testDir: './e2e',
  testMatch: '*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    permissions: ['clipboard-read', 'clipboard-write'],
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // Chromium has JSPI: programs block by suspension, on isolated pages too.
    { name: 'suspension' },
    // The path of browsers without JSPI (Firefox, Safari) on an isolated page.
    { name: 'shared-memory', testMatch: BLOCKING_SPECS, use: { engine: 'shared-memory' } },
  ],
  webServer: {
    command: `node scripts/serve.mjs --port ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
