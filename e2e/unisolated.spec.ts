/**
 * The built site where most people put it: served with no COOP/COEP headers (GitHub Pages,
 * most static hosts), as a top-level page and inside an <iframe> of a page from another
 * site that sends none either. Chromium has JSPI, so programs block by suspension there,
 * and everything interactive must still behave as native python3 -E does.
 *
 * Each interactive case is a corpus program (corpus/<topic>/<name>.py) with the outcome
 * native python3 produced on a terminal (corpus/expected/...tty.json). The browser is
 * driven as a user would: input typed into the terminal, Ctrl+D and Ctrl+C as keys,
 * SIGTERM with its button, other signals from the More signals menu.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { BOOT_TIMEOUT, stripIsolationHeaders } from './helpers';
import { NOTICE_TEXT } from '../src/engine/protocol';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// Another site (localhost and 127.0.0.1 are different sites), and a secure context as an
// article on https would be, so the clipboard the tests paste code with exists.
const ARTICLE = 'http://localhost:4173/article.html';

type Root = Page | Frame;
interface Opened {
  page: Page;
  root: Root;
}

async function open(page: Page, where: 'top' | 'iframe', baseURL: string): Promise<Opened> {
  await stripIsolationHeaders(page);
  if (where === 'top') {
    await page.goto('/');
    await expect(page.locator('[data-testid="editor"][data-state="ready"]')).toBeVisible({ timeout: 30_000 });
    return { page, root: page };
  }
  // An article on another site that embeds the playground and sends no special headers.
  await page.route(ARTICLE, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><title>How programs end</title><h1>How programs end</h1>
        <p>Try it:</p>
        <iframe src="${baseURL}/" title="Exit Lab" style="width:1200px;height:720px;border:1px solid #ccc"
          allow="clipboard-read; clipboard-write"></iframe>`,
    }),
  );
  await page.goto(ARTICLE);
  const frame = await (await page.locator('iframe').elementHandle())!.contentFrame();
  await expect(frame!.locator('[data-testid="editor"][data-state="ready"]')).toBeVisible({ timeout: 30_000 });
  return { page, root: frame! };
}

async function waitForPython({ root }: Opened): Promise<void> {
  await expect(root.getByTestId('engine-state')).toHaveText(/^Python 3\.\d+/, { timeout: BOOT_TIMEOUT });
}

async function setCode({ page, root }: Opened, code: string): Promise<void> {
  await root.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await root.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.keyboard.press('ControlOrMeta+V');
  await page.keyboard.press('ControlOrMeta+Home'); // the first line in view, however small the frame
  const first = code.split('\n')[0] ?? '';
  await expect
    .poll(() =>
      root.evaluate(() => {
        const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')] as HTMLElement[];
        const top = lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))[0];
        return (top?.textContent ?? '').replace(/\u00a0/g, ' ');
      }),
    )
    .toBe(first);
}

const transcriptText = async ({ root }: Opened) => (await root.getByTestId('transcript').textContent()) ?? '';

async function waitForExit({ root }: Opened): Promise<string> {
  const badge = root.getByTestId('exit-status');
  await expect(badge).toHaveText(/^(exit status \d+|killed by SIG[A-Z0-9]+ \(\d+\))/, { timeout: BOOT_TIMEOUT });
  return (await badge.textContent()) ?? '';
}

async function waitForOutput({ root }: Opened, text: string): Promise<void> {
  await expect(root.getByTestId('transcript')).toContainText(text, { timeout: BOOT_TIMEOUT });
}

async function sendSignal(o: Opened, name: string): Promise<void> {
  if (name === 'SIGINT') {
    // Ctrl+C typed into the terminal, as a user interrupts a program.
    await o.root.getByTestId('terminal').click();
    await o.page.keyboard.press('Control+C');
  } else if (name === 'SIGTERM') {
    await o.root.getByRole('button', { name: 'SIGTERM', exact: true }).click();
  } else {
    await o.root.getByRole('button', { name: 'More signals' }).click();
    await o.root.getByRole('menuitem', { name: new RegExp(name) }).click();
  }
}

interface Meta {
  stdin?: string;
  stdinEof?: boolean;
  stdinAfter?: string;
  signals?: { name: string; after: string }[];
}
interface Native {
  stdout: string;
  stderr: string;
  stderrLast: string;
  status: number;
}

function corpusCase(id: string): { source: string; meta: Meta; native: Native } {
  const source = readFileSync(join(ROOT, 'corpus', `${id}.py`), 'utf8');
  const meta = JSON.parse(source.split('\n', 1)[0]!.replace(/^# exitlab-case:\s*/, '')) as Meta;
  const native = JSON.parse(readFileSync(join(ROOT, 'corpus', 'expected', `${id}.tty.json`), 'utf8')) as Native;
  return { source, meta, native };
}

