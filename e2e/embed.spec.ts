/**
 * Snippets in someone else's article: `public/article.html` served from another site
 * (localhost, while the app is on 127.0.0.1) with no isolation headers, loading `embed.js`
 * from the app's site. Each snippet is driven as a reader would (Run, typing into the
 * terminal, the SIGTERM button), and its transcript and status are compared with native
 * `python3 -E` run on a terminal by the corpus runner, fed and signalled the same way.
 * Also: a hostile parent page, a page with scripts blocked, and "Open in Exit Lab".
 */
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FrameLocator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { BOOT_TIMEOUT, stripIsolationHeaders } from './helpers';
import { makeEmbedHash } from '../src/links/embed';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Another site for the articles: a server of its own, reached as `localhost` while the app is
 * `127.0.0.1` (two sites; both loopback, so Chromium's local-network checks let the article
 * load embed.js, as they would between two public sites). It sends no isolation headers.
 */
let articles: Server;
let articleBase = '';
const pages = new Map<string, string>();
test.beforeAll(async () => {
  articles = createServer((req, res) => {
    const body = pages.get((req.url ?? '').split('?')[0]!);
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((done) => articles.listen(0, '127.0.0.1', done));
  articleBase = `http://localhost:${(articles.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((done) => articles.close(() => done())));

/** Puts `html` on the article site at `path`; returns its URL. */
function publish(path: string, html: string): string {
  pages.set(path, html);
  return `${articleBase}${path}`;
}

/** The sample article as another site serves it: embed.js comes from the app's site. */
function serveArticle(baseURL: string): string {
  const html = readFileSync(join(ROOT, 'dist', 'article.html'), 'utf8');
  return publish('/blog/how-programs-end.html', html.replace('src="./embed.js"', `src="${baseURL}/embed.js"`));
}

/** The snippets' sources, as the article has them. */
function articleSnippets(): string[] {
  const html = readFileSync(join(ROOT, 'dist', 'article.html'), 'utf8');
  const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return [...html.matchAll(/<pre data-exitlab[^>]*>([\s\S]*?)<\/pre>/g)].map((m) => unescape(m[1]!));
}

interface Native {
  stdout: string;
  stderr: string;
  status: number;
  signal: string | null;
}

/** Native python3 -E on a terminal, through the corpus runner (stdin typed, signals sent after a text). */
function native(source: string, meta: Record<string, unknown>): Native {
  const dir = mkdtempSync(join(tmpdir(), 'exitlab-embed-'));
  const file = join(dir, 'main.py');
  writeFileSync(file, `# exitlab-case: ${JSON.stringify(meta)}\n${source}`);
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('PYTHON')) delete env[k];
  const r = spawnSync('python3', [join(ROOT, 'scripts/corpus/runner.py'), '--json', '--mode', 'tty', '--case', file, '--', 'python3', '-E', file], {
    encoding: 'utf8',
    env,
  });
  return JSON.parse(r.stdout) as Native;
}

const finalLine = (n: Native): string => (n.signal ? `[killed by ${n.signal} (${n.status})]` : `[exit status ${n.status}]`);

async function transcriptOf(frame: FrameLocator): Promise<string> {
  return (await frame.getByTestId('transcript').textContent()) ?? '';
}

async function exitOf(frame: FrameLocator): Promise<string> {
  const badge = frame.getByTestId('exit-status');
  await expect(badge).toHaveText(/^(exit status \d+|killed by SIG[A-Z0-9]+ \(\d+\))/, { timeout: BOOT_TIMEOUT });
  return (await badge.textContent()) ?? '';
}

test.describe('embeds in an article on another site', () => {
  test.setTimeout(150_000);

  test('three snippets boot without blocking the article, and each runs as python3 does', async ({ page, baseURL }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(serveArticle(baseURL!));
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    const frames = [0, 1, 2].map((i) => page.frameLocator('iframe.exitlab-embed').nth(i));
    const [input, term, exits] = frames as [FrameLocator, FrameLocator, FrameLocator];
    const [inputSrc, termSrc, exitsSrc] = articleSnippets() as [string, string, string];

    // Each snippet is in place (its <pre> replaced) and has run nothing.
    for (const f of frames) {
      await expect(f.getByRole('button', { name: 'Run', exact: true })).toBeVisible({ timeout: 30_000 });
      await expect(f.getByTestId('exit-status')).toHaveText('');
    }
    await expect(page.locator('pre[data-exitlab]:visible')).toHaveCount(0);

    // 1. typed input: a name, Enter.
    await input.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(input.getByTestId('transcript')).toContainText('Your name? ', { timeout: BOOT_TIMEOUT });
    await input.getByTestId('terminal').click();
    await page.keyboard.type('Ada');
    await page.keyboard.press('Enter');
    // On a terminal CPython writes input()'s prompt to stderr (no readline in a script); the
    // terminal shows it, then the echo of what was typed, then the program's stdout.
    const n1 = native(inputSrc, { stdin: 'Ada\n' });
    expect(n1.stderr).toBe('Your name? ');
    expect(await exitOf(input)).toMatch(new RegExp(`^exit status ${n1.status}\\b`));
    expect(await transcriptOf(input)).toBe(`$ python main.py\n${n1.stderr}${n1.stdout}${finalLine(n1)}`);

    // 2. SIGTERM from its button: the handler exits 143, finally runs.
    await term.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(term.getByTestId('transcript')).toContainText('working... send SIGTERM', { timeout: BOOT_TIMEOUT });
    await term.getByRole('button', { name: 'SIGTERM', exact: true }).click();
    const n2 = native(termSrc, { signals: [{ name: 'SIGTERM', after: 'working... send SIGTERM' }] });
    expect(await exitOf(term)).toMatch(new RegExp(`^exit status ${n2.status}\\b`));
    expect(await transcriptOf(term)).toBe(`$ python main.py\n${n2.stdout}${finalLine(n2)}`);
    expect(n2.stdout).toContain('finally: closed the files');

    // 3. atexit: three handlers, last registered first, on the one-line timeline.
    await exits.getByRole('button', { name: 'Run', exact: true }).click();
    const n3 = native(exitsSrc, {});
    expect(await exitOf(exits)).toMatch(new RegExp(`^exit status ${n3.status}\\b`));
    expect(await transcriptOf(exits)).toBe(`$ python main.py\n${n3.stdout}${finalLine(n3)}`);
    await expect(exits.locator('[data-testid="timeline"] > [data-kind="atexit"]')).toHaveCount(3);

    // The article itself was never blocked while they booted and ran.
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    expect(longTasks.filter((d) => d > 200)).toEqual([]);

    // Each iframe is as tall as its content (the embed's document, read from inside it).
    const sizes = async (): Promise<{ iframe: number; content: number }[]> => {
      const heights = await page.locator('iframe.exitlab-embed').evaluateAll((els) => els.map((e) => (e as HTMLElement).clientHeight));
      const content = await Promise.all(frames.map((f) => f.locator('html').evaluate((el) => el.scrollHeight)));
      return heights.map((iframe, i) => ({ iframe, content: content[i] ?? 0 }));
    };
    await expect.poll(async () => (await sizes()).every((s) => Math.abs(s.iframe - s.content) <= 2), { message: JSON.stringify(await sizes()) }).toBe(true);
    for (const s of await sizes()) expect(s.iframe).toBeGreaterThan(200);
  });

  test('a snippet edited in its embed opens in the playground with the edited code', async ({ page, baseURL }) => {
    await page.goto(serveArticle(baseURL!));
    const frame = page.frameLocator('iframe.exitlab-embed').first();
    await expect(frame.locator('[data-testid="editor"][data-state="ready"]')).toBeVisible({ timeout: 30_000 });
    await frame.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('\nprint("edited in the embed")');
    const [playground] = await Promise.all([
      page.waitForEvent('popup'),
      frame.getByRole('link', { name: 'Open in Exit Lab' }).click(),
    ]);
    await playground.waitForLoadState();
    expect(new URL(playground.url()).origin).toBe(baseURL);
    await expect(playground.locator('[data-testid="editor"][data-state="ready"]')).toBeVisible({ timeout: 30_000 });
    await expect(playground.locator('.monaco-editor .view-lines')).toContainText('print("edited in the embed")');
    await expect(playground.locator('.monaco-editor .view-lines')).toContainText('Your name?');
    await expect(playground.getByTestId('exit-status')).toHaveText('');
  });

  test('follows the colour scheme the article declares, and the reader\'s when it declares none', async ({ page, baseURL }) => {
    const html = readFileSync(join(ROOT, 'dist', 'article.html'), 'utf8').replace('src="./embed.js"', `src="${baseURL}/embed.js"`);
    // The reader prefers light; the article says it is dark.
    await page.goto(publish('/dark.html', html.replace('<html lang="en">', '<html lang="en" style="color-scheme: dark">')));
    const frame = page.frameLocator('iframe.exitlab-embed').first();
    await expect(frame.locator('html')).toHaveAttribute('data-scheme', 'dark', { timeout: 30_000 });
    // Another article, no declaration: the reader's preference, now dark.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(publish('/plain.html', html.replace('<meta name="color-scheme" content="light dark" />', '')));
    await expect(page.frameLocator('iframe.exitlab-embed').first().locator('html')).toHaveAttribute('data-scheme', 'dark', { timeout: 30_000 });
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.frameLocator('iframe.exitlab-embed').first().locator('html')).toHaveAttribute('data-scheme', 'light');
  });

  test('on a static host without isolation headers, and with autorun asked for by the article', async ({ page, baseURL }) => {
    await stripIsolationHeaders(page);
    const source = 'import sys\nline = input()\nprint(f"read {line!r}")\nsys.exit(5)\n';
    const html = `<!doctype html><title>Autorun</title><h1>Autorun</h1>
      <pre data-exitlab data-exitlab-autorun data-exitlab-view="output">${source}</pre>
      <pre data-exitlab data-exitlab-cmd="python main.py | cat">${source}</pre>
      <script type="module" src="${baseURL}/embed.js"></script>`;
    await page.goto(publish('/autorun.html', html));
    const [auto, manual] = [0, 1].map((i) => page.frameLocator('iframe.exitlab-embed').nth(i)) as [FrameLocator, FrameLocator];
    // Autorun: it runs by itself, with stdin at end of input, as on a terminal where Ctrl+D is
    // typed at once (input() then raises a bare EOFError; from /dev/null it would say more).
    const n = native(source, { stdin: '' });
    expect(await exitOf(auto)).toMatch(new RegExp(`^exit status ${n.status}\\b`));
    expect(n.stderr.trimEnd().split('\n').pop()).toBe('EOFError');
    expect(await transcriptOf(auto)).toMatch(/\nEOFError\n\[exit status 1\]$/);
    await expect(auto.locator('.monaco-editor')).toHaveCount(0); // view=output
    // Without autorun nothing runs; Run, a typed line, its command line honoured.
    await expect(manual.getByTestId('exit-status')).toHaveText('');
    await manual.getByRole('button', { name: 'Run', exact: true }).click();
    await manual.getByTestId('terminal').click();
    await page.keyboard.type('hi');
    await page.keyboard.press('Enter');
    // A pipeline's status is its last command's: cat's 0, as in a shell.
    expect(await exitOf(manual)).toMatch(/^exit status 0 · python ended with exit status 5/);
    expect(await transcriptOf(manual)).toBe("$ python main.py | cat\nhi\nread 'hi'\n[exit status 0]");
  });

  test('with scripts blocked the article keeps its code as plain text', async ({ browser, baseURL }) => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(serveArticle(baseURL!));
    await expect(page.locator('pre[data-exitlab]')).toHaveCount(3);
    await expect(page.locator('pre[data-exitlab]').first()).toContainText('name = input("Your name? ")');
    await expect(page.locator('iframe')).toHaveCount(0);
    await ctx.close();
  });
});

