/**
 * `exitlab check [DIR] [--only ID[/PROGRAM]] [--timeout-ms N] [--jobs N] [--show] [--json FILE]`:
 * every lesson program of DIR (default `lessons`) run through the engine with
 * its script, compared with its expected outcome (stdout and status exactly). Node lessons
 * (`runtime: node`) run with the local `node` instead (`./node-lesson-runner.ts`).
 *
 * Prints one line per program, `ok  lesson/program` or
 * `FAIL lesson/program: field: expected X got Y` (several mismatches joined by
 * `; `), then `exitlab check: N passed, M failed`. Exit status 0 when every
 * program matches, 1 when any differs, 2 when a lesson file is invalid (the
 * message names the file and the field) or the arguments are wrong.
 *
 * `--json FILE` also writes every program's outcome to FILE (`CheckOutcome[]`, in lesson
 * order): what `npm run lessons:expect` reads the engine's timeline from.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { lastStderrLine } from '../../lessons/compare';
import { compareWithExpectation, runLessonProgram, timelineSteps, type LessonRunResult } from '../../lessons/lesson-runner';
import { loadLessonsFromDir, type LessonFile } from '../../lessons/load';
import { LessonError, type Lesson, type LessonProgram } from '../../lessons/schema';
import type { EnginePool } from '../../engine/host';
import type { Engine } from '../../engine/process';
import { createNodeEngine, type NodeEnginePaths } from './engine';
import { runNodeLessonProgram } from './node-lesson-runner';

const USAGE = 'usage: exitlab check [DIR] [--only LESSON[/PROGRAM]] [--timeout-ms N] [--jobs N] [--show] [--json FILE]';
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_JOBS = 2;

interface CheckOptions {
  dir: string;
  only: string | null;
  timeoutMs: number;
  jobs: number;
  show: boolean;
  json: string | null;
}

/** One program's outcome as `--json` writes it. */
export interface CheckOutcome {
  /** `lesson/program`. */
  name: string;
  ok: boolean;
  /** Set when the program could not be run at all; the other fields are then empty. */
  error?: string;
  status: number | null;
  signal: string | null;
  stdout: string;
  stderrLast: string | null;
  /** The timeline's steps; null for a Node lesson, whose runs record none. */
  timeline: string[] | null;
}

function parseArgs(args: string[]): CheckOptions | string {
  const opts: CheckOptions = { dir: 'lessons', only: null, timeoutMs: DEFAULT_TIMEOUT_MS, jobs: DEFAULT_JOBS, show: false, json: null };
  let dirSeen = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : args[++i]);
    if (name === '--only') {
      const v = value();
      if (!v) return '--only takes a lesson id (or id/program)';
      opts.only = v;
    } else if (name === '--timeout-ms') {
      const v = value();
      const n = Number(v);
      if (!v || !Number.isInteger(n) || n <= 0) return `--timeout-ms takes a positive whole number, not ${v ?? 'nothing'}`;
      opts.timeoutMs = n;
    } else if (name === '--jobs' || name === '-j') {
      const v = value();
      const n = Number(v);
      if (!v || !Number.isInteger(n) || n <= 0) return `--jobs takes a positive whole number, not ${v ?? 'nothing'}`;
      opts.jobs = n;
    } else if (name === '--json') {
      const v = value();
      if (!v) return '--json takes a file name';
      opts.json = v;
    } else if (a === '--show') {
      opts.show = true;
    } else if (a === '--help' || a === '-h') {
      return '';
    } else if (a.startsWith('-')) {
      return `unknown option ${a}`;
    } else if (!dirSeen) {
      opts.dir = a;
      dirSeen = true;
    } else {
      return `unexpected argument ${a}`;
    }
  }
  return opts;
}

interface Job {
  lesson: Lesson;
  program: LessonProgram;
  name: string;
}

