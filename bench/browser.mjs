// The browser half of `npm run bench`: real Chromium against the built site,
// baselines measured in the same run and under the same cache state.
// Adds `browser` to bench/results.json.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import LZString from 'lz-string';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = join(root, 'bench/results.json');
const PORT = Number(process.env.BENCH_PORT ?? 4181);
const BASE = `http://127.0.0.1:${PORT}`;
const RUNS = Number(process.env.BENCH_BROWSER_RUNS ?? 3);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const DIST = process.env.BENCH_DIST ?? join(root, 'dist');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const round = (x) => Math.round(x * 10) / 10;
/** Ratios to two places: 0.47 and 0.5 are on different sides of a target of one half. */
const ratio = (a, b) => Math.round((a / b) * 100) / 100;

function codeLink(source, engine) {
  const query = engine ? `?engine=${engine}` : '';
  return `${BASE}/${query}#code/${LZString.compressToEncodedURIComponent(source)}`;
}

/** The two ways a browser's programs block (the page's `?engine=`): each is measured in the same run. */
const PATHS = ['suspension', 'shared-memory'];
const SIGTERM_PROGRAM =
  'import os, signal, sys, time\n' +
  // os.write, not print: a SIGTERM sent the moment "ready" is read may arrive inside that print's
  // flush, and CPython (python3 -E as much as ours) then runs the handler there, where a print
  // fails with "reentrant call inside <_io.BufferedWriter name='<stdout>'>".
  'signal.signal(signal.SIGTERM, lambda s, f: (os.write(1, b"handled\\n"), sys.exit(0)))\n' +
  'print("ready", flush=True)\ntime.sleep(30)\n';
