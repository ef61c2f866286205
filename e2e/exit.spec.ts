/** How a run ends: sys.exit with a number or a string, os._exit and buffered output. */
import { expect, test } from './fixtures';
import { openPage, run, setCode, setCommand, transcriptText, waitForExit, waitForPython } from './helpers';

test.beforeEach(async ({ page }) => {
  await openPage(page);
  await waitForPython(page);
});

test('sys.exit(3): output, final line and badge', async ({ page }) => {
  await setCode(page, 'import sys\nprint("before exit")\nsys.exit(3)\nprint("never")\n');
  await run(page);
  expect(await waitForExit(page)).toBe('exit status 3 · sys.exit(3) at line 3');
  expect(await transcriptText(page)).toBe('$ python main.py\nbefore exit\n[exit status 3]');
});

test('a string passed to sys.exit goes to stderr and gives 1', async ({ page }) => {
  await setCode(page, 'import sys\nsys.exit("bye now")\n');
  await run(page);
  expect(await waitForExit(page)).toBe("exit status 1 · sys.exit('bye now') at line 2");
  expect(await transcriptText(page)).toBe('$ python main.py\nbye now\n[exit status 1]');
});

test('statuses follow native CPython: modulo 256, None is 0', async ({ page }) => {
  await setCode(page, 'import sys\nsys.exit(256 + 7)\n');
  await run(page);
  expect(await waitForExit(page)).toMatch(/^exit status 7 · /);
  await setCode(page, 'import sys\nsys.exit(None)\n');
  await run(page);
  expect(await waitForExit(page)).toMatch(/^exit status 0 · /);
});

const OS_EXIT = 'import os\nprint("buffered line")\nos._exit(0)\n';

test('os._exit in terminal mode keeps the line-buffered output', async ({ page }) => {
  await setCode(page, OS_EXIT);
  await setCommand(page, 'python main.py');
  await run(page);
  expect(await waitForExit(page)).toMatch(/^exit status 0 · os\._exit\(0\)/);
  expect(await transcriptText(page)).toBe('$ python main.py\nbuffered line\n[exit status 0]');
});

test('os._exit in pipe mode loses the block-buffered output', async ({ page }) => {
  await setCode(page, OS_EXIT);
  await setCommand(page, 'python main.py');
  await page.getByRole('radio', { name: 'pipe (| cat)' }).check();
  await expect(page.getByRole('textbox', { name: 'Command line' })).toHaveValue('python main.py | cat');
  await run(page);
  // "buffered line\n" is 14 bytes, still in the 8 KiB stdout buffer when os._exit ends the process.
  expect(await waitForExit(page)).toBe('exit status 0 · os._exit(0): 14 bytes of buffered output lost');
  expect(await transcriptText(page)).toBe('$ python main.py | cat\n[exit status 0]');
});

test('an uncaught exception gives 1 and names the exception', async ({ page }) => {
  await setCode(page, 'def f():\n    raise KeyError("k")\n\nf()\n');
  await run(page);
  expect(await waitForExit(page)).toBe('exit status 1 · uncaught KeyError');
  const text = await transcriptText(page);
  expect(text).toContain('Traceback (most recent call last):');
  expect(text).toContain('File "/home/pyodide/main.py", line 4');
  expect(text.endsWith("KeyError: 'k'\n[exit status 1]")).toBe(true);
});

test('sys.argv comes from the command line', async ({ page }) => {
  await setCode(page, 'import sys\nprint(sys.argv)\n');
  await setCommand(page, "python main.py one 'two words'");
  await run(page);
  await waitForExit(page);
  expect(await transcriptText(page)).toContain("['main.py', 'one', 'two words']");
});