test.describe('a hostile parent page', () => {
  test('its messages cannot start a run or read anything; only the documented theme message is taken', async ({ page, baseURL }) => {
    const code = 'print("secret-output")\n';
    const src = `${baseURL}/embed.html${makeEmbedHash(code)}`;
    const html = `<!doctype html><title>Hostile</title>
      <iframe id="e" src="${src}" style="width:800px;height:600px"></iframe>
      <script>
        window.heard = [];
        window.addEventListener('message', (e) => window.heard.push(JSON.stringify(e.data)));
        const hostile = [
          { type: 'exitlab:run' }, 'run', { type: 'run' }, { type: 'exitlab:theme', theme: 'dark', run: true },
          { type: 'exitlab:input', data: 'x\\n' }, { type: 'exitlab:signal', signal: 'SIGTERM' },
          { type: 'exitlab:theme', theme: 'javascript:alert(1)' }, { type: 'exitlab:size', height: 5 },
          { type: 'exitlab:read', what: 'editor' }, null, 42, [1, 2],
        ];
        setInterval(() => {
          const w = document.getElementById('e').contentWindow;
          for (const m of hostile) w.postMessage(m, '*');
        }, 100);
      </script>`;
    await page.goto(publish('/hostile.html', html));
    const frame = page.frameLocator('#e');
    await expect(frame.getByRole('button', { name: 'Run', exact: true })).toBeVisible({ timeout: 30_000 });
    // Let the interpreter boot under the barrage, then give a run time to have ended.
    await expect(frame.getByTestId('engine-state')).toHaveAttribute('data-state', 'ready', { timeout: BOOT_TIMEOUT });
    await page.waitForTimeout(2_000);
    await expect(frame.getByTestId('exit-status')).toHaveText('');
    expect(await frame.getByTestId('transcript').textContent()).toBe('$ python main.py\n');
    await expect(frame.locator('html')).toHaveAttribute('data-scheme', 'light');

    // What the embed told the page: readiness and sizes, never its code or output.
    const heard = await page.evaluate(() => (window as unknown as { heard: string[] }).heard);
    expect(heard.length).toBeGreaterThan(0);
    for (const m of heard) {
      expect(m).toMatch(/^\{"type":"exitlab:(ready|size)"(,"height":\d+)?\}$/);
      expect(m).not.toContain('secret');
    }
    // The page cannot reach into the embed's document: true of any cross-origin frame, kept as
    // a guard against serving the embed same-origin by mistake. What shows the embed ignores the
    // barrage is above: nothing ran, nothing was said but readiness and sizes, the scheme held.
    expect(await page.evaluate(() => (document.getElementById('e') as HTMLIFrameElement).contentDocument)).toBeNull();

    // The documented message works: the page's colour scheme.
    await page.evaluate(() => (document.getElementById('e') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'exitlab:theme', theme: 'dark' }, '*'));
    await expect(frame.locator('html')).toHaveAttribute('data-scheme', 'dark');
    // And Run still runs, for the reader.
    await frame.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(frame.getByTestId('exit-status')).toHaveText(/^exit status 0/, { timeout: BOOT_TIMEOUT });
    expect(await frame.getByTestId('transcript').textContent()).toBe('$ python main.py\nsecret-output\n[exit status 0]');
  });
});
