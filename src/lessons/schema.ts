/**
 * The lesson file schema (other programs read lesson files: fields are added, never renamed)
 * and its hand-written validator.
 *
 * A lesson file is `lessons/NN-<id>.md`: YAML frontmatter, then Markdown prose.
 * `validateLesson` checks the parsed frontmatter and returns a typed `Lesson`, or throws a
 * `LessonError` naming the file and the field path, e.g.
 * `lessons/02-sys-exit-codes.md: programs[1].expect.status: expected an integer 0..255`.
 *
 * No Node APIs here: the browser build uses this module too.
 */

import { SENDABLE_SIGNALS, SIGNAL_TABLE, type SendableSignal, type SignalName } from '../engine/protocol';

export const RUNTIMES = ['python', 'node'] as const;
export type Runtime = (typeof RUNTIMES)[number];

/** Signals a lesson script may send: those a person sends from the page (the signal table's). */
export const SCRIPT_SIGNALS: readonly SendableSignal[] = SENDABLE_SIGNALS;
export type ScriptSignal = SendableSignal;

/**
 * Signals a program may die of: every signal of the table (SIGALRM too: `signal.alarm()` with
 * no handler installed kills the process; the engine raises it from its own timer).
 */
export const EXIT_SIGNALS: readonly SignalName[] = SIGNAL_TABLE.map((r) => r.name);
export type ExitSignal = SignalName;

export const ID_PATTERN = /^[a-z0-9-]+$/;
export const PROGRAM_NAME_PATTERN = /^[a-z0-9-]+$/;

/** One step of a program's script, performed in order. */
export type ScriptStep =
  /** A line typed into the terminal (a newline is added); `null` is end of input (Ctrl+D). */
  | { input: string | null }
  /** A signal sent to the running python process once `afterOutput` has appeared on stdout
   *  since the previous step. Hosts may wait a moment (the native check: 50 ms) after the text
   *  appears, as a person would, so the program has left the write that produced it. */
  | { signal: ScriptSignal; afterOutput: string }
  /** A signal sent to the running python process `afterMs` milliseconds after the previous step.
   *  If the program has ended by then, the step does nothing (e.g. SIGKILL after a grace period
   *  that the program did not need). */
  | { signal: ScriptSignal; afterMs: number };

export interface Expectation {
  /** The final `$?` of the whole command line. */
  status: number;
  /** Present when the (last) python process was killed by a signal. */
  signal?: ExitSignal;
  /** Exact stdout of the whole command line (program output, not the echo of typed input). */
  stdout: string;
  /** Last non-empty stderr line, when the expectation pins it. */
  stderrLast?: string;
  /** Which native CPython the expectation was verified with (its `sys.version`), e.g. "3.11.7";
   *  for a Node lesson, which native node, e.g. "node v20.20.2". */
  verifiedWith?: string;
  /**
   * Expected cleanup steps in order, one short line each as `timelineSteps`
   * (src/lessons/lesson-runner.ts) writes them: `raise SystemExit`, `finally`,
   * `context-exit Lock.__exit__`, `atexit save`, `skipped buffered-output`...
   */
  timeline?: string[];
}

export interface LessonProgram {
  /** `^[a-z0-9-]+$`, unique within the lesson; the first program is the default. */
  name: string;
  /** Tab label. */
  label: string;
  /** The editable command line, e.g. `python main.py 3`, `python main.py | cat; echo $?`. */
  command: string;
  /** The program's source (`main.py`). */
  source: string;
  /** Steps performed while the program runs; empty when there are none. */
  script: ScriptStep[];
  expect: Expectation;
}

export interface Lesson {
  id: string;
  title: string;
  /** Position in the curriculum: a unique positive integer. */
  order: number;
  runtime: Runtime;
  /** One line of plain text. */
  summary: string;
  /** For search and filter; empty when there are none. */
  topics: string[];
  programs: LessonProgram[];
}

/** A problem with a lesson file: which file, which field, what is wrong. */
export class LessonError extends Error {
  readonly file: string;
  /** Field path such as `programs[1].expect.status`; empty for whole-file problems. */
  readonly path: string;
  readonly problem: string;

  constructor(file: string, path: string, problem: string) {
    super(path ? `${file}: ${path}: ${problem}` : `${file}: ${problem}`);
    this.name = 'LessonError';
    this.file = file;
    this.path = path;
    this.problem = problem;
  }
}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `${typeof v} ${String(v)}`;
}

/** Small helper that carries the file name and builds field paths. */
class Checker {
  constructor(readonly file: string) {}

  fail(path: string, problem: string): never {
    throw new LessonError(this.file, path, problem);
  }

  object(v: unknown, path: string): Obj {
    if (!isObject(v)) this.fail(path, `expected a mapping, got ${describe(v)}`);
    return v;
  }

