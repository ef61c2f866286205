// Fidelity corpus: every corpus/<topic>/<name>.py, in each mode its metadata lists, is run through
// scripts/corpus/runner.py (the same code that produced corpus/expected/ from native python3) and
// compared with the expectation: stdout and status exactly, the last stderr line loosely. See corpus/README.md.
//
// The command under test defaults to `node bin/exitlab.mjs run`; override it with
// EXITLAB_CORPUS_CMD='["python3","-E"]' (a JSON array) to check the harness against native CPython.
// Other knobs: EXITLAB_CORPUS_JOBS (default 2), EXITLAB_CORPUS_FILTER (substrings of "topic/name", `|` between),
// EXITLAB_CORPUS_REPORT (path of a JSON report to write at the end).
import { describe, it, expect, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as osConstants } from 'node:os';
import { lastStderrLine, maskErrno } from '../../lessons/compare';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CORPUS = join(ROOT, 'corpus');
const RUNNER = join(ROOT, 'scripts/corpus/runner.py');
const META_PREFIX = '# exitlab-case:';
const MODES = ['pipe', 'tty'] as const;
type Mode = (typeof MODES)[number];

interface SignalSpec {
  name: string;
  after: string;
}
interface CaseMeta {
  modes: Mode[];
  argv?: string[];
  stdin?: string;
  stdinEof?: boolean;
  stdinAfter?: string;
  signals?: SignalSpec[];
  timeoutMs?: number;
  thread?: boolean;
  note?: string;
}
interface Case {
  id: string; // topic/name
  topic: string;
  file: string; // repo-relative path
  meta: CaseMeta;
}
interface Expected {
  stdout: string;
  stderr: string;
  stderrLast: string;
  status: number;
  signal: string | null;
  pythonVersion: string;
}
interface RunResult {
  mode: Mode;
  stdout: string;
  stderr: string;
  stderrLast: string;
  status: number;
  signal: string | null;
  waitStatus: number;
  timedOut: boolean;
  signalsSent: string[];
  durationMs: number;
}

const DEFAULT_CMD = ['node', 'bin/exitlab.mjs', 'run'];
const COMMAND: string[] = (() => {
  const raw = process.env.EXITLAB_CORPUS_CMD;
  if (!raw) return DEFAULT_CMD;
  const parsed: unknown = JSON.parse(raw);
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((x) => typeof x === 'string')) {
    throw new Error('EXITLAB_CORPUS_CMD must be a non-empty JSON array of strings');
  }
  return parsed as string[];
})();
const NATIVE = /^python/.test(basename(COMMAND[0] ?? ''));
/**
 * Whether the command runs threads: natively always; the engine only where its JavaScript
 * runtime can suspend WebAssembly (JSPI: Node 26, not the system's Node 20) and the suspension
 * path is not turned off. A fact of the runtime, asked of it, never of the engine under test.
 */
const THREADS: boolean = (() => {
  if (NATIVE) return true;
  const requested = process.env.EXITLAB_ENGINE;
  if (requested === 'shared-memory' || requested === 'none') return false;
  const probe = spawnSync(COMMAND[0]!, ['-e', 'process.stdout.write(String(typeof WebAssembly.Suspending))'], {
    encoding: 'utf8',
  });
  return probe.stdout === 'function';
})();
const JOBS = Math.max(1, Number(process.env.EXITLAB_CORPUS_JOBS ?? 2) || 2);
const FILTERS = (process.env.EXITLAB_CORPUS_FILTER ?? '').split('|').filter((f) => f !== '');
// Native python starts in tens of milliseconds; the engine needs time to boot Pyodide.
const BOOT_ALLOWANCE_MS = NATIVE ? 0 : 20_000;
const TEST_TIMEOUT_MS = 60_000;

function loadCases(): Case[] {
  const cases: Case[] = [];
  const topics = readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'expected')
    .map((d) => d.name)
    .sort();
  for (const topic of topics) {
    const files = readdirSync(join(CORPUS, topic)).filter((f) => f.endsWith('.py')).sort();
    for (const f of files) {
      const file = `corpus/${topic}/${f}`;
      const first = readFileSync(join(ROOT, file), 'utf8').split('\n', 1)[0] ?? '';
      if (!first.startsWith(META_PREFIX)) throw new Error(`${file}: missing "${META_PREFIX}" line`);
      const meta = JSON.parse(first.slice(META_PREFIX.length)) as CaseMeta;
      const id = `${topic}/${f.slice(0, -3)}`;
      if (FILTERS.length > 0 && !FILTERS.some((f) => id.includes(f))) continue;
      cases.push({ id, topic, file, meta });
    }
  }
  return cases;
}

