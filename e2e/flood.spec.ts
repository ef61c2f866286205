/** A print flood keeps the page responsive, the terminal capped, and Stop working. */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { exitStatus, openPage, run, setCode, transcriptText, waitForExit, waitForOutput, waitForPython } from './helpers';

async function startFlood(page: Page): Promise<void> {
  await openPage(page);
  await waitForPython(page);
  await setCode(page, 'while True:\n    print("x" * 100)\n');
  await run(page);
  await waitForOutput(page, 'x'.repeat(100));
}

// KNOWN BUG (issue 3 stays open): during a flood the page's main thread still
// stalls for about a second at a time (measured 1.1-1.2 s on CI's machine), in
// the terminal/transcript work, not in receiving output (the worker now writes
// through a shared ring, one message per drain). Marked as failing until fixed,
// so it cannot silently start passing or be forgotten.
test('the page stays responsive during a print flood', async ({ page }) => {
  test.fail(true, 'known: the terminal panel stalls ~1 s per batch during a flood');
  await startFlood(page);
  // Main-thread responsiveness during the flood: the longest gap between timer ticks over 3 s.
  const worstGapMs = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let last = performance.now();
        let worst = 0;
        const start = last;
        const tick = (): void => {
          const now = performance.now();
          worst = Math.max(worst, now - last);
          last = now;
          if (now - start < 3000) setTimeout(tick, 10);
          else resolve(worst);
        };
        setTimeout(tick, 10);
      }),
  );
  // And Stop answers within 2 s even mid-flood.
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await waitForExit(page, 15_000);
  expect(Date.now() - t0).toBeLessThan(2_000);
  expect(worstGapMs).toBeLessThan(250);
});

test('while True: print("x" * 100) is capped, and Stop ends it', async ({ page }) => {
  await startFlood(page);
  // What the terminal keeps is capped, with a notice that output was cut.
  await expect(page.getByTestId('transcript')).toContainText(/\[output cut: \d+ bytes not shown\]/, { timeout: 30_000 });

  // The page still answers clicks, and Stop works (how fast it answers is the known bug above).
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  expect(await waitForExit(page, 15_000)).toBe('killed by SIGKILL (137) · no cleanup ran');
  await expect(exitStatus(page)).toHaveText(/^killed by SIGKILL/);

  const text = await transcriptText(page);
  expect(text.startsWith('$ python main.py\n')).toBe(true);
  expect(text.endsWith('[killed by SIGKILL (137)]')).toBe(true);
  expect(text.length).toBeLessThan(2_200_000);
  expect(text.split('\n').length).toBeLessThan(10_100);
});
