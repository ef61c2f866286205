/**
 * Runs a parsed command line against a host-provided runtime. Pure: no DOM,
 * no Node, no real timers; the host starts Python (and Node.js, for
 * `node main.js`, through the optional `startNode`) and owns the clock.
 * Everything below about python jobs holds for node jobs too.
 *
 * Status semantics follow bash:
 * - `$?` starts at 0 (or `initialStatus`) and is the status of the last pipeline run.
 * - `a && b` runs b when a's status is 0; `a || b` when it is not; a skipped
 *   pipeline leaves `$?` as it was.
 * - A program killed by signal N has status 128+N.
 * - `python main.py | cat` has cat's status, 0, whatever python's was: bash
 *   without `set -o pipefail` takes a pipeline's status from its last command.
 *   So `python main.py | cat; echo $?` prints 0.
 *
 * Signals from the page (`currentJob().sendSignal`):
 * - SIGINT is the terminal's Ctrl+C: the kernel sends it to the whole
 *   foreground process group, so python, `timeout`, `cat` and the shell all get it.
 *   If the job dies of it (or is piped into cat, which dies of it), bash abandons
 *   the rest of the line, like interactive bash: `python main.py; echo $?`
 *   prints nothing more, status 130. A program that catches the
 *   KeyboardInterrupt and exits normally lets the line go on.
 *   `timeout` forwards it to python once and, with `-k`, starts its kill timer.
 * - Other signals act like `kill -SIG <python's pid>`: only python gets them.
 * - `stop()` (the page's Stop) kills the job with SIGKILL and abandons the line,
 *   like killing the whole session: status 137.
 *
 * One file: lists, pipelines, `timeout` and the routing of signals act on one foreground
 * job and one `$?`; split, each part would take the other's state as arguments.
 */
import { SIGNALS, type ExitRecord, type OutputMode, type SignalName } from '../engine/protocol';
import type { Command, CommandList, Pipeline, ProgramCommand, TimeoutCommand } from './ast';
import { gnuQuote, parseDuration } from './parse';
import { expandWord } from './tokenize';

/**
 * A running program as the shell and the page see it, whatever runs it: a Python process in the
 * engine, `node` in the WebContainer, or the WebContainer's own shell (`jsh`). Signals go to it;
 * its exit record says how it ended.
 */
export interface Job {
  sendSignal(sig: SignalName): void;
  readonly exited: Promise<ExitRecord>;
  /**
   * Resolves when the program actually starts running. An engine may need a
   * moment to get an interpreter; `timeout`'s clock starts here, as it starts
   * natively when the child has been forked (a few milliseconds).
   */
  readonly started?: Promise<void>;
}

export interface ShellRuntime {
  /**
   * Starts the engine. `file` is the script as written (`main.py`); `argv` is
   * `sys.argv`, argv[0] (= `file`) included; `mode` is `pipe` for `| cat`.
   */
  startPython(opts: { file: string; argv: string[]; mode: OutputMode }): Job;
  /**
   * Starts `node FILE ARGS...` (optional: a host without Node.js leaves it out, and
   * `node` then fails like a missing command, status 127). `file` is the script as
   * written (`main.js`); `argv` is `[file, ...args]` (the host makes `process.argv`
   * of it: `[node's path, FILE's absolute path, ...args]`); `mode` as for python.
   */
  startNode?(opts: { file: string; argv: string[]; mode: OutputMode }): Job;
  /** The shell's own output (echo, timeout's messages) to the terminal. */
  writeStdout(text: string): void;
  writeStderr(text: string): void;
  /** Calls `fn` after `ms` milliseconds; returns a function that cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
}

export interface ShellResult {
  /** The line's final `$?` (137 after stop(), 130 after a Ctrl+C that ended the line). */
  status: number;
  /** Exit record of the last python job run (null when none ran). */
  last: ExitRecord | null;
  /** Whether `timeout` fired on the job in `last`. */
  timedOut: boolean;
  /** Why the rest of the line was abandoned: `stop()`, a Ctrl+C that killed the job, or not at all. */
  aborted: 'stop' | 'sigint' | null;
}

