/**
 * The corpus programs taken from CPython's own tests (the cases with a `# from:` line), run in
 * Chromium on a page served without COOP/COEP headers, so through the suspension path, threads
 * included. Each is run as a pipe, as native `python3 -E` was for its expectation
 * (corpus/expected/<id>.pipe.json), with its arguments and its signals (each sent once its text
 * has appeared on stdout), through the page's own engine. Compared as the corpus compares: stdout,
 * status and signal exactly, the last stderr line equal or starting with the expected one
 * (errno numbers masked).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';
import { BOOT_TIMEOUT, stripIsolationHeaders } from './helpers';
import { lastStderrLine, maskErrno } from '../src/lessons/compare';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = join(ROOT, 'corpus');
const META_PREFIX = '# exitlab-case:';

interface Meta {
  modes: string[];
  argv?: string[];
  stdin?: string;
  signals?: { name: string; after: string }[];
  timeoutMs?: number;
}
interface Native {
  stdout: string;
  stderrLast: string;
  status: number;
  signal: string | null;
}
interface Case {
  id: string;
  file: string;
  source: string;
  meta: Meta;
  native: Native;
}
interface Got {
  stdout: string;
  stderr: string;
  status: number;
  signal: string | null;
  timedOut: boolean;
}

function fromCPythonTests(): Case[] {
  const cases: Case[] = [];
  for (const topic of readdirSync(CORPUS, { withFileTypes: true })) {
    if (!topic.isDirectory() || topic.name === 'expected') continue;
    for (const name of readdirSync(join(CORPUS, topic.name)).filter((f) => f.endsWith('.py')).sort()) {
      const file = `corpus/${topic.name}/${name}`;
      const source = readFileSync(join(ROOT, file), 'utf8');
      const [first, second] = source.split('\n', 2);
      if (!second?.startsWith('# from:')) continue;
      const meta = JSON.parse(first!.slice(META_PREFIX.length)) as Meta;
      if (!meta.modes.includes('pipe')) continue;
      const id = `${topic.name}/${name.slice(0, -3)}`;
      const native = JSON.parse(readFileSync(join(CORPUS, 'expected', `${id}.pipe.json`), 'utf8')) as Native;
      cases.push({ id, file, source, meta, native });
    }
  }
  return cases;
}

function differences(want: Native, got: Got): string[] {
  const out: string[] = [];
  if (got.timedOut) out.push('timed out');
  if (got.stdout !== want.stdout) out.push(`stdout ${JSON.stringify(got.stdout)}, expected ${JSON.stringify(want.stdout)}`);
  if (got.status !== want.status) out.push(`status ${got.status}, expected ${want.status}`);
  if (got.signal !== want.signal) out.push(`signal ${got.signal}, expected ${want.signal}`);
  const e = maskErrno(want.stderrLast);
  const g = maskErrno(lastStderrLine(got.stderr) ?? '');
  if (e === '' ? g !== '' : !g.startsWith(e)) out.push(`last stderr line ${JSON.stringify(g)}, expected ${JSON.stringify(e)}`);
  return out;
}

test('the programs from CPython\'s tests match native python3 -E in Chromium, without isolation headers', async ({ page }) => {
  const cases = fromCPythonTests();
  expect(cases.length).toBeGreaterThanOrEqual(40);
  test.setTimeout(60_000 + cases.length * 15_000);
  await stripIsolationHeaders(page);
  await page.goto('/');
  await page.waitForFunction(() => (globalThis as { __exitlab?: { engine: { status(): { state: string } } } }).__exitlab?.engine.status().state === 'ready', null, {
    timeout: BOOT_TIMEOUT,
  });
  const blocking = await page.evaluate(() => (globalThis as unknown as { __exitlab: { engine: { status(): { blocking?: string } } } }).__exitlab.engine.status().blocking);
  expect(blocking).toBe('suspension');

  const failures: string[] = [];
  for (const c of cases) {
    const got = await page.evaluate(
      ({ source, file, argv, stdin, signals, limitMs }) =>
        new Promise<Got>((resolve) => {
          type Proc = { sendSignal(s: string): void; writeStdin(d: Uint8Array | null): void; exited: Promise<{ status: number; cause: string; signal?: string }> };
          const engine = (globalThis as unknown as { __exitlab: { engine: { spawn(r: unknown, l: unknown): Proc } } }).__exitlab.engine;
          const decoder = { out: new TextDecoder(), err: new TextDecoder() };
          let stdout = '';
          let stderr = '';
          let searchFrom = 0;
          const pending = [...signals];
          let proc: Proc | null = null;
          const check = () => {
            while (proc && pending.length > 0) {
              const at = stdout.indexOf(pending[0]!.after, searchFrom);
              if (at < 0) return;
              searchFrom = at + pending[0]!.after.length;
              proc.sendSignal(pending.shift()!.name);
            }
          };
          proc = engine.spawn(
            {
              source,
              filename: `/home/pyodide/${file}`,
              argv: [file, ...argv],
              stdio: { stdin: false, stdout: false, stderr: false },
              cwd: '/home/pyodide',
            },
            {
              stdout(d: Uint8Array) {
                stdout += decoder.out.decode(d, { stream: true });
                check();
              },
              stderr(d: Uint8Array) {
                stderr += decoder.err.decode(d, { stream: true });
              },
            },
          );
          proc.writeStdin(stdin === null ? null : new TextEncoder().encode(stdin));
          if (stdin !== null) proc.writeStdin(null);
          let timedOut = false;
          const limit = setTimeout(() => {
            timedOut = true;
            proc?.sendSignal('SIGKILL');
          }, limitMs);
          void proc.exited.then((record) => {
            clearTimeout(limit);
            resolve({ stdout, stderr, status: record.status, signal: record.cause === 'signal' ? (record.signal ?? null) : null, timedOut });
          });
        }),
      { source: c.source, file: c.file, argv: c.meta.argv ?? [], stdin: c.meta.stdin ?? null, signals: c.meta.signals ?? [], limitMs: (c.meta.timeoutMs ?? 10_000) + 5_000 },
    );
    const diff = differences(c.native, got);
    if (diff.length > 0) failures.push(`${c.id}: ${diff.join('; ')}`);
  }
  console.log(`CPython-derived corpus in Chromium: ${cases.length - failures.length}/${cases.length} matched`);
  expect(failures).toEqual([]);
});
