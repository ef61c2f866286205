/** The page's outside contract and the layout: controls, transcript, badge, split, stacking. */
import { expect, test } from './fixtures';
import {
  exitStatus,
  openPage,
  run,
  runButton,
  runToExit,
  setCode,
  signalButton,
  stopButton,
  transcript,
  transcriptText,
  waitForExit,
  waitForOutput,
  waitForPython,
} from './helpers';

test('exactly one Run, Stop, SIGINT and SIGTERM, always rendered, disabled when they cannot act', async ({ page }) => {
  await openPage(page);
  for (const name of ['Run', 'Stop', 'SIGINT', 'SIGTERM']) {
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(1);
    // Also no other button whose name merely contains it.
    await expect(page.getByRole('button', { name })).toHaveCount(1);
  }
  await expect(runButton(page)).toBeEnabled();
  await expect(stopButton(page)).toBeDisabled();
  await expect(signalButton(page, 'SIGINT')).toBeDisabled();
  await expect(signalButton(page, 'SIGTERM')).toBeDisabled();

  await waitForPython(page);
  await setCode(page, 'import time\nprint("up", flush=True)\nwhile True:\n    time.sleep(0.05)\n');
  await run(page);
  await waitForOutput(page, 'up');
  await expect(exitStatus(page)).toHaveText('running');
  await expect(stopButton(page)).toBeEnabled();
  await expect(signalButton(page, 'SIGINT')).toBeEnabled();
  await expect(signalButton(page, 'SIGTERM')).toBeEnabled();
  for (const name of ['Run', 'Stop', 'SIGINT', 'SIGTERM']) {
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(1);
  }
  await stopButton(page).click();
  await waitForExit(page);
  await expect(stopButton(page)).toBeDisabled();
  await expect(signalButton(page, 'SIGTERM')).toBeDisabled();
});

test('before a run the terminal shows the command line; Run clears the transcript', async ({ page }) => {
  await openPage(page);
  await expect(transcript(page)).toHaveText(/^\$ python main\.py\n?$/);
  await expect(exitStatus(page)).toHaveText('');
  await waitForPython(page);
  await runToExit(page, 'print("first")\n');
  expect(await transcriptText(page)).toBe('$ python main.py\nfirst\n[exit status 0]');
  await runToExit(page, 'print("second")\n');
  expect(await transcriptText(page)).toBe('$ python main.py\nsecond\n[exit status 0]');
});

test('stderr follows stdout in arrival order and ANSI codes never reach the transcript', async ({ page }) => {
  await openPage(page);
  await waitForPython(page);
  const badge = await runToExit(
    page,
    [
      'import sys',
      'print("out 1", flush=True)',
      'print("err 1", file=sys.stderr, flush=True)',
      'print("\\x1b[31mred\\x1b[0m", flush=True)',
      'print("out 2", flush=True)',
      'raise ValueError("bad value")',
    ].join('\n'),
  );
  expect(badge).toBe('exit status 1 · uncaught ValueError');
  const text = await transcriptText(page);
  expect(text.startsWith('$ python main.py\nout 1\nerr 1\nred\nout 2\nTraceback (most recent call last):\n')).toBe(true);
  expect(text).toContain('ValueError: bad value\n[exit status 1]');
  expect(text).not.toContain('\x1b');
});

test('usable at 1280x800: editor beside the terminal, nothing overflows, split resizable by keyboard', async ({ page }) => {
  await openPage(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const editor = (await page.getByRole('region', { name: 'Editor' }).boundingBox())!;
  const terminal = (await page.getByRole('region', { name: 'Terminal' }).boundingBox())!;
  expect(terminal.x).toBeGreaterThan(editor.x + editor.width - 1);
  expect(editor.height).toBeGreaterThan(400);
  expect(terminal.height).toBeGreaterThan(400);
  expect(editor.y + editor.height).toBeLessThanOrEqual(800);

  const splitter = page.getByRole('separator', { name: 'Resize editor and terminal' });
  const before = Number(await splitter.getAttribute('aria-valuenow'));
  await splitter.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(before + 10));
  const wider = (await page.getByRole('region', { name: 'Editor' }).boundingBox())!;
  expect(wider.width).toBeGreaterThan(editor.width + 80);
});

test('stacked on a phone-width screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openPage(page);
  const editor = (await page.getByRole('region', { name: 'Editor' }).boundingBox())!;
  const terminal = (await page.getByRole('region', { name: 'Terminal' }).boundingBox())!;
  expect(terminal.y).toBeGreaterThanOrEqual(editor.y + editor.height - 1);
  expect(editor.width).toBeGreaterThan(330);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(runButton(page)).toBeVisible();
});

test('shows the Python version once booted', async ({ page }) => {
  await openPage(page);
  await waitForPython(page);
  await expect(page.getByTestId('engine-state')).toHaveText(/^Python 3\.14\.\d+/);
});
