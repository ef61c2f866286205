/** The command line as a small shell: &&, ||, ;, echo $?, timeout, | cat, and errors. */
import { expect, test } from './fixtures';
import { exitStatus, openPage, run, runToExit, setCode, setCommand, transcriptText, waitForExit, waitForPython } from './helpers';

const EXIT3 = 'import sys\nprint("hi")\nsys.exit(3)\n';

test.beforeEach(async ({ page }) => {
  await openPage(page);
  await waitForPython(page);
});

test('&& skips on failure, echo $? shows the status', async ({ page }) => {
  const badge = await runToExit(page, EXIT3, 'python main.py && echo ok; echo $?');
  expect(await transcriptText(page)).toBe('$ python main.py && echo ok; echo $?\nhi\n3\n[exit status 0]');
  expect(badge).toMatch(/^exit status 0 · /);
});

test('|| runs on failure', async ({ page }) => {
  await runToExit(page, EXIT3, 'python main.py || echo failed with $?');
  expect(await transcriptText(page)).toBe('$ python main.py || echo failed with $?\nhi\nfailed with 3\n[exit status 0]');
});

test('timeout fires with SIGTERM: 124', async ({ page }) => {
  const badge = await runToExit(page, 'import time\nprint("sleeping")\ntime.sleep(30)\n', 'timeout 1 python main.py');
  expect(badge).toMatch(/^exit status 124/);
  expect(await transcriptText(page)).toBe('$ timeout 1 python main.py\nsleeping\n[exit status 124]');
});

test('timeout with a SIGTERM handler, then echo $?', async ({ page }) => {
  await runToExit(
    page,
    [
      'import signal, sys, time',
      'signal.signal(signal.SIGTERM, lambda s, f: (print("cleaning up"), sys.exit(0)))',
      'print("working")',
      'time.sleep(30)',
    ].join('\n'),
    'timeout 1 python main.py; echo $?',
  );
  expect(await transcriptText(page)).toBe('$ timeout 1 python main.py; echo $?\nworking\ncleaning up\n124\n[exit status 0]');
});

test('timeout -k sends SIGKILL after the grace period', async ({ page }) => {
  const badge = await runToExit(
    page,
    [
      'import signal, time',
      'signal.signal(signal.SIGTERM, lambda s, f: print("ignoring SIGTERM"))',
      'print("stubborn")',
      'while True:',
      '    time.sleep(0.1)',
    ].join('\n'),
    'timeout -k 1 1 python main.py',
  );
  expect(badge).toMatch(/^(killed by SIGKILL \(137\)|exit status 137)/);
  const text = await transcriptText(page);
  expect(text).toContain('ignoring SIGTERM');
});

test('the pipe switch edits the command line', async ({ page }) => {
  const line = page.getByRole('textbox', { name: 'Command line' });
  await setCommand(page, 'python main.py 1 2');
  await page.getByRole('radio', { name: 'pipe (| cat)' }).check();
  await expect(line).toHaveValue('python main.py 1 2 | cat');
  await page.getByRole('radio', { name: 'terminal' }).check();
  await expect(line).toHaveValue('python main.py 1 2');
});

test('an unsupported command line gives a one-line error and leaves the badge alone', async ({ page }) => {
  await runToExit(page, EXIT3);
  const before = await exitStatus(page).textContent();
  await setCommand(page, 'python main.py | grep hi');
  await run(page);
  await expect(page.getByTestId('transcript')).toHaveText(/^\$ python main\.py \| grep hi\n.+$/);
  const text = await transcriptText(page);
  expect(text.split('\n')).toHaveLength(2);
  await expect(exitStatus(page)).toHaveText(before ?? '');
});

test('Enter in the command line runs it', async ({ page }) => {
  await setCode(page, 'print("from enter")\n');
  await page.getByRole('textbox', { name: 'Command line' }).fill('python main.py');
  await page.getByRole('textbox', { name: 'Command line' }).press('Enter');
  await waitForExit(page);
  expect(await transcriptText(page)).toContain('from enter');
});
