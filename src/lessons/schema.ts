/**
 * The lesson file schema (other programs read lesson files: fields are added, never renamed),
 * written with zod: the build, `exitlab check`, the native check and the page's lesson editor
 * validate with it, and the editor gets its JSON Schema (`lessonJsonSchema()`) for completion
 * and checks as you type.
 *
 * A lesson file is `lessons/NN-<id>.md`: YAML frontmatter, then Markdown prose.
 * `validateLesson` checks the parsed frontmatter and returns a typed `Lesson`, or throws a
 * `LessonError` naming the file and the field path, e.g.
 * `lessons/02-sys-exit-codes.md: programs[1].expect.status: expected an integer 0..255`.
 * `lessonProblems` gives every problem instead of the first.
 *
 * No Node APIs here: the browser build uses this module too (`zod/mini`, which keeps it small).
 */

import * as z from 'zod/mini';
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

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `${typeof v} ${String(v)}`;
}

/** One timeline step in an expectation: a kind, then an optional name. */
export const TIMELINE_STEP =
  /^(raise (SystemExit|KeyboardInterrupt)|caught (SystemExit|KeyboardInterrupt)|finally|context-exit \S.*|signal SIG[A-Z0-9]+|atexit \S.*|skipped (finally|context-exit|atexit \S.*|atexit|buffered-output|unknown))$/;

// ---- the schema's parts, each with the words a lesson author reads ----

type Issue = { input?: unknown; code?: string };
const missingOr = (what: (input: unknown) => string) => (iss: Issue): string =>
  iss.input === undefined ? 'required field is missing' : what(iss.input);

/** A string; by default not blank; `oneLine` forbids line breaks. */
function text(opts: { nonEmpty?: boolean; oneLine?: boolean } = {}) {
  return z.string({ error: missingOr((v) => `expected a string, got ${describe(v)}`) }).check(
    z.refine((v) => opts.nonEmpty === false || v.trim() !== '', { error: 'must not be empty', abort: true }),
    z.refine((v) => !opts.oneLine || !/[\r\n]/.test(v), { error: 'must be a single line', abort: true }),
  );
}

function integer(min: number, max: number, what: string) {
  const error = missingOr((v) => `expected ${what}, got ${describe(v)}`);
  return z.number({ error }).check(
    z.refine((v) => Number.isInteger(v) && v >= min && v <= max, { error: (iss) => `expected ${what}, got ${describe(iss.input)}` }),
  );
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: missingOr((v) => `expected one of ${values.join(', ')}, got ${describe(v)}`) });
}

function pattern(re: RegExp) {
  return text({ oneLine: true }).check(z.refine((v) => re.test(v), { error: (iss) => `must match ${re.source}, got ${describe(iss.input)}` }));
}

/** A mapping with exactly these fields (typos are caught). */
function mapping<S extends z.core.$ZodLooseShape>(shape: S) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys' ? `unknown field (allowed here: ${allowed})` : `expected a mapping, got ${describe(iss.input)}`,
  });
}

function list<T extends z.core.SomeType>(item: T) {
  return z.array(item, { error: missingOr((v) => `expected a list, got ${describe(v)}`) });
}

const inputStep = mapping({ input: z.nullable(text({ nonEmpty: false, oneLine: true })) });
const signalName = oneOf(SCRIPT_SIGNALS as unknown as [ScriptSignal, ...ScriptSignal[]]);
const afterOutputStep = mapping({ signal: signalName, afterOutput: text() });
const afterMsStep = mapping({ signal: signalName, afterMs: integer(0, 60_000, 'an integer 0..60000 (milliseconds)') });

/** Why `raw` is none of the three kinds of step: the path inside the step, and the words. */
function stepProblem(raw: unknown): [string[], string] | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [[], `expected a mapping, got ${describe(raw)}`];
  const s = raw as Record<string, unknown>;
  const extra = (allowed: string[]): string | undefined => Object.keys(s).find((k) => !allowed.includes(k));
  if ('input' in s) {
    const k = extra(['input']);
    if (k) return [[k], 'unknown field (allowed here: input)'];
    const v = s['input'];
    if (v !== null && typeof v !== 'string') return [['input'], `expected a string or null (end of input), got ${describe(v)}`];
    if (typeof v === 'string' && /[\r\n]/.test(v)) return [['input'], 'one line per step (the newline is added)'];
    return null;
  }
  if ('signal' in s) {
    const k = extra(['signal', 'afterOutput', 'afterMs']);
    if (k) return [[k], 'unknown field (allowed here: signal, afterOutput, afterMs)'];
    if (typeof s['signal'] !== 'string' || !(SCRIPT_SIGNALS as readonly string[]).includes(s['signal'])) {
      return [['signal'], `expected one of ${SCRIPT_SIGNALS.join(', ')}, got ${describe(s['signal'])}`];
    }
    if ((s['afterOutput'] !== undefined) === (s['afterMs'] !== undefined)) return [[], 'a signal step needs exactly one of afterOutput, afterMs'];
    return null;
  }
  return [[], 'a script step is either {input: ...} or {signal: ..., afterOutput|afterMs: ...}'];
}

const scriptStep = z.union([inputStep, afterOutputStep, afterMsStep]);

