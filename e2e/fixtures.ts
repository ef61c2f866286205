/**
 * The `test` every browser test uses: one browser context per Playwright worker,
 * shared by its tests, so Python's memory snapshot (kept in Cache Storage, as a
 * returning visitor's browser keeps it) is made once per suite instead of once
 * per test. Each test still starts clean: a new page, and localStorage and
 * IndexedDB (drafts, files) emptied before it. A test that needs a first visit
 * in a fresh profile creates its own context with `freshContext`.
 */
import { test as base, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';

export { expect } from '@playwright/test';

function contextOptions(use: Record<string, unknown>): BrowserContextOptions {
  return {
    baseURL: use.baseURL as string | undefined,
    viewport: (use.viewport as BrowserContextOptions['viewport']) ?? { width: 1280, height: 800 },
    permissions: (use.permissions as string[] | undefined) ?? [],
  };
}

/** A new, empty browser profile (no snapshot cached, no drafts): a first visit. */
export async function freshContext(browser: Browser, baseURL: string | undefined): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
}

/**
 * `engine`: the blocking path the page is asked to take (a project option). Chromium has
 * JSPI, so by default the page blocks by suspension; the `shared-memory` project asks for
 * the path Firefox and Safari take, the way a learner would from the "about" panel.
 */
export const test = base.extend<{ page: Page; engine: string | undefined }, { sharedContext: BrowserContext }>({
  engine: [undefined, { option: true }],
  sharedContext: [
    async ({ browser }, use, workerInfo) => {
      const ctx = await browser.newContext(contextOptions(workerInfo.project.use as Record<string, unknown>));
      await use(ctx);
      await ctx.close();
    },
    { scope: 'worker' },
  ],
  page: async ({ sharedContext, viewport, colorScheme, engine }, use) => {
    // Pages a previous test left open would hold the storage we are about to clear.
    for (const old of sharedContext.pages()) await old.close();
    const page = await sharedContext.newPage();
    // Options a test sets with test.use() apply to its page (the context is shared).
    if (viewport) await page.setViewportSize(viewport);
    if (colorScheme) await page.emulateMedia({ colorScheme });
    // Same origin as the app, without starting it: clear what a previous test left.
    await page.goto('/__blank__.txt'); // a 404 page of the same origin: the app does not start
    await page.evaluate(async () => {
      localStorage.clear();
      sessionStorage.clear();
      const dbs = (await indexedDB.databases?.()) ?? [];
      const cleared = Promise.all(
        dbs.map(
          (db) =>
            new Promise<void>((done) => {
              if (!db.name) return done();
              const req = indexedDB.deleteDatabase(db.name);
              req.onsuccess = req.onerror = req.onblocked = () => done();
            }),
        ),
      );
      await Promise.race([cleared, new Promise((r) => setTimeout(r, 5000))]);
    });
    if (engine) await page.evaluate((path) => localStorage.setItem('exitlab:engine', path), engine);
    await use(page);
    await page.close();
  },
});
