/**
 * Progress across lessons: lessons done and predictions (with their verdicts) survive a
 * reload, and travel to another browser profile as an exported file; a file that is not one
 * is refused with the reason and changes nothing.
 */
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, freshContext, test } from './fixtures';
import { openPage, run, waitForExit, waitForPython } from './helpers';

test('predictions and lessons done survive a reload, and move to a fresh profile as a file', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  await openPage(page, '#lesson/atexit');
  const card = page.getByTestId('predict-card');
  await card.getByRole('radiogroup', { name: 'Predicted exit status' }).getByRole('radio', { name: '2', exact: true }).check();
  const steps = card.getByRole('group', { name: /Predicted cleanup steps/ });
  for (const name of ['atexit notify_server', 'atexit upload_stats', 'atexit close_log', 'atexit say_goodbye']) {
    await steps.getByRole('checkbox', { name: new RegExp(`^${name}`) }).check();
  }
  await waitForPython(page);
  await run(page);
  await waitForExit(page);
  await expect(page.getByTestId('predict-score')).toHaveText('6/6');

  await page.reload();
  await expect(page.getByTestId('predict-score')).toHaveText('6/6', { timeout: 30_000 });
  // The playground shows the whole lesson list (a lesson may fold it into a rail).
  await openPage(page);
  await expect(page.locator('[data-testid="lesson-sidebar"] [data-lesson="atexit"]')).toHaveAttribute('data-done', 'true');

  const sidebar = page.getByTestId('lesson-sidebar');
  const [download] = await Promise.all([page.waitForEvent('download'), sidebar.getByRole('button', { name: 'Export progress' }).click()]);
  expect(download.suggestedFilename()).toBe('exitlab-progress.json');
  const dir = mkdtempSync(join(tmpdir(), 'exitlab-progress-'));
  const file = join(dir, 'exitlab-progress.json');
  await download.saveAs(file);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'exitlab-progress', version: 1, done: ['atexit'] });

  const ctx = await freshContext(browser, baseURL);
  const other = await ctx.newPage();
  await openPage(other);
  const item = other.locator('[data-testid="lesson-sidebar"] [data-lesson="atexit"]');
  await expect(item).toHaveAttribute('data-done', 'false');
  // Not a progress file: refused, nothing changes.
  const bad = join(dir, 'notes.json');
  writeFileSync(bad, JSON.stringify({ format: 'exitlab-progress', version: 1, done: ['<img src=x onerror=alert(1)>'], predictions: {} }));
  await other.getByTestId('progress-file').setInputFiles(bad);
  await expect(other.getByTestId('progress-note')).toContainText('Not imported: The progress file is damaged');
  await expect(item).toHaveAttribute('data-done', 'false');
  // The exported file: the lesson is done and the verdict is back.
  await other.getByTestId('progress-file').setInputFiles(file);
  await expect(other.getByTestId('progress-note')).toHaveText('Imported 1 lesson(s) done and 1 prediction(s).');
  await expect(item).toHaveAttribute('data-done', 'true');
  await openPage(other, '#lesson/atexit');
  await expect(other.getByTestId('predict-score')).toHaveText('6/6');
  await ctx.close();
});