  /** Rejects keys outside `allowed` (typo protection). */
  onlyKeys(o: Obj, allowed: readonly string[], path: string): void {
    for (const key of Object.keys(o)) {
      if (!allowed.includes(key)) {
        const where = path ? `${path}.${key}` : key;
        this.fail(where, `unknown field (allowed here: ${allowed.join(', ')})`);
      }
    }
  }

  string(o: Obj, key: string, path: string, opts: { nonEmpty?: boolean; oneLine?: boolean } = {}): string {
    const where = join(path, key);
    const v = o[key];
    if (v === undefined) this.fail(where, 'required field is missing');
    if (typeof v !== 'string') this.fail(where, `expected a string, got ${describe(v)}`);
    if (opts.nonEmpty !== false && v.trim() === '') this.fail(where, 'must not be empty');
    if (opts.oneLine && /[\r\n]/.test(v)) this.fail(where, 'must be a single line');
    return v;
  }

  optionalString(o: Obj, key: string, path: string, opts: { oneLine?: boolean } = {}): string | undefined {
    if (o[key] === undefined) return undefined;
    return this.string(o, key, path, { nonEmpty: false, ...opts });
  }

  integer(v: unknown, where: string, min: number, max: number, what: string): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.fail(where, `expected ${what}, got ${describe(v)}`);
    }
    return v;
  }

  oneOf<T extends string>(v: unknown, where: string, allowed: readonly T[]): T {
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      this.fail(where, `expected one of ${allowed.join(', ')}, got ${describe(v)}`);
    }
    return v as T;
  }

  list(v: unknown, where: string): unknown[] {
    if (!Array.isArray(v)) this.fail(where, `expected a list, got ${describe(v)}`);
    return v;
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

const LESSON_KEYS = ['id', 'title', 'order', 'runtime', 'summary', 'topics', 'programs'] as const;
const PROGRAM_KEYS = ['name', 'label', 'command', 'source', 'script', 'expect'] as const;
/** One timeline step in an expectation: a kind, then an optional name. */
export const TIMELINE_STEP =
  /^(raise (SystemExit|KeyboardInterrupt)|caught (SystemExit|KeyboardInterrupt)|finally|context-exit \S.*|signal SIG[A-Z0-9]+|atexit \S.*|skipped (finally|context-exit|atexit \S.*|atexit|buffered-output|unknown))$/;
const EXPECT_KEYS = ['status', 'signal', 'stdout', 'stderrLast', 'verifiedWith', 'timeline'] as const;

/**
 * Checks the parsed frontmatter of `file` and returns it as a `Lesson`
 * (optional lists filled in with `[]`). Throws `LessonError` on the first problem.
 */
export function validateLesson(frontmatter: unknown, file: string): Lesson {
  const c: Checker = new Checker(file); // annotated, so that `never` narrows
  if (!isObject(frontmatter)) c.fail('', `frontmatter must be a mapping, got ${describe(frontmatter)}`);
  const fm = frontmatter;
  c.onlyKeys(fm, LESSON_KEYS, '');

  const id = c.string(fm, 'id', '', { oneLine: true });
  if (!ID_PATTERN.test(id)) c.fail('id', `must match ${ID_PATTERN.source}, got ${describe(id)}`);
  const title = c.string(fm, 'title', '', { oneLine: true });
  if (fm['order'] === undefined) c.fail('order', 'required field is missing');
  const order = c.integer(fm['order'], 'order', 1, Number.MAX_SAFE_INTEGER, 'a positive integer');
  if (fm['runtime'] === undefined) c.fail('runtime', 'required field is missing');
  const runtime = c.oneOf(fm['runtime'], 'runtime', RUNTIMES);
  const summary = c.string(fm, 'summary', '', { oneLine: true });

  const topics: string[] = [];
  if (fm['topics'] !== undefined) {
    c.list(fm['topics'], 'topics').forEach((t, i) => {
      if (typeof t !== 'string' || t.trim() === '' || /[\r\n]/.test(t)) {
        c.fail(`topics[${i}]`, `expected a one-line string, got ${describe(t)}`);
      }
      topics.push(t);
    });
  }

  if (fm['programs'] === undefined) c.fail('programs', 'required field is missing');
  const rawPrograms = c.list(fm['programs'], 'programs');
  if (rawPrograms.length === 0) c.fail('programs', 'a lesson needs at least one program');
  const names = new Set<string>();
  const programs = rawPrograms.map((p, i) => {
    const program = validateProgram(c, p, `programs[${i}]`);
    if (names.has(program.name)) c.fail(`programs[${i}].name`, `duplicate program name "${program.name}"`);
    names.add(program.name);
    return program;
  });

  return { id, title, order, runtime, summary, topics, programs };
}

function validateProgram(c: Checker, raw: unknown, path: string): LessonProgram {
  const p = c.object(raw, path);
  c.onlyKeys(p, PROGRAM_KEYS, path);
  const name = c.string(p, 'name', path, { oneLine: true });
  if (!PROGRAM_NAME_PATTERN.test(name)) {
    c.fail(`${path}.name`, `must match ${PROGRAM_NAME_PATTERN.source}, got ${describe(name)}`);
  }
  const label = c.string(p, 'label', path, { oneLine: true });
  const command = c.string(p, 'command', path, { oneLine: true });
  const source = c.string(p, 'source', path);

  const script: ScriptStep[] = [];
  if (p['script'] !== undefined && p['script'] !== null) {
    c.list(p['script'], `${path}.script`).forEach((s, i) => {
      script.push(validateStep(c, s, `${path}.script[${i}]`));
    });
  }

  if (p['expect'] === undefined) c.fail(`${path}.expect`, 'required field is missing');
  const expect = validateExpectation(c, p['expect'], `${path}.expect`);
  return { name, label, command, source, script, expect };
}

function validateStep(c: Checker, raw: unknown, path: string): ScriptStep {
  const s = c.object(raw, path);
  if ('input' in s) {
    c.onlyKeys(s, ['input'], path);
    const v = s['input'];
    if (v === null) return { input: null };
    if (typeof v !== 'string') c.fail(`${path}.input`, `expected a string or null (end of input), got ${describe(v)}`);
    if (/[\r\n]/.test(v)) c.fail(`${path}.input`, 'one line per step (the newline is added)');
    return { input: v };
  }
  if ('signal' in s) {
    c.onlyKeys(s, ['signal', 'afterOutput', 'afterMs'], path);
    const signal = c.oneOf(s['signal'], `${path}.signal`, SCRIPT_SIGNALS);
    const hasOutput = s['afterOutput'] !== undefined;
    const hasMs = s['afterMs'] !== undefined;
    if (hasOutput === hasMs) c.fail(path, 'a signal step needs exactly one of afterOutput, afterMs');
    if (hasOutput) {
      const afterOutput = c.string(s, 'afterOutput', path);
      return { signal, afterOutput };
    }
    const afterMs = c.integer(s['afterMs'], `${path}.afterMs`, 0, 60_000, 'an integer 0..60000 (milliseconds)');
    return { signal, afterMs };
  }
  c.fail(path, 'a script step is either {input: ...} or {signal: ..., afterOutput|afterMs: ...}');
}

function validateExpectation(c: Checker, raw: unknown, path: string): Expectation {
  const e = c.object(raw, path);
  c.onlyKeys(e, EXPECT_KEYS, path);
  if (e['status'] === undefined) c.fail(`${path}.status`, 'required field is missing');
  const status = c.integer(e['status'], `${path}.status`, 0, 255, 'an integer 0..255');
  const out: Expectation = { status, stdout: '' };
  if (e['signal'] !== undefined) out.signal = c.oneOf(e['signal'], `${path}.signal`, EXIT_SIGNALS);
  if (e['stdout'] === undefined) c.fail(`${path}.stdout`, 'required field is missing (use "" for none)');
  if (typeof e['stdout'] !== 'string') c.fail(`${path}.stdout`, `expected a string, got ${describe(e['stdout'])}`);
  out.stdout = e['stdout'];
  const stderrLast = c.optionalString(e, 'stderrLast', path, { oneLine: true });
  if (stderrLast !== undefined) {
    if (stderrLast.trim() === '') c.fail(`${path}.stderrLast`, 'must be the last non-empty line; leave it out instead');
    out.stderrLast = stderrLast;
  }
  const verifiedWith = c.optionalString(e, 'verifiedWith', path, { oneLine: true });
  if (verifiedWith !== undefined) out.verifiedWith = verifiedWith;
  if (e['timeline'] !== undefined) {
    const steps = e['timeline'];
    if (!Array.isArray(steps)) c.fail(`${path}.timeline`, `expected a list of steps, got ${describe(steps)}`);
    steps.forEach((step: unknown, i: number) => {
      if (typeof step !== 'string' || !TIMELINE_STEP.test(step)) {
        c.fail(`${path}.timeline[${i}]`, `expected a step like "atexit save" or "skipped finally", got ${describe(step)}`);
      }
    });
    out.timeline = steps as string[];
  }
  return out;
}

/** What the sidebar needs of a lesson: all but the programs' contents. */
export type LessonSummary = Pick<Lesson, 'id' | 'title' | 'order' | 'runtime' | 'summary' | 'topics'> & {
  programs: Pick<LessonProgram, 'name' | 'label'>[];
};

/** A whole lesson: its frontmatter and its Markdown prose. */
export interface LessonContent extends Lesson {
  body: string;
  programs: LessonProgram[];
}