export interface ShellRun {
  readonly done: Promise<ShellResult>;
  /** The foreground python job (for Ctrl+C and the signal buttons), or null between jobs. */
  currentJob(): Job | null;
  /** Stop: SIGKILL to the current job, and run nothing more of the line. */
  stop(): void;
}

export interface RunOptions {
  /** Value of `$?` before the first command (default 0). */
  initialStatus?: number;
}

/** setTimeout's ceiling; longer waits are chained. */
const MAX_TIMER_MS = 2_147_483_647;
const TRY_TIMEOUT_HELP = "Try 'timeout --help' for more information.\n";

/** The signal a run died of, as a shell would see it (WIFSIGNALED), or null when it exited. */
export function deathSignal(record: ExitRecord): SignalName | null {
  if (record.signal !== undefined && SIGNALS[record.signal] !== undefined && record.status === 128 + SIGNALS[record.signal]) {
    return record.signal;
  }
  // CPython ends an uncaught KeyboardInterrupt by killing itself with SIGINT.
  if (record.type === 'KeyboardInterrupt' && record.status === 130) return 'SIGINT';
  return null;
}

function crashRecord(error: unknown): ExitRecord {
  const message = error instanceof Error ? error.message : String(error);
  return { status: 1, cause: 'crash', message };
}

interface CommandResult {
  status: number;
  /** Signal the command died of (bash's WIFSIGNALED), if any. */
  diedOf: SignalName | null;
}

interface PipelineContext {
  /** A terminal SIGINT reached this pipeline's process group. */
  sigint: boolean;
}

