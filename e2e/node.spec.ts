/**
 * The Node.js runtime offline, as CI is: `node main.js` says
 * clearly, within the (shortened) boot timeout, that Node.js cannot start, why
 * and what to do; the WebContainer is never booted twice; Python runs fine
 * afterwards. `?nodeBootTimeoutMs=3000` shortens the 20 s limit for the test.
 */
import { expect, test } from './fixtures';
import { editorText, exitStatus, runToExit, transcript, waitForPython } from './helpers';

const BOOT_TIMEOUT_MS = 3000;

test('offline: node main.js says why Node.js is unavailable, then Python runs fine', async ({ page }) => {
  await page.goto(`/?nodeBootTimeoutMs=${BOOT_TIMEOUT_MS}`);
  await expect(page.locator('[data-testid="editor"][data-state="ready"]')).toBeVisible({ timeout: 30_000 });
  await waitForPython(page);

  // The editor highlights JavaScript once the command line runs node.
  await page.getByRole('textbox', { name: 'Command line' }).fill('node main.js 3; echo "status $?"');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-language', 'javascript');

  const started = Date.now();
  const badge = await runToExit(
    page,
    ['process.on("exit", (code) => console.log("exit", code));', 'process.exit(Number(process.argv[2]));'].join('\n'),
    'node main.js 3; echo "status $?"',
  );
  const elapsed = Date.now() - started;
  // Within the timeout (plus the page's own work), never the default 20 s.
  expect(elapsed).toBeLessThan(BOOT_TIMEOUT_MS + 8_000);

  const status = page.getByTestId('node-status');
  await expect(status).toHaveAttribute('data-state', 'unavailable');
  const text = (await status.textContent()) ?? '';
  // One sentence for why, one for what to do; Python is said to keep working.
  expect(text).toMatch(/^The Node\.js runtime .+\. .+Python lessons keep working\.$/);
  const out = (await transcript(page).textContent()) ?? '';
  expect(out).toContain('$ node main.js 3; echo "status $?"\n');
  expect(out).toContain('The Node.js runtime');
  expect(out).toContain('Python lessons keep working.');
  expect(out).toContain('status 127\n');
  expect(badge).toMatch(/^exit status 0/); // echo's status

  // Again, and through "Open shell": the same answer at once, and the WebContainer is not booted twice.
  const again = Date.now();
  await page.getByRole('button', { name: 'Open shell' }).click();
  await expect(exitStatus(page)).toHaveText(/^exit status 127/);
  expect(Date.now() - again).toBeLessThan(2_000);
  await expect(transcript(page)).toContainText('Python lessons keep working.');
  const frames = await page.evaluate(() => document.querySelectorAll('iframe').length);
  expect(frames).toBeLessThanOrEqual(1);

  // Python is unaffected.
  const py = await runToExit(page, 'import sys\nprint("python still works")\nsys.exit(4)\n', 'python main.py');
  expect(py).toBe('exit status 4 · sys.exit(4) at line 3');
  await expect(transcript(page)).toContainText('python still works');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-language', 'python');
  expect((await editorText(page)).split('\n')[0]).toBe('import sys');
  await expect(page.getByTestId('timeline').locator(':scope > *').last()).toHaveAttribute('data-kind', 'exit');
});
