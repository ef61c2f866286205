/**
 * Runs one lesson program (its command line, source and script) through any
 * `Engine` and Exit Lab's shell, and collects what a terminal would show:
 * stdout, stderr, the line's final `$?`, and how the last python process ended.
 *
 * Host-independent (no Node APIs, no DOM): `exitlab check` uses it with the
 * Node engine, and for Node lessons with `startNode` (real `node` child
 * processes); the browser can use it with its own engine for lesson tests.
 *
 * It mirrors `scripts/lessons/native_check.py`, which produces the expectations
 * with native CPython under a pseudo-terminal whose echo is off:
 * - The program's file is `main.py` in the working directory; files a run
 *   leaves there are given to the next python run of the same line (a
 *   virtual disk), so `python main.py; python main.py` sees what the first wrote.
 * - Terminal mode: stdin, stdout and stderr are terminals; `| cat` makes stdout
 *   a pipe. stdout is program output only (typed input is not echoed).
 * - Script `input` steps are typed at once, in order, into the terminal: the
 *   text stays as typeahead until a python process reads it, one line (or one
 *   end of input) per read, so lines nobody read go to the next python run.
 *   A node process reads a pipe instead: typed lines go into it as soon as they
 *   are typed, until end of input closes it; lines typed after it has ended
 *   (or after end of input) go to the next node run.
 * - Signal steps go to the current (most recent) program only, like
 *   `kill -SIG <pid>`; a step waits until a program has started. `afterOutput`
 *   waits for the text on stdout after the previous step, then `settleMs`
 *   (50 ms) more; `afterMs` counts from the previous step. Steps left when
 *   the line has ended are moot if they are `afterMs` signals; any other is
 *   reported in `problems`.
 * - A time limit per program: when it runs out, the line is stopped (SIGKILL
 *   to the current job) and `timedOut` is set.
 *
 * One file: the script steps, the typeahead, the virtual disk and the time limit all follow
 * one run of one command line and share its state.
 */
import type { Engine, ProcessListener, PythonProcess } from '../engine/process';
import { lastStderrLine, maskErrno } from './compare';
import { isSignalName, stdioForMode, type ExitRecord, type OutputMode, type TimelineEvent, type WorkFile } from '../engine/protocol';
import { deathSignal, parseCommandLine, runCommandLine, type Job, type ShellRuntime } from '../shell';

/** One script step, as in a lesson file (`src/lessons/schema.ts`'s ScriptStep). */
export type LessonScriptStep =
  | { input: string | null }
  | { signal: string; afterOutput: string }
  | { signal: string; afterMs: number };

/** What the runner needs of a lesson program (a `LessonProgram` fits). */
export interface LessonProgramLike {
  command: string;
  source: string;
  script?: readonly LessonScriptStep[];
}

export interface LessonRunOptions {
  /** Time limit for the whole command line (default 30 000 ms). */
  timeoutMs?: number;
  /** Working directory inside the engine (default `/home/pyodide`, as in the browser). */
  cwd?: string;
  /** Absolute path of the program's file inside the engine (default `${cwd}/main.py`). */
  filename?: string;
  /** Files on the disk before the first run (default none). */
  files?: readonly WorkFile[];
  /** Environment variables for every python run (default `{NO_COLOR: '1'}`, as native python3 ran for the expectations). */
  env?: Record<string, string>;
  /** Wait after an `afterOutput` text appears before signalling (default 50 ms). */
  settleMs?: number;
  /** Clock in milliseconds (default `performance.now`). */
  now?: () => number;
  /** Timer (default `setTimeout`); returns a function that cancels it. */
  setTimer?: (ms: number, fn: () => void) => () => void;
  /** Runs the line's `node FILE ARGS` commands (default none: `node` is not available). */
  startNode?: NodeStarter;
}

/**
 * Starts `node FILE ARGS` for the shell (`file` as written, `argv` = `[file, ...ARGS]`).
 * The process's stdin is a pipe: the runner writes typed lines into it as they are
 * typed, and `null` (end of input) closes it; `inputRequest` is not needed.
 */
export type NodeStarter = (
  job: { file: string; argv: string[]; mode: OutputMode },
  listener: ProcessListener,
) => PythonProcess;

export interface LessonRunResult {
  /** Everything written to the terminal's stdout: python's output and the shell's (echo). */
  stdout: string;
  /** python's stderr and the shell's messages (timeout's usage errors, ...). */
  stderr: string;
  /** The command line's final `$?`. */
  status: number;
  /** The signal the last python process died of (a shell's WIFSIGNALED), or null. */
  signal: string | null;
  /** Exit records of every python run, in order. */
  records: ExitRecord[];
  /** The time limit ran out and the line was stopped. */
  timedOut: boolean;
  /** Script steps that could not be carried out (`script[2]: never happened ...`). */
  problems: string[];
  /** The disk after the line (files in the working directory). */
  files: WorkFile[];
  /** Timeline events of every python run, in order. */
  timeline: TimelineEvent[];
}

