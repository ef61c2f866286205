/** Typing into the terminal: input() prompts, echo, backspace, paste, typeahead, Ctrl+D. */
import { expect, test } from './fixtures';
import {
  exitStatus,
  focusTerminal,
  openPage,
  run,
  setCode,
  transcriptText,
  waitForExit,
  waitForOutput,
  waitForPython,
} from './helpers';

test.beforeEach(async ({ page }) => {
  await openPage(page);
  await waitForPython(page);
});

test('an input() CLI answered by typing in the terminal', async ({ page }) => {
  await setCode(page, 'name = input("Name? ")\nprint(f"Hello, {name}!")\n');
  await run(page);
  // The prompt has no newline: it must appear at once.
  await waitForOutput(page, 'Name? ');
  await expect(page.getByText('waiting for input')).toBeVisible();
  await focusTerminal(page);
  await page.keyboard.type('Adx');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('a');
  await page.keyboard.press('Enter');
  expect(await waitForExit(page)).toBe('exit status 0 · the program ran to its end');
  expect(await transcriptText(page)).toBe('$ python main.py\nName? Ada\nHello, Ada!\n[exit status 0]');
});

test('pasting several lines sends each line on its newline', async ({ page }) => {
  await setCode(page, 'a = input("a? ")\nb = input("b? ")\nc = input("c? ")\nprint("sum", int(a) + int(b) + int(c))\n');
  await run(page);
  await waitForOutput(page, 'a? ');
  await focusTerminal(page);
  await page.evaluate(() => navigator.clipboard.writeText('1\n2\n3\n'));
  await page.keyboard.press('ControlOrMeta+V');
  await waitForExit(page);
  const text = await transcriptText(page);
  expect(text).toContain('sum 6\n[exit status 0]');
});

test('lines typed before the program asks are kept (typeahead)', async ({ page }) => {
  // Three seconds is far more than typing a line takes, even on a loaded machine.
  await setCode(page, 'import time\ntime.sleep(3)\nx = input("x? ")\nprint("got", x)\n');
  await run(page);
  await expect(exitStatus(page)).toHaveText('running');
  await focusTerminal(page);
  await page.keyboard.type('early');
  await page.keyboard.press('Enter');
  expect(await waitForExit(page)).toMatch(/^exit status 0/);
  const text = await transcriptText(page);
  // Echoed where the terminal echoed it (before the prompt), then read by input().
  expect(text).toBe('$ python main.py\nearly\nx? got early\n[exit status 0]');
});

test('Ctrl+D sends end of input', async ({ page }) => {
  await setCode(page, 'try:\n    input("say> ")\nexcept EOFError:\n    print("got EOF")\n');
  await run(page);
  await waitForOutput(page, 'say> ');
  await focusTerminal(page);
  await page.keyboard.press('Control+D');
  expect(await waitForExit(page)).toMatch(/^exit status 0/);
  expect(await transcriptText(page)).toContain('got EOF\n[exit status 0]');
});