export function runCommandLine(ast: CommandList, rt: ShellRuntime, opts: RunOptions = {}): ShellRun {
  let status = opts.initialStatus ?? 0;
  let last: ExitRecord | null = null;
  let lastTimedOut = false;
  let aborted: ShellResult['aborted'] = null;
  let finished = false;
  let fg: { raw: Job; view: Job } | null = null;
  const cancels = new Set<() => void>();

  /** A timer through rt.setTimer, chained past setTimeout's limit, cancelled when the run ends. */
  function later(ms: number, fn: () => void): () => void {
    let active = true;
    let cancelStep: () => void = () => {};
    const cancel = (): void => {
      if (!active) return;
      active = false;
      cancels.delete(cancel);
      cancelStep();
    };
    const step = (remaining: number): void => {
      const chunk = Math.min(remaining, MAX_TIMER_MS);
      cancelStep = rt.setTimer(chunk, () => {
        if (!active) return;
        if (remaining > chunk) {
          step(remaining - chunk);
        } else {
          active = false;
          cancels.delete(cancel);
          fn();
        }
      });
    };
    cancels.add(cancel);
    step(Math.max(0, ms));
    return cancel;
  }

  function launch(
    cmd: ProgramCommand,
    mode: OutputMode,
    ctx: PipelineContext,
    onTerminalSigint?: () => void,
  ): { raw: Job | null; exited: Promise<ExitRecord> } {
    const argv = [cmd.file, ...cmd.args.map((w) => expandWord(w, status))];
    let raw: Job;
    try {
      if (cmd.kind === 'node') {
        if (rt.startNode === undefined) {
          // bash: "node: command not found", status 127.
          const record: ExitRecord = { status: 127, cause: 'crash', message: 'node is not available here' };
          rt.writeStderr('exitlab shell: node is not available here (this terminal runs python main.py)\n');
          last = record;
          lastTimedOut = false;
          return { raw: null, exited: Promise.resolve(record) };
        }
        raw = rt.startNode({ file: cmd.file, argv, mode });
      } else {
        raw = rt.startPython({ file: cmd.file, argv, mode });
      }
    } catch (e) {
      const record = crashRecord(e);
      rt.writeStderr(`exitlab shell: could not start ${cmd.program}: ${record.message ?? ''}\n`);
      last = record;
      lastTimedOut = false;
      return { raw: null, exited: Promise.resolve(record) };
    }
    const exited = Promise.resolve(raw.exited).then(
      (r) => r,
      (e: unknown) => crashRecord(e),
    );
    const view: Job = {
      sendSignal(sig: SignalName): void {
        if (finished || fg?.view !== view) return;
        if (sig === 'SIGINT') {
          ctx.sigint = true;
          if (onTerminalSigint !== undefined) {
            onTerminalSigint();
            return;
          }
        }
        raw.sendSignal(sig);
      },
      exited,
    };
    fg = { raw, view };
    return {
      raw,
      exited: exited.then((record) => {
        if (fg?.raw === raw) fg = null;
        last = record;
        lastTimedOut = false;
        return record;
      }),
    };
  }

  async function runProgram(cmd: ProgramCommand, mode: OutputMode, ctx: PipelineContext): Promise<CommandResult> {
    const record = await launch(cmd, mode, ctx).exited;
    return { status: record.status, diedOf: deathSignal(record) };
  }

  /** GNU coreutils `timeout`, as in its timeout.c. */
  async function runTimeout(cmd: TimeoutCommand, mode: OutputMode, ctx: PipelineContext): Promise<CommandResult> {
    if (cmd.usageError !== null || cmd.duration === null || cmd.command === null) {
      rt.writeStderr((cmd.usageError ? `${cmd.usageError}\n` : '') + TRY_TIMEOUT_HELP);
      return { status: 125, diedOf: null };
    }
    const durationText = expandWord(cmd.duration, status);
    const seconds = parseDuration(durationText);
    if (seconds === null) {
      rt.writeStderr(`timeout: invalid time interval ${gnuQuote(durationText)}\n${TRY_TIMEOUT_HELP}`);
      return { status: 125, diedOf: null };
    }
    const py = cmd.command;
    let timedOut = false;
    let killSent = false;
    let termSignal = cmd.signal;
    let killAfter = cmd.killAfterSeconds;
    let running = true;
    let raw: Job | null = null;
    const timers: (() => void)[] = [];

    const schedule = (secs: number): void => {
      if (secs > 0 && Number.isFinite(secs)) timers.push(later(secs * 1000, () => cleanup('alarm')));
    };
    const send = (sig: SignalName): void => {
      if (!running || raw === null) return;
      if (cmd.verbose) rt.writeStderr(`timeout: sending signal ${sig.slice(3)} to command ${gnuQuote(py.program)}\n`);
      if (sig === 'SIGKILL') killSent = true;
      raw.sendSignal(sig);
    };
    // timeout.c's cleanup(): the alarm sends the chosen signal; any signal
    // timeout itself catches (here: Ctrl+C) is passed on. The first one also
    // starts the -k timer, after which the next alarm sends SIGKILL.
    const cleanup = (why: 'alarm' | SignalName): void => {
      let sig: SignalName;
      if (why === 'alarm') {
        timedOut = true;
        sig = termSignal;
      } else {
        sig = why;
      }
      if (killAfter > 0) {
        termSignal = 'SIGKILL';
        const after = killAfter;
        killAfter = 0;
        schedule(after);
      }
      send(sig);
    };

    const launched = launch(py, mode, ctx, () => cleanup('SIGINT'));
    raw = launched.raw;
    const started = launched.raw?.started;
    if (started) void started.then(() => running && schedule(seconds));
    else schedule(seconds);
    const record = await launched.exited;
    running = false;
    for (const cancel of timers) cancel();
    lastTimedOut = timedOut;

    const diedOf = deathSignal(record);
    // Without --foreground timeout sends its signals to its whole process
    // group, itself included: SIGKILL kills timeout too, so the shell sees 137.
    if (killSent && !cmd.foreground) return { status: 128 + SIGNALS.SIGKILL, diedOf: 'SIGKILL' };
    let preserve = cmd.preserveStatus;
    if (diedOf !== null) {
      // Not timed out: timeout re-raises the child's signal on itself.
      if (!timedOut) return { status: 128 + SIGNALS[diedOf], diedOf };
      // "Allow users to distinguish if command was forcibly killed."
      if (diedOf === 'SIGKILL') preserve = true;
    }
    // "If the command times out, and --preserve-status is not set, then exit with status 124."
    return { status: timedOut && !preserve ? 124 : record.status, diedOf: null };
  }

  function runEcho(args: string[]): CommandResult {
    rt.writeStdout(echoOutput(args));
    return { status: 0, diedOf: null };
  }

  function runCommand(cmd: Command, mode: OutputMode, ctx: PipelineContext): Promise<CommandResult> | CommandResult {
    switch (cmd.kind) {
      case 'python':
      case 'node':
        return runProgram(cmd, mode, ctx);
      case 'timeout':
        return runTimeout(cmd, mode, ctx);
      case 'echo':
        return runEcho(cmd.args.map((w) => expandWord(w, status)));
      case 'true':
        return { status: 0, diedOf: null };
      case 'false':
        return { status: 1, diedOf: null };
    }
  }

  async function runPipeline(p: Pipeline): Promise<number> {
    const piped = p.cats.length > 0;
    const ctx: PipelineContext = { sigint: false };
    const result = await runCommand(p.command, piped ? 'pipe' : 'tty', ctx);
    if (ctx.sigint && (piped || result.diedOf === 'SIGINT')) {
      // Ctrl+C killed the foreground job (cat too, when piped): bash gives up the line.
      aborted ??= 'sigint';
      return 128 + SIGNALS.SIGINT;
    }
    // bash without pipefail: the status of `... | cat` is cat's.
    return piped ? 0 : result.status;
  }

  const done = (async (): Promise<ShellResult> => {
    try {
      for (const item of ast.items) {
        if (aborted !== null) break;
        status = await runPipeline(item.first);
        for (const { op, pipeline } of item.rest) {
          if (aborted !== null) break;
          if ((op === '&&') === (status === 0)) status = await runPipeline(pipeline);
        }
      }
    } finally {
      finished = true;
      fg = null;
      for (const cancel of [...cancels]) cancel();
    }
    if (aborted === 'stop') status = 128 + SIGNALS.SIGKILL;
    return { status, last, timedOut: lastTimedOut, aborted };
  })();

  return {
    done,
    currentJob: () => fg?.view ?? null,
    stop(): void {
      if (finished || aborted === 'stop') return;
      aborted = 'stop';
      for (const cancel of [...cancels]) cancel();
      fg?.raw.sendSignal('SIGKILL');
    },
  };
}