const ECHO_PROGRAM = 'while True:\n    line = input()\n    print("got", line, flush=True)\n';

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${BASE}/`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

/**
 * A sample that never completes fails the bench with what the page showed, rather than
 * hanging it (the in-page waits below have no limit of their own).
 */
async function within(page, what, promise, ms = 30_000) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(async () => {
      const shown = await page.getByTestId('transcript').textContent().catch(() => '(page gone)');
      reject(new Error(`bench: ${what} did not happen within ${ms} ms; the transcript showed:\n${shown}`));
    }, ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** In the page: resolves with performance.now() when the transcript first contains `text` after `from`. */
function watchTranscript(page, text) {
  return within(page, `the text ${JSON.stringify(text)}`, page.evaluate(
    (needle) =>
      new Promise((resolve) => {
        const el = document.querySelector('[data-testid="transcript"]');
        const check = () => {
          const body = (el?.textContent ?? '').split('\n').slice(1).join('\n');
          if (body.includes(needle)) {
            obs.disconnect();
            resolve(performance.now());
          }
        };
        const obs = new MutationObserver(check);
        obs.observe(el, { childList: true, subtree: true, characterData: true });
        check();
      }),
    text,
  ));
}

async function bareBoot(context) {
  const page = await context.newPage();
  await page.goto(`${BASE}/__bench__.txt`);
  const ms = await page.evaluate(async (base) => {
    const code = `const t = performance.now();
      const { loadPyodide } = await import('${base}/pyodide/pyodide.mjs');
      const py = await loadPyodide({ indexURL: '${base}/pyodide/' });
      py.runPython('1 + 1');
      postMessage(performance.now() - t);`;
    const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    return new Promise((resolve, reject) => {
      const w = new Worker(url, { type: 'module' });
      w.onmessage = (e) => {
        w.terminate();
        resolve(e.data);
      };
      w.onerror = (e) => reject(new Error(e.message));
    });
  }, BASE);
  await page.close();
  return ms;
}

/** Navigation until a run of print("ready"), started at once, shows its output. */
async function pageReady(context, { firstVisit }) {
  const page = await context.newPage();
  await page.goto(codeLink('print("ready")\n'));
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await run.waitFor({ state: 'visible' });
  await run.click(); // Run is usable while Python boots: the run starts when it is up

  const at = await watchTranscript(page, 'ready\n');
  if (firstVisit) {
    // A visitor's first visit lasts longer than one run: the page makes the snapshot once
    // its first interpreter is up, and a repeat visit only benefits once it is stored.
    await page.waitForFunction(() => ['saved', 'unavailable'].includes(globalThis.__exitlab?.engine.status().snapshot), null, {
      timeout: 120_000,
    });
  }
  await page.close();
  return at; // performance.now() is measured from the navigation's start
}

async function waitWarm(page) {
  await page.waitForFunction(() => (globalThis.__exitlab?.engine.status().warm ?? 0) > 0, null, { timeout: 60_000 });
}

/**
 * Timed inside the page: from the click event on the button named `name` until the text of
 * `[data-testid=testid]` matches `pattern`. The observer is set up before the click is sent.
 */
async function timeFromClick(page, name, testid, pattern) {
  const armed = page.evaluate(
    ({ name, testid, source }) =>
      new Promise((resolve) => {
        const el = document.querySelector(`[data-testid="${testid}"]`);
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name || b.getAttribute('aria-label') === name);
        const done = new RegExp(source);
        let clickedAt = 0;
        button.addEventListener('click', () => (clickedAt = performance.now()), { capture: true, once: true });
        const obs = new MutationObserver(() => {
          if (clickedAt && done.test(el.textContent ?? '')) {
            obs.disconnect();
            resolve(performance.now() - clickedAt);
          }
        });
        obs.observe(el, { childList: true, subtree: true, characterData: true });
      }),
    { name, testid, source: pattern.source },
  );
  await page.getByRole('button', { name, exact: true }).click();
  return within(page, `the effect of ${name}`, armed);
}

/** From the Run click event to the exit badge's update. */
async function timedRun(page, { refill }) {
  if (refill) await waitWarm(page);
  return timeFromClick(page, 'Run', 'exit-status', /^(exit status|killed by)/);
}

/** From the SIGTERM click event until the program's handler has printed. */
async function sigtermToHandler(page) {
  await waitWarm(page);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await watchTranscript(page, 'ready\n');
  const ms = await timeFromClick(page, 'SIGTERM', 'transcript', /handled/);
  await page.getByTestId('exit-status').filter({ hasText: /^(exit status|killed by)/ }).waitFor();
  return ms;
}

/** From the Enter keydown of a typed line in the terminal until the program has printed its reply. */
async function inputRoundTrip(page, n) {
  const armed = page.evaluate(
    (reply) =>
      new Promise((resolve) => {
        const el = document.querySelector('[data-testid="transcript"]');
        const input = document.querySelector('[data-testid="terminal"] textarea');
        let at = 0;
        const onKey = (e) => {
          if (e.key !== 'Enter') return;
          at = performance.now();
          input.removeEventListener('keydown', onKey, { capture: true });
        };
        input.addEventListener('keydown', onKey, { capture: true });
        const obs = new MutationObserver(() => {
          if (at && (el.textContent ?? '').includes(reply)) {
            obs.disconnect();
            resolve(performance.now() - at);
          }
        });
        obs.observe(el, { childList: true, subtree: true, characterData: true });
      }),
    `got line${n}`,
  );
  await page.keyboard.type(`line${n}`);
  await page.keyboard.press('Enter');
  return within(page, `the reply to line${n}`, armed);
}

/** The suspension path's figures over the shared-memory path's. */
function pathRatios(paths) {
  const vs = (key) => ratio(paths.suspension[key], paths['shared-memory'][key]);
  return { runToExitMs: vs('runToExitMs'), sigtermToHandlerMs: vs('sigtermToHandlerMs'), inputRoundTripMs: vs('inputRoundTripMs') };
}

/** One page per engine path (`?engine=`), at the steady state a page reaches. */
async function openPath(browser, options, path) {
  const ctx = await browser.newContext(options);
  const page = await ctx.newPage();
  await page.goto(codeLink('print("ready")\n', path));
  const blocking = await page.waitForFunction(() => globalThis.__exitlab?.engine.status().blocking, null, { timeout: 120_000 });
  // The same steady state for both paths: the snapshot made (a first visit's throwaway
  // worker would compete with the runs) and two runs not timed.
  await page.waitForFunction(() => ['saved', 'unavailable'].includes(globalThis.__exitlab?.engine.status().snapshot), null, {
    timeout: 120_000,
  });
  for (let i = 0; i < 2; i++) await timedRun(page, { refill: true });
  return { path, ctx, page, blocking: await blocking.jsonValue() };
}

/**
 * `n` samples of `sample(page)` on each path, taken in turns (A B, B A, ...), so whatever
 * drifts during the run (the machine's load, the browser's own work) falls on both alike.
 */
async function inTurns(pages, n, sample) {
  const got = pages.map(() => []);
  for (let i = 0; i < n; i++) {
    const order = i % 2 === 0 ? [0, 1] : [1, 0];
    for (const k of order) got[k].push(await sample(pages[k].page));
  }
  return got;
}

/** runToExitMs, sigtermToHandlerMs and inputRoundTripMs on both engine paths, sampled in turns. */
async function pathFigures(browser, options) {
  const pages = [];
  for (const path of PATHS) pages.push(await openPath(browser, options, path));
  // Enough samples that the two paths' medians are steady to a few per cent on two busy cores.
  const runs = await inTurns(pages, 20, (page) => timedRun(page, { refill: true }));
  for (const { page, path } of pages) await page.goto(codeLink(SIGTERM_PROGRAM, path));
  const sig = await inTurns(pages, 15, sigtermToHandler);
  for (const { page, path } of pages) {
    await page.goto(codeLink(ECHO_PROGRAM, path));
    await waitWarm(page);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByText('waiting for input').waitFor({ timeout: 60_000 });
  }
  let line = 0;
  const typed = await inTurns(pages, 20, async (page) => {
    // Typing needs the keyboard focus in this page's terminal.
    await page.bringToFront();
    await page.getByTestId('terminal').click();
    return inputRoundTrip(page, line++);
  });
  const figures = {};
  pages.forEach(({ path, blocking }, k) => {
    figures[path] = {
      blocking,
      runToExitMs: round(percentile(runs[k], 50)),
      sigtermToHandlerMs: round(median(sig[k])),
      inputRoundTripMs: round(median(typed[k])),
    };
  });
  for (const { page, ctx } of pages) {
    await page.bringToFront();
    await page.getByTestId('terminal').click();
    await page.keyboard.press('Control+D');
    await page.getByTestId('exit-status').filter({ hasText: /^(exit status|killed by)/ }).waitFor();
    await ctx.close();
  }
  return figures;
}

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) {
    const built = spawnSync('npx', ['vite', 'build', '--outDir', DIST], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  const server = spawn(process.execPath, [join(root, 'scripts/serve.mjs'), '--dir', DIST, '--port', String(PORT)], { stdio: 'ignore' });
  try {
    await waitForServer();
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const options = { viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] };
    if (process.env.BENCH_PATHS_ONLY === '1') {
      // Only the two paths side by side (a quicker look while working on one of them; nothing written).
      const paths = await pathFigures(browser, options);
      console.log(JSON.stringify({ paths, suspensionVsSharedMemory: pathRatios(paths) }, null, 2));
      await browser.close();
      return;
    }
    const bare = [];
    const bareWarm = [];
    const first = [];
    const repeat = [];
    for (let i = 0; i < RUNS; i++) {
      // Baseline and first visit each in a fresh profile: cold HTTP cache, nothing stored.
      const a = await browser.newContext(options);
      bare.push(await bareBoot(a));
      bareWarm.push(await bareBoot(a)); // the same profile again: warm HTTP cache, as a repeat visit
      await a.close();
      const b = await browser.newContext(options);
      first.push(await pageReady(b, { firstVisit: true }));
      repeat.push(await pageReady(b, { firstVisit: false }));
      await b.close();
    }

    const ctx = await browser.newContext(options);
    const page = await ctx.newPage();
    await page.goto(codeLink('print("ready")\n'));
    const runs = [];
    for (let i = 0; i < 20; i++) runs.push(await timedRun(page, { refill: true }));
    const backToBack = [];
    for (let i = 0; i < 10; i++) backToBack.push(await timedRun(page, { refill: false }));
    await page.goto(codeLink(SIGTERM_PROGRAM));
    const sig = [];
    for (let i = 0; i < 5; i++) sig.push(await sigtermToHandler(page));
    await ctx.close();
    const paths = await pathFigures(browser, options);
    await browser.close();

    const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
    results.browser = {
      bareBootMs: round(median(bare)),
      bareBootWarmCacheMs: round(median(bareWarm)),
      pageReadyFirstMs: round(median(first)),
      pageReadyRepeatMs: round(median(repeat)),
      pageReadyFirstVsBareRatio: ratio(median(first), median(bare)),
      pageReadyRepeatVsBareRatio: ratio(median(repeat), median(bare)),
      pageReadyRepeatVsWarmBareRatio: ratio(median(repeat), median(bareWarm)),
      runToExitMs: { p50: round(percentile(runs, 50)), p95: round(percentile(runs, 95)) },
      backToBackRunMs: round(percentile(backToBack, 50)),
      sigtermToHandlerMs: round(median(sig)),
      // Each engine path on its own page (`?engine=`), sampled in turns in this run: medians (runs: p50).
      paths,
      suspensionVsSharedMemory: pathRatios(paths),
    };
    writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
    console.log(JSON.stringify(results.browser, null, 2));
  } finally {
    server.kill();
  }
}

await main();