/**
 * The terminal shows stdout and stderr together, with typed input echoed where it was
 * typed: so the native stdout lines must appear in order, the native last stderr line must
 * appear, and no line may appear that the native run did not print (tracebacks' file
 * paths and 3.14's caret lines aside).
 */
function compareWithNative(transcript: string, native: Native, typed: string[], threaded = false): void {
  const lines = transcript.split('\n');
  expect(lines[0]).toBe('$ python main.py');
  // The page's own line about simulated threads: once in a threaded run, never otherwise.
  const notices = lines.filter((l) => l === NOTICE_TEXT['threads-simulated']);
  expect(notices.length, `the threads notice in:\n${transcript}`).toBe(threaded ? 1 : 0);
  const body = lines
    .slice(1, -1)
    .filter((l) => l !== NOTICE_TEXT['threads-simulated'])
    .map((l) => l.replaceAll('^C', ''));
  let at = 0;
  for (const want of native.stdout.split('\n').filter((l) => l !== '' && !typed.includes(l))) {
    const found = body.findIndex((l, i) => i >= at && l.includes(want));
    expect(found, `native stdout line ${JSON.stringify(want)} in order in:\n${transcript}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
  if (native.stderr.endsWith('\n') && native.stderrLast) expect(body).toContain(native.stderrLast);
  const nativeText = native.stdout + native.stderr;
  for (const [i, line] of body.entries()) {
    // A traceback's file paths, the source line under them and 3.14's carets are not compared.
    const sourceLine = i > 0 && /^ {2}File "/.test(body[i - 1]!);
    if (line.trim() === '' || sourceLine || /^ {2}File "/.test(line) || /^\s*[~^]+\s*$/.test(line)) continue;
    let rest = line;
    for (const t of typed) if (t && rest.endsWith(t)) rest = rest.slice(0, -t.length);
    if (rest.trim() === '') continue;
    expect(nativeText, `a line native python3 did not print: ${JSON.stringify(line)}`).toContain(rest.trimEnd());
  }
}

const CASES = [
  'stdin/input_lines', // input() answered by typing
  'stdin/input_eof', // Ctrl+D at a prompt: EOFError
  'stdin/prompt_tty_eof', // a confirmation loop ended by Ctrl+D
  'signals/sigint_default', // Ctrl+C during a sleep
  'signals/busy_loop_sigint', // Ctrl+C during `while True`
  'signals/sigint_during_input', // Ctrl+C while input() waits
  'signals/sigterm_handler_exits', // a SIGTERM handler: graceful shutdown
  'signals/sigterm_default', // default SIGTERM: 143, no cleanup
  'signals/sigterm_busy_default', // default SIGTERM on a loop that never blocks
  'signals/sigterm_during_input', // a SIGTERM handler that exits during input()
  'signals/handler_during_input', // a handler that returns during input()
  'signals/alarm_handler', // signal.alarm as a timeout
  // Threads, cooperatively scheduled on suspended stacks:
  'threads/graceful_shutdown_event', // a SIGTERM handler sets an Event; workers joined; atexit
  'threads/sigint_during_join', // Ctrl+C while the main thread waits in join()
  'threads/join_nondaemon_at_shutdown', // non-daemon thread joined before atexit
  'threads/daemon_during_atexit', // a daemon thread alive during atexit, then abandoned
  'threads/exit_in_thread', // sys.exit in a thread ends only that thread
  'threads/order_by_data', // finishing order follows the data
  'threads/handler_in_main_thread', // SIGUSR1 from the menu, handled in the main thread
];

/** In the iframe, the cases that differ most in how they reach the program (CI time is kept short). */
const IFRAME_CASES = new Set([
  'stdin/input_lines',
  'stdin/input_eof',
  'signals/busy_loop_sigint',
  'signals/sigterm_default',
  'signals/sigterm_during_input',
  'threads/graceful_shutdown_event',
  'threads/daemon_during_atexit',
  'threads/exit_in_thread',
]);

for (const where of ['top', 'iframe'] as const) {
  test.describe(where === 'top' ? 'served without COOP/COEP' : 'in a cross-site iframe without COOP/COEP', () => {
    let o: Opened;
    test.beforeEach(async ({ page, baseURL }) => {
      o = await open(page, where, baseURL!);
      expect(await o.root.evaluate(() => crossOriginIsolated)).toBe(false);
      await waitForPython(o);
    });

    test('the page says how programs block, in the about panel, with no banner', async () => {
      await expect(o.root.getByTestId('isolation-banner')).toHaveCount(0);
      await o.root.getByTestId('engine-state').click();
      await expect(o.root.getByTestId('engine-path')).toHaveAttribute('data-path', 'suspension');
      await expect(o.root.getByTestId('engine-path')).toContainText('Blocking by suspension (JSPI)');
      await o.root.getByTestId('engine-state').click();
    });

    for (const id of CASES.filter((c) => where === 'top' || IFRAME_CASES.has(c))) {
      test(`${id} as native python3 -E on a terminal`, async () => {
        const { source, meta, native } = corpusCase(id);
        await setCode(o, source);
        await o.root.getByRole('button', { name: 'Run', exact: true }).click();
        const typed = (meta.stdin ?? '').split('\n').filter((l) => l !== '');
        const signals = meta.signals ?? [];
        // What the native run typed: its stdin lines, then Ctrl+D unless the case says not to
        // (a program that only waits for a signal never reads it, so nothing is typed then).
        const typeInput = async () => {
          await expect(o.root.getByText('waiting for input: type in the terminal')).toBeVisible({ timeout: BOOT_TIMEOUT });
          await o.root.getByTestId('terminal').click();
          for (const line of typed) {
            await o.page.keyboard.type(line);
            await o.page.keyboard.press('Enter');
          }
          if (meta.stdinEof !== false) await o.page.keyboard.press('Control+D');
        };
        if (signals.length === 0 && /input\(|sys\.stdin/.test(source)) await typeInput();
        for (const s of signals) {
          await waitForOutput(o, s.after);
          await o.page.waitForTimeout(100);
          await sendSignal(o, s.name);
        }
        if (signals.length > 0 && meta.stdinAfter) {
          await waitForOutput(o, meta.stdinAfter);
          await typeInput();
        }
        const badge = await waitForExit(o);
        expect(badge).toMatch(new RegExp(`^(exit status ${native.status}\\b|killed by SIG[A-Z0-9]+ \\(${native.status}\\))`));
        compareWithNative(await transcriptText(o), native, typed, id.startsWith('threads/'));
      });
    }

    test('Stop ends `while True: pass` within 200 ms', async () => {
      await setCode(o, 'print("spinning", flush=True)\nwhile True:\n    pass\n');
      await o.root.getByRole('button', { name: 'Run', exact: true }).click();
      await waitForOutput(o, 'spinning');
      await o.page.waitForTimeout(300);
      const ms = await o.root.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const badge = document.querySelector('[data-testid="exit-status"]')!;
            const stop = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Stop')!;
            const t0 = performance.now();
            const obs = new MutationObserver(() => {
              if (badge.textContent?.startsWith('killed')) {
                obs.disconnect();
                resolve(performance.now() - t0);
              }
            });
            obs.observe(badge, { childList: true, characterData: true, subtree: true });
            stop.click();
          }),
      );
      expect(ms).toBeLessThan(200);
      expect(await transcriptText(o)).toBe('$ python main.py\nspinning\n[killed by SIGKILL (137)]');
    });
  });
}