/** bash's builtin echo: leading `-n`, `-e`, `-E` options (combinable), then the words joined by spaces. */
export function echoOutput(args: string[]): string {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (!/^-[neE]+$/.test(a)) break;
    for (const ch of a.slice(1)) {
      if (ch === 'n') newline = false;
      else escapes = ch === 'e';
    }
  }
  const text = args.slice(i).join(' ');
  if (escapes) {
    const { out, stop } = interpretEscapes(text);
    if (stop) return out; // \c: no more output, not even the newline
    return newline ? `${out}\n` : out;
  }
  return newline ? `${text}\n` : text;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\',
};

function interpretEscapes(text: string): { out: string; stop: boolean } {
  let out = '';
  let i = 0;
  const digits = (from: number, max: number, re: RegExp): string => {
    let j = from;
    while (j < text.length && j - from < max && re.test(text[j]!)) j++;
    return text.slice(from, j);
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      i++;
      continue;
    }
    const e = text[i + 1]!;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i += 2;
    } else if (e === 'c') {
      return { out, stop: true };
    } else if (e === '0') {
      const d = digits(i + 2, 3, /[0-7]/);
      out += String.fromCharCode(d === '' ? 0 : parseInt(d, 8) & 0xff);
      i += 2 + d.length;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const d = digits(i + 2, e === 'x' ? 2 : e === 'u' ? 4 : 8, /[0-9a-fA-F]/);
      if (d === '') {
        out += `\\${e}`;
      } else {
        const code = parseInt(d, 16);
        out += e === 'x' ? String.fromCharCode(code) : code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
      }
      i += 2 + d.length;
    } else {
      out += `\\${e}`;
      i += 2;
    }
  }
  return { out, stop: false };
}