const DEFAULT_CWD = '/home/pyodide';
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_SETTLE_MS = 50;

function defaultNow(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

function defaultSetTimer(ms: number, fn: () => void): () => void {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
}

/** `./a/../main.py` -> `main.py`; absolute paths stay absolute. */
function normalize(path: string): string {
  const abs = path.startsWith('/');
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return (abs ? '/' : '') + parts.join('/');
}

/** Appends decoded text as it arrives, one streaming decoder per source. */
class TextSink {
  text = '';
  private readonly decoders = new Map<unknown, TextDecoder>();
  bytes(source: unknown, data: Uint8Array): void {
    let d = this.decoders.get(source);
    if (!d) {
      d = new TextDecoder('utf-8');
      this.decoders.set(source, d);
    }
    this.text += d.decode(data, { stream: true });
  }
  end(source: unknown): void {
    const d = this.decoders.get(source);
    if (d) {
      this.text += d.decode();
      this.decoders.delete(source);
    }
  }
  write(text: string): void {
    this.text += text;
  }
}

/** A program started on the line, as the terminal sees it. */
interface RunningProgram {
  proc: PythonProcess;
  /** How it takes typed input: a terminal (one line per read it asks for) or a pipe (all at once). */
  stdin: 'terminal' | 'pipe';
  exited: boolean;
  /** terminal: blocked in a read that nothing has answered yet. */
  waitingForInput: boolean;
  /** pipe: end of input has been written, the pipe is closed. */
  stdinClosed: boolean;
}

/**
 * Runs `program` through `engine`: writes its source as the program file,
 * runs its command line, follows its script, and resolves with the outcome.
 * Never rejects for program behaviour; a command line that does not parse
 * resolves with status 2 and the parser's message on stderr.
 *
 * `engine` null is a Node lesson's line, which runs node only (`opts.startNode`):
 * a `python` on it is refused with status 127.
 */
export async function runLessonProgram(
  engine: Engine | null,
  program: LessonProgramLike,
  opts: LessonRunOptions = {},
): Promise<LessonRunResult> {
  const cwd = (opts.cwd ?? DEFAULT_CWD).replace(/\/+$/, '') || '/';
  const filename = opts.filename ?? `${cwd === '/' ? '' : cwd}/main.py`;
  const now = opts.now ?? defaultNow;
  const setTimer = opts.setTimer ?? defaultSetTimer;
  const settleMs = opts.settleMs ?? DEFAULT_SETTLE_MS;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const env = opts.env ?? { NO_COLOR: '1' };
  const steps = program.script ?? [];
  const startNode = opts.startNode;

  const stdout = new TextSink();
  const stderr = new TextSink();
  const records: ExitRecord[] = [];
  const timeline: TimelineEvent[] = [];
  const problems: string[] = [];
  let disk: WorkFile[] = [...(opts.files ?? [])];

  const parsed = parseCommandLine(program.command);
  if (!parsed.ok) {
    return {
      stdout: '',
      stderr: `${parsed.error}\n`,
      status: 2,
      signal: null,
      records,
      timedOut: false,
      problems: [`command: ${parsed.error}`],
      files: disk,
      timeline,
    };
  }

  // ---- The terminal: typeahead for whichever program reads next. ----
  const encoder = new TextEncoder();
  const typeahead: (Uint8Array | null)[] = [];
  /** The most recent program (signals go to it, as to a recorded pid). */
  let current: RunningProgram | null = null;
  let lineDone = false;

  const feed = (): void => {
    if (!current) return;
    if (current.stdin === 'pipe') {
      while (!current.exited && !current.stdinClosed && typeahead.length > 0) {
        const chunk = typeahead.shift()!;
        if (chunk === null) current.stdinClosed = true;
        current.proc.writeStdin(chunk);
      }
      return;
    }
    if (!current.waitingForInput || typeahead.length === 0) return;
    current.waitingForInput = false;
    current.proc.writeStdin(typeahead.shift()!);
  };

  // ---- The script. ----
  let stepIndex = 0;
  let mark = 0; // stdout offset that afterOutput searches from
  let stepStarted = now();
  let seenAt: number | null = null;
  const wake: { cancel: (() => void) | null } = { cancel: null };

  const wakeIn = (ms: number): void => {
    wake.cancel?.();
    wake.cancel = setTimer(Math.max(0, Math.ceil(ms)), () => {
      wake.cancel = null;
      runDueSteps();
    });
  };

  function runDueSteps(): void {
    while (stepIndex < steps.length && !lineDone) {
      const step = steps[stepIndex]!;
      const t = now();
      if ('input' in step) {
        typeahead.push(step.input === null ? null : encoder.encode(`${step.input}\n`));
        feed();
        mark = stdout.text.length;
      } else {
        let newMark: number;
        if ('afterOutput' in step) {
          const at = stdout.text.indexOf(step.afterOutput, mark);
          if (at < 0) {
            seenAt = null;
            return; // more output will call us again
          }
          if (seenAt === null) seenAt = t;
          if (t - seenAt < settleMs) {
            wakeIn(settleMs - (t - seenAt));
            return;
          }
          seenAt = null;
          newMark = at + step.afterOutput.length;
        } else {
          const waited = t - stepStarted;
          if (waited < step.afterMs) {
            wakeIn(step.afterMs - waited);
            return;
          }
          newMark = stdout.text.length;
        }
        if (!current) return; // no program has started yet: its start calls us again
        if (!isSignalName(step.signal)) {
          problems.push(`script[${stepIndex}]: unknown signal ${step.signal}`);
        } else {
          current.proc.sendSignal(step.signal);
        }
        mark = newMark;
      }
      stepIndex++;
      stepStarted = now();
    }
  }

  // ---- The programs the shell starts. ----
  let programsStarted = 0;

  /** A program's stdout and stderr into the terminal's; `id` keeps its decoders apart from other programs'. */
  const outputListener = (id: number): ProcessListener => ({
    stdout(data) {
      stdout.bytes(id, data);
      runDueSteps();
    },
    stderr(data) {
      stderr.bytes(id, data);
    },
  });

  /** Makes `proc` the current program and follows it to its end; returns the shell's job. */
  const follow = (proc: PythonProcess, id: number, stdin: RunningProgram['stdin']): Job => {
    const program: RunningProgram = { proc, stdin, exited: false, waitingForInput: false, stdinClosed: false };
    current = program;
    feed(); // a pipe takes what was typed ahead at once; a terminal waits until the program reads
    const exited = proc.exited.then((record) => {
      stdout.end(id);
      stderr.end(id);
      records.push(record);
      program.exited = true;
      program.waitingForInput = false;
      // Output flushed at exit may be what a step waits for.
      runDueSteps();
      return record;
    });
    // A step may have been waiting for a program to start.
    queueMicrotask(runDueSteps);
    return { sendSignal: (sig) => proc.sendSignal(sig), exited, started: proc.started };
  };

  // ---- The shell's runtime. ----
  const runtime: ShellRuntime = {
    startPython({ file, argv, mode }: { file: string; argv: string[]; mode: OutputMode }): Job {
      if (engine === null) {
        stderr.write(`exitlab check: python ${file}: a Node lesson's line runs node only\n`);
        const record: ExitRecord = { status: 127, cause: 'crash', message: 'python is not run in a Node lesson' };
        records.push(record);
        return { sendSignal() {}, exited: Promise.resolve(record) };
      }
      const rel = normalize(file);
      const abs = rel.startsWith('/') ? rel : `${cwd === '/' ? '' : cwd}/${rel}`;
      let source: string | null = null;
      if (abs === filename) source = program.source;
      else {
        const stored = disk.find((f) => `${cwd === '/' ? '' : cwd}/${f.path}` === abs);
        if (stored) source = new TextDecoder().decode(stored.data);
      }
      if (source === null) {
        stderr.write(`python: can't open file '${abs}': [Errno 2] No such file or directory\n`);
        const record: ExitRecord = { status: 2, cause: 'end', message: `python could not open ${file}` };
        records.push(record);
        return { sendSignal() {}, exited: Promise.resolve(record) };
      }
      const files = disk.filter((f) => `${cwd === '/' ? '' : cwd}/${f.path}` !== filename);
      const id = ++programsStarted;
      const proc = engine.spawn(
        { source, filename: abs, argv, stdio: stdioForMode(mode), env, cwd, files },
        {
          ...outputListener(id),
          inputRequest() {
            if (current?.proc !== proc) return;
            current.waitingForInput = true;
            feed();
          },
          files(after) {
            disk = after.map((f) => ({ path: f.path, data: f.data }));
          },
          timeline(event) {
            timeline.push(event);
          },
        },
      );
      return follow(proc, id, 'terminal');
    },
    startNode: startNode
      ? (job) => {
          const id = ++programsStarted;
          return follow(startNode(job, outputListener(id)), id, 'pipe');
        }
      : undefined,
    writeStdout(text) {
      stdout.write(text);
      runDueSteps();
    },
    writeStderr(text) {
      stderr.write(text);
    },
    setTimer,
  };

  const shell = runCommandLine(parsed.ast, runtime);
  let timedOut = false;
  const cancelLimit = setTimer(timeoutMs, () => {
    timedOut = true;
    shell.stop();
  });
  runDueSteps();

  let result;
  try {
    result = await shell.done;
  } finally {
    lineDone = true;
    cancelLimit();
    wake.cancel?.();
  }

  // afterMs signals due after the line ended are moot (a SIGKILL after a grace period the program
  // did not need); anything else left over never happened.
  const left = steps.slice(stepIndex);
  if (!timedOut && left.some((s) => !('afterMs' in s))) {
    problems.push(`script[${stepIndex}]: never happened (${JSON.stringify(steps[stepIndex])})`);
  }
  if (timedOut) problems.push(`time limit: still running after ${timeoutMs / 1000} s`);

  return {
    stdout: stdout.text,
    stderr: stderr.text,
    status: result.status,
    signal: result.last ? deathSignal(result.last) : null,
    records,
    timedOut,
    problems,
    files: disk,
    timeline,
  };
}

// ---- Comparing with a lesson's expectation: stdout and status exactly, the last stderr line loosely. ----

/** What a lesson expects (a `LessonProgram['expect']` fits). */
export interface LessonExpectationLike {
  status: number;
  signal?: string;
  stdout: string;
  stderrLast?: string;
  /** Expected cleanup steps, as `timelineSteps` writes them. */
  timeline?: readonly string[];
}

/**
 * A timeline as lesson expectations write it: one short line per step that
 * matters to a learner (`raise SystemExit`, `caught SystemExit`, `finally`,
 * `context-exit Lock.__exit__`, `signal SIGTERM`, `atexit save`,
 * `skipped atexit save`, `skipped buffered-output`). Flushes, notes and the
 * final exit (checked by status) are left out.
 */
/**
 * One timeline event as a lesson's `timeline` step (`raise SystemExit`, `finally`,
 * `atexit save`, `signal SIGTERM`, `skipped finally`), or null for the events a lesson does not
 * pin (flushes, the exit itself, tracing notes).
 */
export function timelineStep(e: TimelineEvent): string | null {
  switch (e.kind) {
    case 'raise':
    case 'caught':
      return `${e.kind} ${e.exception}`;
    case 'finally':
      return 'finally';
    case 'context-exit':
    case 'atexit':
      return `${e.kind} ${e.name}`;
    case 'signal':
      return `signal ${e.signal}`;
    case 'skipped':
      return e.name && e.what === 'atexit' ? `skipped atexit ${e.name}` : `skipped ${e.what}`;
    default:
      return null;
  }
}

export function timelineSteps(events: readonly TimelineEvent[]): string[] {
  return events.map(timelineStep).filter((s): s is string => s !== null);
}

export interface Mismatch {
  field: 'status' | 'signal' | 'stdout' | 'stderrLast' | 'script' | 'time' | 'timeline';
  expected: string;
  got: string;
}

/**
 * Compares a run with an expectation: status, signal and stdout exactly; the
 * last stderr line equal to the expected one or starting with it (a newer
 * Python may add a suffix), errno numbers masked. Script problems and the time
 * limit count as mismatches too.
 */
export function compareWithExpectation(expect: LessonExpectationLike, got: LessonRunResult): Mismatch[] {
  const out: Mismatch[] = [];
  if (got.timedOut) {
    const limit = got.problems.find((p) => p.startsWith('time limit')) ?? 'time limit';
    out.push({ field: 'time', expected: 'the line to end', got: limit });
  }
  for (const p of got.problems) {
    if (!p.startsWith('time limit')) out.push({ field: 'script', expected: 'every step carried out', got: p });
  }
  if (got.status !== expect.status) out.push({ field: 'status', expected: String(expect.status), got: String(got.status) });
  const wantSignal = expect.signal ?? null;
  if (got.signal !== wantSignal) out.push({ field: 'signal', expected: String(wantSignal), got: String(got.signal) });
  if (got.stdout !== expect.stdout) {
    out.push({ field: 'stdout', expected: JSON.stringify(expect.stdout), got: JSON.stringify(got.stdout) });
  }
  if (expect.stderrLast !== undefined) {
    const want = maskErrno(expect.stderrLast);
    const have = lastStderrLine(got.stderr);
    const haveMasked = have === null ? null : maskErrno(have);
    if (haveMasked === null || !haveMasked.startsWith(want)) {
      out.push({ field: 'stderrLast', expected: JSON.stringify(expect.stderrLast), got: JSON.stringify(have) });
    }
  }
  if (expect.timeline !== undefined) {
    const steps = timelineSteps(got.timeline);
    if (JSON.stringify(steps) !== JSON.stringify(expect.timeline)) {
      out.push({ field: 'timeline', expected: JSON.stringify(expect.timeline), got: JSON.stringify(steps) });
    }
  }
  return out;
}