function loadExpected(c: Case, mode: Mode): Expected {
  const p = join(CORPUS, 'expected', `${c.id}.${mode}.json`);
  if (!existsSync(p)) {
    throw new Error(`${p} is missing: run python3 scripts/corpus/gen_expected.py`);
  }
  return JSON.parse(readFileSync(p, 'utf8')) as Expected;
}


function runCase(c: Case, mode: Mode): Promise<RunResult> {
  const timeoutMs = (c.meta.timeoutMs ?? 10_000) + BOOT_ALLOWANCE_MS;
  const args = [
    RUNNER, '--json', '--mode', mode, '--case', c.file, '--timeout', String(timeoutMs), '--cwd', ROOT,
    '--', ...COMMAND, c.file, ...(c.meta.argv ?? []),
  ];
  return new Promise((resolveRun, reject) => {
    const child = spawn('python3', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const guard = setTimeout(() => child.kill('SIGKILL'), timeoutMs + 15_000);
    child.on('error', (e) => {
      clearTimeout(guard);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(guard);
      const text = Buffer.concat(out).toString('utf8');
      if (code !== 0) {
        reject(new Error(`runner failed (${code}): ${Buffer.concat(err).toString('utf8')}`));
        return;
      }
      try {
        resolveRun(JSON.parse(text) as RunResult);
      } catch (e) {
        reject(new Error(`runner printed no JSON: ${text.slice(0, 500)} ${String(e)}`));
      }
    });
  });
}

// A small ordered pool: jobs start in test order, at most JOBS at a time, and each test prefetches
// the next ones so that waiting for a result rarely costs more than that run itself.
interface Job {
  key: string;
  c: Case;
  mode: Mode;
}
const cases = loadCases();
const jobs: Job[] = [];
for (const c of cases) {
  for (const mode of c.meta.modes) {
    jobs.push({ key: `${c.id}.${mode}`, c, mode });
  }
}
const jobIndex = new Map(jobs.map((j, i) => [j.key, i]));
const started = new Map<string, Promise<RunResult>>();
const queue: Array<() => void> = [];
let running = 0;

function schedule(job: Job): Promise<RunResult> {
  const existing = started.get(job.key);
  if (existing) return existing;
  const p = new Promise<RunResult>((res, rej) => {
    const go = (): void => {
      running++;
      runCase(job.c, job.mode)
        .then(res, rej)
        .finally(() => {
          running--;
          queue.shift()?.();
        });
    };
    if (running < JOBS) go();
    else queue.push(go);
  });
  started.set(job.key, p);
  return p;
}

function resultFor(key: string): Promise<RunResult> {
  const i = jobIndex.get(key);
  if (i === undefined) throw new Error(`no job ${key}`);
  for (let k = i; k < Math.min(jobs.length, i + JOBS); k++) void schedule(jobs[k]!).catch(() => {});
  return schedule(jobs[i]!);
}

const caseOutcome = new Map<string, boolean>(); // case id -> all its modes matched so far
const report: Array<{ key: string; ok: boolean; problems: string[]; durationMs?: number }> = [];

function record(c: Case, key: string, problems: string[], durationMs?: number): void {
  const ok = problems.length === 0;
  caseOutcome.set(c.id, (caseOutcome.get(c.id) ?? true) && ok);
  report.push({ key, ok, problems, durationMs });
}

function cliPresent(): boolean {
  return COMMAND !== DEFAULT_CMD || existsSync(join(ROOT, 'bin/exitlab.mjs'));
}

function compare(exp: Expected, got: RunResult): string[] {
  const problems: string[] = [];
  if (got.timedOut) problems.push(`timed out after ${got.durationMs} ms`);
  if (got.stdout !== exp.stdout) problems.push('stdout differs');
  if (got.status !== exp.status) problems.push(`status ${got.status}, expected ${exp.status}`);
  if (got.signal !== exp.signal) problems.push(`signal ${got.signal}, expected ${exp.signal}`);
  const e = maskErrno(exp.stderrLast);
  const g = maskErrno(lastStderrLine(got.stderr) ?? '');
  if (e === '' ? g !== '' : !g.startsWith(e)) {
    problems.push(`last stderr line ${JSON.stringify(g)}, expected ${JSON.stringify(e)}`);
  }
  if (exp.signal) {
    const signum = (osConstants.signals as Record<string, number>)[exp.signal];
    if ((got.waitStatus & 0x7f) !== signum) {
      problems.push(`process did not die of ${exp.signal} (wait status ${got.waitStatus})`);
    }
  }
  return problems;
}

describe(`fidelity corpus (${COMMAND.join(' ')})`, () => {
  afterAll(() => {
    const passed = [...caseOutcome.values()].filter(Boolean).length;
    const failed = caseOutcome.size - passed;
    const runs = report.length;
    const runsOk = report.filter((r) => r.ok).length;
    console.log(
      `fidelity runs: ${runsOk}/${runs} case-mode runs matched (${COMMAND.join(' ')}; threads ${THREADS ? 'run' : 'refused'})`,
    );
    for (const r of report.filter((x) => !x.ok)) console.log(`  MISMATCH ${r.key}: ${r.problems.join('; ')}`);
    console.log(`fidelity: ${passed} passed, ${failed} failed`);
    const reportPath = process.env.EXITLAB_CORPUS_REPORT;
    if (reportPath) {
      writeFileSync(reportPath, JSON.stringify({ command: COMMAND, passed, failed, runs: report }, null, 2));
    }
  });

  const topics = [...new Set(cases.map((c) => c.topic))];
  for (const topic of topics) {
    describe(topic, () => {
      for (const c of cases.filter((x) => x.topic === topic)) {
        for (const mode of c.meta.modes) {
          const key = `${c.id}.${mode}`;
          if (c.meta.thread && !THREADS) {
            it(`${c.id} [${mode}] reports the thread limitation`, async () => {
              if (!cliPresent()) throw new Error('bin/exitlab.mjs does not exist yet');
              const got = await resultFor(key);
              const problems: string[] = [];
              if (!/thread/i.test(got.stderr)) problems.push('stderr does not mention threads');
              if (!/WebAssembly|browser|Pyodide/i.test(got.stderr)) {
                problems.push('stderr does not name the WebAssembly/browser runtime');
              }
              if (got.status !== 1) problems.push(`status ${got.status}, expected 1`);
              record(c, key, problems, got.durationMs);
              expect(got.stderr).toMatch(/thread/i);
              expect(got.stderr).toMatch(/WebAssembly|browser|Pyodide/i);
              expect(got.status).toBe(1);
            }, TEST_TIMEOUT_MS);
            continue;
          }
          it(`${c.id} [${mode}]`, async () => {
            if (!cliPresent()) {
              record(c, key, ['bin/exitlab.mjs does not exist']);
              throw new Error('bin/exitlab.mjs does not exist yet (set EXITLAB_CORPUS_CMD to test another command)');
            }
            const exp = loadExpected(c, mode);
            const got = await resultFor(key);
            record(c, key, compare(exp, got), got.durationMs);
            const view = (r: { stdout: string; status: number; signal: string | null }, last: string) => ({
              stdout: r.stdout,
              status: r.status,
              signal: r.signal,
              stderrLast: last,
            });
            const gotLast = maskErrno(lastStderrLine(got.stderr) ?? '');
            const expLast = maskErrno(exp.stderrLast);
            // An engine line may add a suffix (3.14's "Did you forget to import 'sys'?").
            const lastForCompare = expLast !== '' && gotLast.startsWith(expLast) ? expLast : gotLast;
            expect(got.timedOut, `timed out; stderr: ${got.stderr.slice(-500)}`).toBe(false);
            expect(view(got, lastForCompare), `stderr was:\n${got.stderr.slice(-1500)}`).toEqual(
              view(exp, expLast),
            );
            if (exp.signal) {
              const signum = (osConstants.signals as Record<string, number>)[exp.signal];
              expect(got.waitStatus & 0x7f, `the process must die of ${exp.signal}`).toBe(signum);
            }
          }, TEST_TIMEOUT_MS);
        }
      }
    });
  }
});
