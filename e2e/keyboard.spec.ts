/** Keyboard-only use: Run, Stop and signals reachable by Tab; focus can leave the editor and the terminal. */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { exitStatus, openPage, setCode, transcriptText, waitForExit, waitForOutput, waitForPython } from './helpers';

/** The accessible-ish name of the focused element (text of a button, aria-label otherwise). */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    return (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
  });
}

/** Presses Tab (or Shift+Tab) until the focused element's name is `name`. */
async function tabTo(page: Page, name: string, back = false): Promise<void> {
  // The lesson sidebar and the predict card add many stops: allow for them.
  for (let i = 0; i < 200; i++) {
    if ((await focusedName(page)) === name) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not reach "${name}" with ${back ? 'Shift+Tab' : 'Tab'}`);
}

async function focusInside(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => !!document.activeElement?.closest(sel), selector);
}

const HANDLER = [
  'import signal, sys, time',
  'signal.signal(signal.SIGTERM, lambda s, f: (print("bye from handler"), sys.exit(5)))',
  'print("looping")',
  'while True:',
  '    time.sleep(0.05)',
].join('\n');

test('Run, SIGTERM and Stop by keyboard alone', async ({ page }) => {
  await openPage(page);
  await waitForPython(page);
  await setCode(page, HANDLER);

  // Leave the editor: Escape, then Tab.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await focusInside(page, '.monaco-editor')).toBe(false);

  // From the top of the page, Tab to Run and press Enter.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await tabTo(page, 'Run');
  await page.keyboard.press('Enter');
  await waitForOutput(page, 'looping');

  await tabTo(page, 'SIGTERM');
  await page.keyboard.press('Enter');
  expect(await waitForExit(page)).toMatch(/^exit status 5 · sys\.exit\(5\)/);
  expect(await transcriptText(page)).toContain('bye from handler');

  // Ctrl+Enter runs from anywhere; Stop by Space.
  await page.keyboard.press('Control+Enter');
  await waitForOutput(page, 'looping');
  await expect(exitStatus(page)).toHaveText('running');
  await tabTo(page, 'Stop', true);
  await page.keyboard.press('Space');
  expect(await waitForExit(page)).toBe('killed by SIGKILL (137) · no cleanup ran');
});

test('More signals menu by keyboard', async ({ page }) => {
  await openPage(page);
  await waitForPython(page);
  await setCode(
    page,
    ['import signal, sys, time', 'signal.signal(signal.SIGHUP, lambda s, f: sys.exit(9))', 'print("up")', 'time.sleep(30)'].join('\n'),
  );
  await page.keyboard.press('Control+Enter');
  await waitForOutput(page, 'up');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await tabTo(page, 'More signals');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu', { name: 'More signals' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /SIGHUP/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: /SIGUSR1/ })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  expect(await waitForExit(page)).toMatch(/^exit status 9/);
});

test('Ctrl+Enter in the editor runs instead of inserting a line', async ({ page }) => {
  await openPage(page);
  await waitForPython(page);
  await setCode(page, 'print("ran from the editor")');
  await page.keyboard.press('Control+Enter');
  await waitForExit(page);
  expect(await transcriptText(page)).toContain('ran from the editor');
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('.monaco-editor .view-line').length)).toBe(1);
});

test('focus can leave the terminal by keyboard', async ({ page }) => {
  await openPage(page);
  await page.getByTestId('terminal').click();
  expect(await focusInside(page, '[data-testid="terminal"]')).toBe(true);
  await page.keyboard.press('Tab');
  expect(await focusInside(page, '[data-testid="terminal"]')).toBe(false);
  await page.keyboard.press('Shift+Tab');
  expect(await focusInside(page, '[data-testid="terminal"]')).toBe(true);
  await page.keyboard.press('Shift+Tab');
  expect(await focusInside(page, '[data-testid="terminal"]')).toBe(false);
});
