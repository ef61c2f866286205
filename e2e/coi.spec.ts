/**
 * A browser with neither JSPI nor cross-origin isolation (Firefox or Safari on a static host
 * that sends no COOP/COEP): a top-level page registers coi-serviceworker, which adds the
 * headers, and reloads once; programs then block on shared memory. Inside another site's
 * iframe that cannot work, so the page says so in one line and still runs programs.
 *
 * Chromium has JSPI; these tests take it away from the page before any script runs (the
 * page decides the path), and serve the site with no isolation headers at all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { BOOT_TIMEOUT } from './helpers';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = 4176;
const PLAIN = `http://127.0.0.1:${PORT}`;
let server: ChildProcess;

test.beforeAll(async () => {
  server = spawn(process.execPath, [join(ROOT, 'scripts/serve.mjs'), '--port', String(PORT), '--no-isolation'], {
    stdio: 'ignore',
  });
  await expect
    .poll(async () => fetch(`${PLAIN}/`).then((r) => r.headers.get('cross-origin-opener-policy') ?? 'none', () => 'down'))
    .toBe('none');
});
test.afterAll(() => {
  server.kill();
});

/** A page of a fresh profile (no service worker registered yet) whose window has no JSPI. */
async function pageWithoutJspi(browser: Browser): Promise<Page> {
  // A fresh profile; an article on a public site may frame a local one only with this permission.
  const context = await browser.newContext({ baseURL: PLAIN, permissions: ['local-network-access'] });
  await context.addInitScript(() => {
    delete (WebAssembly as { Suspending?: unknown }).Suspending;
  });
  return context.newPage();
}

test('a top-level page gets isolation from the service worker, reloads once, and blocks on shared memory', async ({ browser }) => {
  const page = await pageWithoutJspi(browser);
  let loads = 0;
  page.on('load', () => loads++);
  await page.goto(`${PLAIN}/`);
  // The service worker's reload may destroy the page under an evaluate: that counts as not yet.
  await expect
    .poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), { timeout: 30_000 })
    .toBe(true);
  await expect(page.getByTestId('engine-state')).toHaveText(/^Python 3\.\d+/, { timeout: BOOT_TIMEOUT });
  // Reloaded once, by the service worker's script (the first load may not have finished).
  expect(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).type)).toBe('reload');
  expect(loads).toBeLessThanOrEqual(2);
  await expect(page.getByTestId('isolation-banner')).toHaveCount(0);
  await page.getByTestId('engine-state').click();
  await expect(page.getByTestId('engine-path')).toHaveAttribute('data-path', 'shared-memory');
  await expect(page.getByTestId('engine-path')).toContainText('a service worker of this site adds them');
  await page.context().close();
});

test('inside another site’s iframe it says in one line that programs cannot block, and still runs them', async ({ browser }) => {
  const page = await pageWithoutJspi(browser);
  await page.route(`http://localhost:${PORT}/article.html`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><h1>An article</h1><iframe src="${PLAIN}/" style="width:1200px;height:720px"></iframe>`,
    }),
  );
  await page.goto(`http://localhost:${PORT}/article.html`);
  const frame = page.frameLocator('iframe');
  await expect(frame.getByTestId('engine-state')).toHaveText(/^Python 3\.\d+/, { timeout: BOOT_TIMEOUT });
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
  await expect(frame.getByTestId('isolation-banner')).toBeVisible();
  await frame.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(frame.getByTestId('exit-status')).toHaveText(/^exit status \d+/, { timeout: BOOT_TIMEOUT });
  await page.context().close();
});
