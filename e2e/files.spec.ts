/** Files a program writes are kept for its next run, across reloads, until Reset. */
import { expect, test } from './fixtures';
import { openPage, run, setCode, transcriptText, waitForExit, waitForPython } from './helpers';

const COUNTER = [
  'import os',
  'n = int(open("count.txt").read()) if os.path.exists("count.txt") else 0',
  'n += 1',
  'with open("count.txt", "w") as f:',
  '    f.write(str(n))',
  'print("run", n)',
].join('\n');

test('files are kept between runs and listed with their contents', async ({ page }) => {
  await openPage(page);
  await waitForPython(page);
  await setCode(page, COUNTER);
  await run(page);
  await waitForExit(page);
  expect(await transcriptText(page)).toContain('run 1\n');
  const files = page.getByTestId('files-panel');
  await expect(files.getByRole('button', { name: /count\.txt/ })).toBeVisible();
  await expect(files).toContainText('new');

  await run(page);
  await waitForExit(page);
  expect(await transcriptText(page)).toContain('run 2\n');
  await files.getByRole('button', { name: /count\.txt/ }).click();
  await expect(files.getByTestId('file-content')).toHaveText('2');

  // Across a reload too: the disk is kept in the browser.
  await page.reload();
  await expect(page.locator('[data-testid="editor"][data-state="ready"]')).toBeVisible();
  await waitForPython(page);
  await run(page);
  await waitForExit(page);
  expect(await transcriptText(page)).toContain('run 3\n');

  // Reset clears them (and the original snippet comes back: put the counter in again).
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(files.getByRole('button', { name: /count\.txt/ })).toHaveCount(0);
  await setCode(page, COUNTER);
  await run(page);
  await waitForExit(page);
  expect(await transcriptText(page)).toContain('run 1\n');
});

test('work saved by an atexit handler is on the disk for the next run', async ({ page }) => {
  await openPage(page);
  await waitForPython(page);
  await setCode(
    page,
    [
      'import atexit, os, sys',
      'if os.path.exists("saved.txt"):',
      '    print("found:", open("saved.txt").read())',
      '    sys.exit(0)',
      'atexit.register(lambda: open("saved.txt", "w").write("pending work"))',
      'sys.exit(2)',
    ].join('\n'),
  );
  await run(page);
  expect(await waitForExit(page)).toMatch(/^exit status 2/);
  await run(page);
  expect(await waitForExit(page)).toMatch(/^exit status 0/);
  expect(await transcriptText(page)).toContain('found: pending work');
});
