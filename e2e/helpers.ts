/** Helpers shared by the end-to-end tests: driving the page the way a user does. */
import type { SignalName } from '../src/engine/protocol';
import { expect, type Locator, type Page } from '@playwright/test';

export const DRAFT_KEY = 'exitlab:draft:default:main';

/** Booting Python on a loaded 2-core machine can take several seconds. */
export const BOOT_TIMEOUT = 45_000;

export function transcript(page: Page): Locator {
  return page.getByTestId('transcript');
}

export function exitStatus(page: Page): Locator {
  return page.getByTestId('exit-status');
}

export function runButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Run', exact: true });
}

export function stopButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Stop', exact: true });
}

export function signalButton(page: Page, name: SignalName): Locator {
  return page.getByRole('button', { name, exact: true });
}

/** Opens the page (optionally at a hash) and waits for the editor. */
export async function openPage(page: Page, hash = ''): Promise<void> {
  await page.goto(`/${hash}`);
  await expect(page.locator('[data-testid="editor"][data-state="ready"]')).toBeVisible({ timeout: 30_000 });
}

/** Waits until the header shows the Python version (the interpreter is ready). */
export async function waitForPython(page: Page): Promise<void> {
  await expect(page.getByTestId('engine-state')).toHaveText(/^Python 3\.\d+/, { timeout: BOOT_TIMEOUT });
}

/** The editor's text, read the way Monaco renders it is unreliable: read the saved draft/model instead. */
export async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')] as HTMLElement[];
    return lines
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' '))
      .join('\n');
  });
}

/** Replaces the program in the editor by pasting (typing would auto-indent). */
export async function setCode(page: Page, code: string): Promise<void> {
  const editor = page.locator('.monaco-editor .view-lines');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.keyboard.press('ControlOrMeta+V');
  // Monaco renders the first lines; check the first one arrived.
  const first = code.split('\n')[0] ?? '';
  await expect.poll(async () => (await editorText(page)).split('\n')[0]).toBe(first);
}

/** Sets the command line. */
export async function setCommand(page: Page, line: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Command line' }).fill(line);
}

/** Clicks Run and waits for the run to start (badge `running`) or end. */
export async function run(page: Page): Promise<void> {
  await runButton(page).click();
}

/** Waits for the run to end and returns the badge text. */
export async function waitForExit(page: Page, timeout = BOOT_TIMEOUT): Promise<string> {
  await expect(exitStatus(page)).toHaveText(/^(exit status \d+|killed by SIG[A-Z0-9]+ \(\d+\))/, { timeout });
  return (await exitStatus(page).textContent()) ?? '';
}

/** Waits until the transcript contains `text`. */
export async function waitForOutput(page: Page, text: string | RegExp, timeout = BOOT_TIMEOUT): Promise<void> {
  await expect(transcript(page)).toContainText(text, { timeout });
}

export async function transcriptText(page: Page): Promise<string> {
  return (await transcript(page).textContent()) ?? '';
}

/** Focuses the terminal the way a user does: clicking into it. */
export async function focusTerminal(page: Page): Promise<void> {
  await page.getByTestId('terminal').click();
}

/** Runs `code` with `command` (default `python main.py`) and returns the badge text once it ends. */
export async function runToExit(page: Page, code: string, command = 'python main.py'): Promise<string> {
  await setCode(page, code);
  await setCommand(page, command);
  await run(page);
  return waitForExit(page);
}

/** Every response of the app loses the isolation headers, as on a plain static host. */
export async function stripIsolationHeaders(page: Page): Promise<void> {
  await page.route(/127\.0\.0\.1/, async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    delete headers['cross-origin-resource-policy'];
    await route.fulfill({ response, headers });
  });
}