const expectation = mapping({
  status: integer(0, 255, 'an integer 0..255'),
  signal: z.optional(oneOf(EXIT_SIGNALS as unknown as [ExitSignal, ...ExitSignal[]])),
  stdout: z.string({ error: (iss) => (iss.input === undefined ? 'required field is missing (use "" for none)' : `expected a string, got ${describe(iss.input)}`) }),
  stderrLast: z.optional(
    text({ nonEmpty: false, oneLine: true }).check(
      z.refine((v) => v.trim() !== '', { error: 'must be the last non-empty line; leave it out instead' }),
    ),
  ),
  verifiedWith: z.optional(text({ nonEmpty: false, oneLine: true })),
  timeline: z.optional(
    z.array(
      z.string().check(z.regex(TIMELINE_STEP)),
      { error: (iss) => `expected a list of steps, got ${describe(iss.input)}` },
    ),
  ),
});

const program = mapping({
  name: pattern(PROGRAM_NAME_PATTERN),
  label: text({ oneLine: true }),
  command: text({ oneLine: true }),
  source: text(),
  script: z.optional(z.nullable(list(scriptStep))),
  expect: expectation,
});

/** The frontmatter of a lesson file, as the build, the checks and the page's editor read it. */
export const LessonSchema = mapping({
  id: pattern(ID_PATTERN),
  title: text({ oneLine: true }),
  order: integer(1, Number.MAX_SAFE_INTEGER, 'a positive integer'),
  runtime: oneOf(RUNTIMES),
  summary: text({ oneLine: true }),
  topics: z.optional(list(z.string().check(z.refine((t) => t.trim() !== '' && !/[\r\n]/.test(t))))),
  programs: list(program).check(
    z.refine((ps) => ps.length > 0, { error: 'a lesson needs at least one program', abort: true }),
    z.superRefine((ps, ctx) => {
      const seen = new Set<string>();
      ps.forEach((p, i) => {
        if (seen.has(p.name)) ctx.issues.push({ code: 'custom', input: p.name, path: [i, 'name'], message: `duplicate program name "${p.name}"` });
        seen.add(p.name);
      });
    }),
  ),
});

/**
 * The JSON Schema of the frontmatter (for the lesson editor's completion and checks as you type).
 * `expectOptional`: a program may leave out `expect` (the editor's Check fills it in).
 */
export function lessonJsonSchema(opts: { expectOptional?: boolean } = {}): Record<string, unknown> {
  const schema = z.toJSONSchema(LessonSchema, { io: 'input', unrepresentable: 'any' }) as unknown as {
    properties: { programs: { items: { required?: string[] } } };
  };
  const program = schema.properties.programs.items;
  if (opts.expectOptional && program.required) program.required = program.required.filter((k) => k !== 'expect');
  return schema as unknown as Record<string, unknown>;
}

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  return out;
}

/** A problem as a path and words, from one of zod's issues (with the input it was about). */
function explain(issue: z.core.$ZodIssue, frontmatter: unknown): { path: string; problem: string } {
  const path = [...issue.path];
  let problem = issue.message;
  const at = (p: readonly PropertyKey[]): unknown => p.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], frontmatter);
  if (issue.code === 'unrecognized_keys') path.push(issue.keys[0]!);
  if (issue.code === 'invalid_union') {
    const found = stepProblem(at(path));
    if (found) {
      path.push(...found[0]);
      problem = found[1];
    }
  }
  if (path[0] === 'topics' && path.length === 2) problem = `expected a one-line string, got ${describe(at(path))}`;
  if (path[0] === 'programs' && path[2] === 'expect' && path[3] === 'timeline' && path.length === 5) {
    problem = `expected a step like "atexit save" or "skipped finally", got ${describe(at(path))}`;
  }
  return { path: fieldPath(path), problem };
}

/** Every problem of a frontmatter (empty when it is valid), in the order of its fields. */
export function lessonProblems(frontmatter: unknown): { path: string; problem: string }[] {
  if (typeof frontmatter !== 'object' || frontmatter === null || Array.isArray(frontmatter)) {
    return [{ path: '', problem: `frontmatter must be a mapping, got ${describe(frontmatter)}` }];
  }
  const parsed = z.safeParse(LessonSchema, frontmatter);
  return parsed.success ? [] : parsed.error.issues.map((i) => explain(i, frontmatter));
}

/**
 * Checks the parsed frontmatter of `file` and returns it as a `Lesson`
 * (optional lists filled in with `[]`). Throws `LessonError` on the first problem.
 */
export function validateLesson(frontmatter: unknown, file: string): Lesson {
  const [first] = lessonProblems(frontmatter);
  if (first) throw new LessonError(file, first.path, first.problem);
  const fm = z.parse(LessonSchema, frontmatter);
  return {
    id: fm.id,
    title: fm.title,
    order: fm.order,
    runtime: fm.runtime,
    summary: fm.summary,
    topics: fm.topics ?? [],
    programs: fm.programs.map((p) => ({
      name: p.name,
      label: p.label,
      command: p.command,
      source: p.source,
      script: (p.script ?? []) as ScriptStep[],
      expect: withoutUndefined(p.expect) as Expectation,
    })),
  };
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
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
