/**
 * The timeline panel in Chromium: for programs that
 * print a marker at each cleanup step ("[finally]", "[context-exit] Name.__exit__",
 * "[atexit] name"), the panel's items name the same steps in the order native
 * `python3 -E` printed them, including orders that depend on data (handlers
 * registered in a loop, a `with` entered only on some branch, nested functions).
 * Clicking an item highlights its line in the editor; hovering a line in the
 * editor highlights its items; what os._exit skipped is struck through.
 *
 * `docs/screenshot-timeline.png` is regenerated with SCREENSHOTS=1.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { CONDITIONAL_WITH, HARD_STOP, LOOP_HANDLERS, markers } from '../src/engine/timeline-cases';
import { expect, test } from './fixtures';
import { editorText, openPage, run, setCommand, waitForExit, waitForPython } from './helpers';

let dir = '';
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'exitlab-e2e-timeline-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Native python3's stdout (run as `python3 -E` with NO_COLOR=1 and no PYTHON* variables). */
function native(source: string, args: string[]): string {
  const file = join(dir, 'main.py');
  writeFileSync(file, source);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PYTHON')) env[k] = v;
  try {
    return execFileSync('python3', ['-E', file, ...args], { cwd: dir, env: { ...env, NO_COLOR: '1' }, encoding: 'utf8' });
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? ''); // a non-zero status is the point
  }
}

function timeline(page: Page): Locator {
  return page.getByTestId('timeline');
}

interface PanelItem {
  kind: string;
  name: string | null;
  what: string | null;
  line: string | null;
  text: string;
}

async function panelItems(page: Page): Promise<PanelItem[]> {
  return timeline(page)
    .locator(':scope > *')
    .evaluateAll((els) =>
      els.map((el) => ({
        kind: el.getAttribute('data-kind') ?? '',
        name: el.getAttribute('data-name'),
        what: el.getAttribute('data-what'),
        line: el.getAttribute('data-line'),
        text: (el.querySelector('.tl-text')?.textContent ?? '').trim(),
      })),
    );
}

/** The panel's cleanup steps written as the programs' markers. */
function steps(items: PanelItem[]): string[] {
  return items
    .filter((i) => ['finally', 'context-exit', 'atexit'].includes(i.kind))
    .map((i) => (i.kind === 'finally' ? '[finally]' : `[${i.kind}] ${i.name ?? ''}`));
}

/** Pastes `code` into the editor, then goes back to its top (a long program scrolls the first line away). */
async function setCode(page: Page, code: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.keyboard.press('ControlOrMeta+V');
  await page.keyboard.press('ControlOrMeta+Home');
  const first = code.split('\n')[0] ?? '';
  await expect.poll(async () => (await editorText(page)).split('\n')[0]).toBe(first);
}

async function runProgram(page: Page, source: string, args: string[] = []): Promise<PanelItem[]> {
  await setCode(page, source);
  await setCommand(page, ['python main.py', ...args].join(' '));
  await run(page);
  await waitForExit(page);
  await expect(timeline(page).locator(':scope > [data-kind="exit"]')).toHaveCount(1);
  return panelItems(page);
}

const NESTED = `import sys, atexit

class Resource:
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        print("[context-exit] Resource.__exit__")

def level(n, depth):
    try:
        if n == depth:
            sys.exit(depth)
        with Resource():
            level(n + 1, depth)
    finally:
        print("[finally]")

def goodbye():
    print("[atexit] goodbye")

atexit.register(goodbye)
level(0, int(sys.argv[1]))
`;

