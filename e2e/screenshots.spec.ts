/**
 * The README's screenshots (docs/*.png): idle, mid-run with input, after a SIGTERM.
 * Skipped unless SCREENSHOTS=1:
 *
 *   npm run build && SCREENSHOTS=1 npx playwright test e2e/screenshots.spec.ts
 */
import { expect, test } from './fixtures';
import { focusTerminal, openPage, run, setCode, signalButton, waitForExit, waitForOutput, waitForPython } from './helpers';

test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to regenerate docs/*.png');

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} scheme`, () => {
    test.use({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });
    const suffix = scheme === 'light' ? '' : '-dark';

    test('idle', async ({ page }) => {
      await openPage(page);
      await waitForPython(page);
      await page.mouse.move(0, 0);
      await page.screenshot({ path: `docs/screenshot-idle${suffix}.png` });
    });

    test('mid-run with input', async ({ page }) => {
      await openPage(page);
      await waitForPython(page);
      await run(page); // the default program asks for a name
      await waitForOutput(page, "What's your name? ");
      await focusTerminal(page);
      await page.keyboard.type('Ada');
      await expect(page.getByTestId('transcript')).toContainText('Ada');
      await page.waitForTimeout(300);
      await page.screenshot({ path: `docs/screenshot-input${suffix}.png` });
    });

    test('after a SIGTERM', async ({ page }) => {
      await openPage(page);
      await waitForPython(page);
      await setCode(
        page,
        [
          '"""A worker that saves its progress... if it gets the chance."""',
          'import atexit',
          'import time',
          '',
          'atexit.register(print, "atexit: progress saved")',
          '',
          'try:',
          '    for step in range(1, 1000):',
          '        print(f"step {step}: working…")',
          '        time.sleep(0.4)',
          'finally:',
          '    print("finally: closing files")',
          '',
        ].join('\n'),
      );
      await run(page);
      await waitForOutput(page, 'step 3: working');
      await signalButton(page, 'SIGTERM').click();
      await waitForExit(page);
      await page.locator('.monaco-editor .view-lines').click({ position: { x: 400, y: 300 } });
      await page.keyboard.press('Escape');
      await page.mouse.move(0, 0);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.waitForTimeout(300);
      await page.screenshot({ path: `docs/screenshot-sigterm${suffix}.png` });
    });
  });
}
