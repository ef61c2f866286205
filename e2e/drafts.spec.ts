/** Drafts survive a reload; Reset puts back the original and can be undone. */
import { expect, test } from './fixtures';
import { DRAFT_KEY, editorText, openPage, setCode, setCommand } from './helpers';

const MINE = 'print("my draft survives")\n';

test('drafts are kept across reload', async ({ page }) => {
  await openPage(page);
  const original = await editorText(page);
  await setCode(page, MINE);
  await setCommand(page, 'python main.py arg1');
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY)).toBe(MINE);
  await page.reload();
  await expect(page.locator('[data-testid="editor"][data-state="ready"]')).toBeVisible();
  await expect.poll(() => editorText(page)).toBe(MINE);
  await expect(page.getByRole('textbox', { name: 'Command line' })).toHaveValue('python main.py arg1');
  expect(original).not.toBe(MINE);
});

test('the draft is saved even when the page is left right after typing', async ({ page }) => {
  await openPage(page);
  await setCode(page, MINE);
  await page.reload(); // within the edit debounce
  await expect(page.locator('[data-testid="editor"][data-state="ready"]')).toBeVisible();
  await expect.poll(() => editorText(page)).toBe(MINE);
});

test('Reset puts back the original snippet, and Undo reset brings the draft back', async ({ page }) => {
  await openPage(page);
  const original = await editorText(page);
  await setCode(page, MINE);
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY)).toBe(MINE);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect.poll(() => editorText(page)).toBe(original);
  expect(await page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY)).toBeNull();
  await page.getByRole('button', { name: 'Undo reset' }).click();
  await expect.poll(() => editorText(page)).toBe(MINE);
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY)).toBe(MINE);
});

test('a huge paste does not freeze the page', async ({ page }) => {
  await openPage(page);
  const big = Array.from({ length: 50_000 }, (_, i) => `print(${i})  # ${'y'.repeat(40)}`).join('\n');
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((t) => navigator.clipboard.writeText(t), big);
  const t0 = Date.now();
  await page.keyboard.press('ControlOrMeta+V');
  // The page answers quickly after the paste.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  await page.getByRole('textbox', { name: 'Command line' }).fill('python main.py');
  expect(Date.now() - t0).toBeLessThan(3_000);
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  await expect.poll(() => editorText(page).then((t) => t.split('\n')[0])).toBe(`print(0)  # ${'y'.repeat(40)}`);
});