test.describe('timeline panel', () => {
  test.beforeEach(async ({ page }) => {
    await openPage(page);
    await waitForPython(page);
  });

  test('atexit handlers registered in a loop: the panel follows native python3', async ({ page }) => {
    for (const names of ['a,f1,b', 'f1,f2,a']) {
      const expected = markers(native(LOOP_HANDLERS, [names]));
      const items = await runProgram(page, LOOP_HANDLERS, [names]);
      expect(steps(items)).toEqual(expected);
      const atexit = items.filter((i) => i.kind === 'atexit');
      const of = atexit.length;
      atexit.forEach((item, i) => expect(item.text).toContain(`${i + 1}${['st', 'nd', 'rd'][i] ?? 'th'} of ${of}`));
      // Flushes at shutdown, then the exit, last.
      expect(items.slice(-3).map((i) => i.kind)).toEqual(['flush', 'flush', 'exit']);
      expect(items.at(-1)!.text).toContain(`Exit status ${names.split(',').length} — sys.exit(`);
    }
  });

  test('a with entered only on some branch, and nested functions that each clean up', async ({ page }) => {
    for (const kind of ['none', 'both']) {
      const expected = markers(native(CONDITIONAL_WITH, [kind]));
      expect(steps(await runProgram(page, CONDITIONAL_WITH, [kind]))).toEqual(expected);
    }
    const expected = markers(native(NESTED, ['2']));
    expect(expected.length).toBeGreaterThan(3);
    const items = await runProgram(page, NESTED, ['2']);
    expect(steps(items)).toEqual(expected);
    expect(items[0]!.kind).toBe('raise');
    expect(items.at(-1)!.kind).toBe('exit');
  });

  test('clicking an item highlights its line in the editor; hovering a line highlights its items', async ({ page }) => {
    await runProgram(page, CONDITIONAL_WITH, ['both']);
    const fin = timeline(page).locator(':scope > [data-kind="finally"]');
    const line = await fin.getAttribute('data-line');
    expect(line).toBe('25');
    await fin.getByRole('button').click();
    await expect(fin).toHaveClass(/selected/);
    await expect(page.getByTestId('editor')).toHaveAttribute('data-highlight-line', '25');
    await expect(page.locator('.monaco-editor .tl-line-selected')).toHaveCount(1);
    // The highlighted band sits on line 25's row.
    const band = await page.locator('.monaco-editor .tl-line-selected').boundingBox();
    const number = await page.locator('.monaco-editor .line-numbers', { hasText: /^25$/ }).boundingBox();
    expect(band && number && Math.abs(band.y - number.y)).toBeLessThan(4);

    // Hover line 18 (`with Lock():`) in the editor: the Lock.__exit__ item lights up.
    const row = page.locator('.monaco-editor .line-numbers', { hasText: /^18$/ });
    const box = (await row.boundingBox())!;
    await page.mouse.move(box.x + box.width + 120, box.y + box.height / 2);
    const lock = timeline(page).locator(':scope > [data-kind="context-exit"][data-name="Lock.__exit__"]');
    await expect(lock).toHaveClass(/hovered/);
    await expect(timeline(page).locator(':scope > .hovered')).toHaveCount(1);
    await page.mouse.move(0, 0);
    await expect(timeline(page).locator(':scope > .hovered')).toHaveCount(0);
  });

  test('os._exit: what it skipped is listed in run order, struck through', async ({ page }) => {
    // What would have run had it been sys.exit: native python3 says.
    const wouldRun = markers(native(HARD_STOP('sys.exit(3)'), [])).map((s) =>
      s === '[finally]' ? 'finally' : s.startsWith('[context-exit]') ? 'context-exit' : `atexit ${s.slice('[atexit] '.length)}`,
    );
    const items = await runProgram(page, HARD_STOP('os._exit(3)'));
    const skipped = items.filter((i) => i.kind === 'skipped');
    expect(skipped.map((i) => (i.what === 'atexit' ? `atexit ${i.name}` : i.what))).toEqual([...wouldRun, 'buffered-output']);
    expect(skipped[0]!.text).toBe('os._exit skipped: finally at line 24');
    expect(skipped.at(-1)!.text).toBe('14 bytes of buffered output were lost');
    const first = timeline(page).locator(':scope > [data-kind="skipped"] .tl-text').first();
    await expect(first).toHaveCSS('text-decoration-line', 'line-through');
    expect(items.at(-1)!.kind).toBe('exit');
    expect(items.at(-1)!.text).toContain('Exit status 3 — os._exit(3)');
  });

  test('a bare except that swallows sys.exit is called out, with a link to the lesson', async ({ page }) => {
    const items = await runProgram(
      page,
      ['import sys', '', 'try:', '    sys.exit(2)', 'except:', '    print("carrying on")', ''].join('\n'),
    );
    expect(items.map((i) => i.kind)).toEqual(['raise', 'caught', 'flush', 'flush', 'exit']);
    const caught = timeline(page).locator(':scope > [data-kind="caught"]');
    await expect(caught).toHaveClass(/tone-warning/);
    await expect(caught.locator('.tl-warning')).toContainText('The exit was swallowed');
    await expect(caught.getByRole('link')).toHaveAttribute('href', '#lesson/mistake-bare-except');
  });
});

test.describe('screenshot', () => {
  test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to regenerate docs/screenshot-timeline.png');
  test.use({ colorScheme: 'light', viewport: { width: 1280, height: 800 } });

  test('timeline after sys.exit through finally, __exit__ and atexit', async ({ page }) => {
    await openPage(page);
    await waitForPython(page);
    await setCode(
      page,
      [
        '"""Where does the exit go? Watch the timeline."""',
        'import atexit',
        'import sys',
        '',
        'class Connection:',
        '    def __enter__(self):',
        '        return self',
        '    def __exit__(self, *exc):',
        '        print("connection closed")',
        '',
        'def flush_cache():',
        '    print("cache flushed")',
        '',
        'def say_goodbye():',
        '    print("goodbye")',
        '',
        'atexit.register(flush_cache)',
        'atexit.register(say_goodbye)',
        '',
        'with Connection():',
        '    try:',
        '        print("working...")',
        '        sys.exit(3)',
        '    finally:',
        '        print("finally: tidying up")',
        '',
      ].join('\n'),
    );
    await setCommand(page, 'python main.py');
    await run(page);
    await waitForExit(page);
    // More room for the timeline: the empty Files list folded away.
    const files = page.getByTestId('files-panel').locator('button[aria-expanded="true"]').first();
    if (await files.count()) await files.click();
    await timeline(page).locator(':scope > [data-kind="context-exit"] button').click();
    await page.mouse.move(0, 0);
    await page.waitForTimeout(400);
    await page.screenshot({ path: 'docs/screenshot-timeline.png' });
  });
});
