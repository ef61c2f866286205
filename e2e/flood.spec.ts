/** A print flood keeps the page responsive, the terminal capped, and Stop working. */
import { expect, test } from './fixtures';
import { exitStatus, openPage, run, setCode, transcriptText, waitForExit, waitForOutput, waitForPython } from './helpers';

test('while True: print("x" * 100)', async ({ page }) => {
  await openPage(page);
  await waitForPython(page);
  await setCode(page, 'while True:\n    print("x" * 100)\n');
  await run(page);
  await waitForOutput(page, 'x'.repeat(100));

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
  expect(worstGapMs).toBeLessThan(250);

  // What the terminal keeps is capped, with a notice that output was cut.
  await expect(page.getByTestId('transcript')).toContainText(/\[output cut: \d+ bytes not shown\]/, { timeout: 30_000 });

  // The page still answers clicks, and Stop works.
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  expect(await waitForExit(page, 5_000)).toBe('killed by SIGKILL (137) · no cleanup ran');
  expect(Date.now() - t0).toBeLessThan(2_000);
  await expect(exitStatus(page)).toHaveText(/^killed by SIGKILL/);

  const text = await transcriptText(page);
  expect(text.startsWith('$ python main.py\n')).toBe(true);
  expect(text.endsWith('[killed by SIGKILL (137)]')).toBe(true);
  expect(text.length).toBeLessThan(2_200_000);
  expect(text.split('\n').length).toBeLessThan(10_100);
});