/** Runs `fn` over `items` with at most `limit` at once; results in input order. */
async function mapLimited<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
  onResult: (i: number, result: R) => void,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      onResult(i, await fn(items[i]!));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** How long to wait for a warm interpreter before starting a program anyway. */
const WARM_WAIT_MS = 120_000;

/**
 * Hands out the pool to programs so that each starts on a booted interpreter. Every successful
 * boot reports `state: 'ready'` through `onStatus` (progress reports come only before the first
 * one), so boots seen minus runs spawned minus interpreters promised is what is free.
 */
function warmTracker(pool: EnginePool): { forProgram(): Promise<{ engine: Engine; release(): void }> } {
  let booted = 0;
  let taken = 0;
  /** Programs promised a booted interpreter that they have not spawned on yet. */
  let reserved = 0;
  const available = (): boolean => booted > taken + reserved || pool.status().state === 'failed';
  const waiters = new Set<() => void>();
  pool.onStatus((s) => {
    if (s.state !== 'ready') return;
    booted++;
    for (const w of [...waiters]) w();
  });
  const reserve = (): Promise<void> => {
    if (available()) {
      reserved++;
      return Promise.resolve();
    }
    return new Promise<void>((resolveWarm) => {
      const done = (timedOut = false): void => {
        if (!timedOut && !available()) return;
        reserved++;
        waiters.delete(done);
        clearTimeout(timer);
        resolveWarm();
      };
      const timer = setTimeout(() => done(true), WARM_WAIT_MS);
      waiters.add(done);
    });
  };
  return {
    async forProgram() {
      await reserve();
      let holds = true;
      const release = (): void => {
        if (holds) reserved--;
        holds = false;
        for (const w of [...waiters]) w();
      };
      const engine: Engine = {
        status: () => pool.status(),
        onStatus: (cb) => pool.onStatus(cb),
        spawn(request, listener) {
          taken++;
          release();
          return pool.spawn(request, listener);
        },
      };
      return { engine, release };
    },
  };
}

function oneLine(text: string, max = 400): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export async function runCheck(args: string[], paths: NodeEnginePaths): Promise<number> {
  const opts = parseArgs(args);
  if (typeof opts === 'string') {
    if (opts === '') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    process.stderr.write(`exitlab check: ${opts}\n${USAGE}\n`);
    return 2;
  }

  let lessons: LessonFile[];
  try {
    lessons = await loadLessonsFromDir(resolve(opts.dir));
  } catch (err) {
    if (err instanceof LessonError) {
      // Name the file as the user gave the directory.
      const abs = resolve(opts.dir);
      const shown = err.message.startsWith(abs) ? opts.dir.replace(/\/+$/, '') + err.message.slice(abs.length) : err.message;
      process.stderr.write(`exitlab check: invalid lesson file: ${shown}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`exitlab check: cannot read lessons from ${opts.dir}: ${message}\n`);
    return 2;
  }

  const [onlyLesson, onlyProgram] = opts.only ? opts.only.split('/', 2) : [null, null];
  const jobs: Job[] = [];
  for (const { lesson } of lessons) {
    if (onlyLesson && lesson.id !== onlyLesson) continue;
    for (const program of lesson.programs) {
      if (onlyProgram && program.name !== onlyProgram) continue;
      jobs.push({ lesson, program, name: `${lesson.id}/${program.name}` });
    }
  }
  if (opts.only && jobs.length === 0) {
    process.stderr.write(`exitlab check: no lesson program matches --only ${opts.only}\n`);
    return 2;
  }

  // One warm interpreter per program running at once, and each program starts only once one is
  // booted: a `timeout 1 python main.py` must not spend its second waiting for a boot.
  // No interpreter at all when only Node lessons are checked.
  const pythonJobs = jobs.filter((j) => j.lesson.runtime === 'python').length;
  const pool = pythonJobs > 0 ? createNodeEngine(paths, { warm: Math.min(opts.jobs, pythonJobs) }) : null;
  const tracker = pool ? warmTracker(pool) : null;
  pool?.fill();
  let passed = 0;
  let failed = 0;
  const started = Date.now();

  // Lines are printed in lesson order, each as soon as it and everything before it is known.
  const reports: (string[] | null)[] = jobs.map(() => null);
  const outcomes: CheckOutcome[] = [];
  let printed = 0;
  const report = (i: number, text: string[]): void => {
    reports[i] = text;
    while (printed < reports.length && reports[printed] !== null) {
      for (const line of reports[printed]!) process.stdout.write(`${line}\n`);
      printed++;
    }
  };

  try {
    await mapLimited(jobs, opts.jobs, async (job) => {
      let result: LessonRunResult | Error;
      if (job.lesson.runtime === 'node') {
        try {
          return await runNodeLessonProgram(job.program, { timeoutMs: opts.timeoutMs });
        } catch (err) {
          return err instanceof Error ? err : new Error(String(err));
        }
      }
      try {
        const slot = await tracker!.forProgram();
        try {
          result = await runLessonProgram(slot.engine, job.program, { timeoutMs: opts.timeoutMs });
        } finally {
          slot.release();
        }
      } catch (err) {
        result = err instanceof Error ? err : new Error(String(err));
      }
      return result;
    }, (i, result) => {
      const job = jobs[i]!;
      const out: string[] = [];
      if (result instanceof Error) {
        failed++;
        out.push(`FAIL ${job.name}: run: expected a run got an error: ${oneLine(result.message)}`);
        outcomes[i] = { name: job.name, ok: false, error: result.message, status: null, signal: null, stdout: '', stderrLast: null, timeline: null };
      } else {
        const mismatches = compareWithExpectation(job.program.expect, result);
        outcomes[i] = {
          name: job.name,
          ok: mismatches.length === 0,
          status: result.status,
          signal: result.signal ?? null,
          stdout: result.stdout,
          stderrLast: lastStderrLine(result.stderr),
          timeline: job.lesson.runtime === 'node' ? null : timelineSteps(result.timeline),
        };
        if (mismatches.length === 0) {
          passed++;
          out.push(`ok  ${job.name}`);
        } else {
          failed++;
          const what = mismatches.map((m) => `${m.field}: expected ${oneLine(m.expected)} got ${oneLine(m.got)}`);
          out.push(`FAIL ${job.name}: ${what.join('; ')}`);
        }
        if (opts.show || mismatches.length > 0) {
          const crashes = result.records.filter((r) => r.cause === 'crash').map((r) => `; crash: ${r.message ?? '?'}`);
          const detail = `status ${result.status}${result.signal ? `, ${result.signal}` : ''}${crashes.join('')}`;
          if (opts.show || mismatches.some((m) => m.field !== 'stdout')) {
            out.push(`     (${detail}; stderr: ${oneLine(JSON.stringify(result.stderr.split('\n').slice(-6).join('\n')), 600)})`);
          }
          if (opts.show) {
            out.push(`     stdout: ${JSON.stringify(result.stdout)}`);
            out.push(`     timeline: ${JSON.stringify(timelineSteps(result.timeline))}`);
          }
        }
      }
      report(i, out);
    });
  } finally {
    pool?.dispose();
  }
  if (opts.json) writeFileSync(opts.json, `${JSON.stringify(outcomes, null, 1)}\n`);

  const info = pool?.status().info;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const nodeNote = jobs.length > pythonJobs ? `Node.js ${process.version} for node lessons, ` : '';
  if (info) process.stdout.write(`(Python ${info.pythonVersion.split(' ')[0]}, Pyodide ${info.pyodideVersion}, ${nodeNote}${seconds} s)\n`);
  else if (nodeNote) process.stdout.write(`(${nodeNote}${seconds} s)\n`);
  process.stdout.write(`exitlab check: ${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}
