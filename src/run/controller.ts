/**
 * The run controller: runs the command line with the small shell, starts Python through the
 * engine for each `python FILE` in it (Node.js through the WebContainer for `node FILE`), and
 * reports output, typed input, signals and the final status through the ports it is given.
 * It holds no module state and touches no store or widget itself: the app's entry wires the
 * ports to the stores and the terminal, and the tests to fakes.
 *
 * One run at a time: Run while a run is going stops the old one (SIGKILL, rest of its line
 * abandoned) and starts anew; whatever the old one still reports is ignored.
 *
 * One file: the Python job, the Node job and the shell share the run's context (which run
 * is live, where typed input goes), and splitting them would pass that context around.
 */
import type { Engine, PythonProcess } from '../engine/process';
import { NOTICE_TEXT, stdioForMode, type ExitRecord, type OutputMode, type SignalName, type TimelineEvent, type WorkFile } from '../engine/protocol';
import { NodeRuntimeUnavailableError, type NodeRuntime, type ProcessHandle } from '../hosts/webcontainer/runtime';
import { parseCommandLine, runCommandLine, type PythonJob, type ShellResult, type ShellRun, type ShellRuntime } from '../shell';
import { LineDiscipline } from '../terminal/line-discipline';
import type { LineStyle, TerminalOutput } from '../terminal/output';
import { CrlfToLf } from './crlf';
import { describeLine, finalLineFor, type LineOutcome } from './describeExit';
import { signalNoteFor } from './node-signals';

/** The program's working directory inside the engine. */
export const WORKDIR = '/home/pyodide';

/** The terminal as the controller uses it: its output model, its size, the keyboard focus. */
export interface RunTerminal {
  readonly output: TerminalOutput;
  size(): { columns: number; rows: number };
  /** A program asks for input: the keys should go to the terminal unless the user is typing elsewhere. */
  focusForInput(): void;
  /** The shell is up: the terminal takes the keys. */
  focus(): void;
}

/** The editor's program and command line. */
export interface RunProgram {
  /** The program's text right now (fresher than a debounced copy). */
  source(): string;
  filename(): string;
  commandLine(): string;
  /** Keep the draft now, not after the editor's debounce. */
  saveDraft(source: string): void;
}

/** The program's disk: files beside the program, kept between runs. */
export interface RunDisk {
  loaded(): boolean;
  load(): Promise<void>;
  /** A file of the disk by its path relative to the working directory, or null. */
  read(path: string): Uint8Array | null;
  /** What a run starts with. */
  forRun(): WorkFile[];
  /** What a run left behind. */
  replaceFromRun(files: WorkFile[]): void;
}

/** What the controller tells the page about a run. */
export interface RunReport {
  /** A run begins (the terminal has been reset): its source, whether it uses Node, whether it is the shell. */
  begin(run: { source: string; usesNode: boolean; shellOpen: boolean }): void;
  /** Run `runId` has started: the badge says running, the last run's outcome is gone. */
  started(runId: number): void;
  /** Whether a program is in the foreground and whether it waits for input. */
  foreground(state: { foreground: boolean; waitingForInput: boolean }): void;
  waitingForInput(waiting: boolean): void;
  timeline(event: TimelineEvent): void;
  /** The line could not be parsed: a one-line problem (the badge keeps what it said). */
  commandError(error: string): void;
  /** The run is over. */
  ended(end: { exitText: string; outcome: LineOutcome; record: ExitRecord | null }): void;
  /** The Node.js side: the last run used Node, the shell is open, a note about a signal. */
  node(state: { lastRunUsedNode?: boolean; shellOpen?: boolean; signalNote?: string | null }): void;
}

export interface RunControllerOptions {
  engine: Engine;
  /** The page's Node.js runtime, created on first use (pages that never use Node never load it). */
  node: () => NodeRuntime;
  terminal: RunTerminal;
  program: RunProgram;
  disk: RunDisk;
  report: RunReport;
}

export interface RunController {
  /** Run (button, Ctrl/Cmd+Enter): runs the command line with the editor's program. */
  run(): Promise<void>;
  /** "Open shell": an interactive `jsh` from the WebContainer, replacing whatever was running. */
  openShell(): Promise<void>;
  /** Stop: SIGKILL to the program and nothing more of the line; resolves once the run has ended. */
  stop(): Promise<void>;
  /** A signal to the foreground program (through the shell, which knows who gets it). */
  sendSignal(sig: SignalName): void;
  /** Keys typed into the terminal. Ignored when nothing runs or input is unavailable. */
  terminalInput(data: string): void;
  isRunning(): boolean;
}

interface ActiveRun {
  id: number;
  shell: ShellRun | null;
  /** Stop was asked before the line's shell started. */
  stopped: boolean;
  /** The python process typed input goes to. */
  stdinTarget: PythonProcess | null;
  /** Typed before any python process started (typeahead), delivered to the next one. */
  pendingStdin: (string | null)[];
  /** A Node.js process (or jsh) in the WebContainer: its pseudo-terminal takes keys raw and echoes itself. */
  nodeTarget: ProcessHandle | null;
  /** The kind of the line's most recent program, for the exit badge's words. */
  lastProgram?: 'python' | 'node';
  /** Settles when the run is over (its final line shown, or abandoned for a newer run). */
  over: Promise<void>;
  finish(): void;
}

const KILLED: ExitRecord = { status: 137, cause: 'signal', signal: 'SIGKILL' };

function normalizePath(file: string): string {
  let f = file;
  if (f.startsWith(`${WORKDIR}/`)) f = f.slice(WORKDIR.length + 1);
  while (f.startsWith('./')) f = f.slice(2);
  return f;
}

function styleFor(outcome: LineOutcome): LineStyle {
  const line = finalLineFor(outcome);
  if (line.startsWith('[killed')) return 'status-killed';
  return outcome.status === 0 ? 'status-ok' : 'status-fail';
}

/** Exit record of a Node.js process: the WebContainer's exit code (the exit record has no Node causes: `end`). */
function nodeRecord(code: number, killed: boolean): ExitRecord {
  if (killed && code === 137) return KILLED;
  return { status: code, cause: 'end', message: killed ? `stopped; the WebContainer reported ${code}` : 'as reported by Node.js in the WebContainer' };
}

export function createRunController(opts: RunControllerOptions): RunController {
  const { engine, terminal, program, disk, report } = opts;
  const encoder = new TextEncoder();
  let active: ActiveRun | null = null;
  let runCounter = 0;
  const out = (): TerminalOutput => terminal.output;
  const live = (ctx: ActiveRun): boolean => active === ctx;

  const sendStdin = (data: string | null): void => {
    const ctx = active;
    if (!ctx) return;
    report.waitingForInput(false);
    if (ctx.stdinTarget) ctx.stdinTarget.writeStdin(data === null ? null : encoder.encode(data));
    else ctx.pendingStdin.push(data);
  };

  const sendSignal = (sig: SignalName): void => {
    // SIGKILL from the menu is `kill -KILL <python>`: the line goes on as after any death.
    active?.shell?.currentJob()?.sendSignal(sig);
  };

  const lineDiscipline = new LineDiscipline({
    echo: (text) => out().echo(text),
    erase: () => out().erase(),
    send: sendStdin,
    interrupt: () => sendSignal('SIGINT'),
  });

  /** The source of `file`: the editor's program, or a file on the program's disk. */
  const sourceFor = (file: string): string | null => {
    const path = normalizePath(file);
    if (path === program.filename()) return program.source();
    const stored = disk.read(path);
    return stored === null ? null : new TextDecoder().decode(stored);
  };

  const startPython = (ctx: ActiveRun, job: { file: string; argv: string[]; mode: OutputMode }): PythonJob => {
    if (!live(ctx)) return { sendSignal() {}, exited: Promise.resolve(KILLED) };
    const source = sourceFor(job.file);
    const filename = job.file.startsWith('/') ? job.file : `${WORKDIR}/${normalizePath(job.file)}`;
    if (source === null) {
      out().write('stderr', `python: can't open file '${filename}': [Errno 2] No such file or directory\n`);
      return { sendSignal() {}, exited: Promise.resolve({ status: 2, cause: 'end', message: `python could not open ${job.file}` }) };
    }
    const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
    const proc = engine.spawn(
      {
        source,
        filename,
        argv: job.argv,
        stdio: stdioForMode(job.mode),
        cwd: WORKDIR,
        files: disk.forRun(),
        env: {},
        terminalSize: terminal.size(),
      },
      {
        stdout(data) {
          if (live(ctx)) out().write('stdout', decoders.stdout.decode(data, { stream: true }));
        },
        stderr(data) {
          if (live(ctx)) out().write('stderr', decoders.stderr.decode(data, { stream: true }));
        },
        inputRequest() {
          if (!live(ctx)) return;
          report.waitingForInput(true);
          terminal.focusForInput();
        },
        timeline(event) {
          if (live(ctx)) report.timeline(event);
        },
        files(files) {
          if (live(ctx)) disk.replaceFromRun(files);
        },
        notice(notice) {
          if (live(ctx)) out().line(NOTICE_TEXT[notice], 'notice', true);
        },
      },
    );
    ctx.stdinTarget = proc;
    for (const data of ctx.pendingStdin.splice(0)) proc.writeStdin(data === null ? null : encoder.encode(data));
    report.foreground({ foreground: true, waitingForInput: false });
    const exited = proc.exited.then((record: ExitRecord) => {
      if (live(ctx)) {
        out().write('stdout', decoders.stdout.decode());
        out().write('stderr', decoders.stderr.decode());
        report.foreground({ foreground: false, waitingForInput: false });
      }
      if (ctx.stdinTarget === proc) ctx.stdinTarget = null;
      return record;
    });
    return { sendSignal: (sig) => proc.sendSignal(sig), exited };
  };

  /** How a WebContainer process (`node` or `jsh`) ended; says in the terminal why when it could not run. */
  const nodeExit = (ctx: ActiveRun, exit: Promise<number>, name: 'node' | 'jsh', wasKilled: () => boolean): Promise<ExitRecord> =>
    exit.then(
      (code) => nodeRecord(code, wasKilled()),
      (err: unknown): ExitRecord => {
        if (err instanceof NodeRuntimeUnavailableError) {
          // In the adapter's words: what went wrong, then what to do.
          if (live(ctx)) {
            out().line(err.state.message, 'error', true);
            out().line(err.state.action, 'notice', true);
          }
          return { status: 127, cause: 'end', message: 'Node.js is unavailable here' };
        }
        const message = err instanceof Error ? err.message : String(err);
        if (live(ctx)) out().line(`${name}: ${message}`, 'error', true);
        return { status: 1, cause: 'crash', message };
      },
    );

  /** Signals to a WebContainer process; SIGALRM (from `timeout`) goes as SIGTERM, which it knows. */
  const nodeSignal = (handle: ProcessHandle, sig: SignalName): void => {
    const delivery = handle.sendSignal(sig === 'SIGALRM' ? 'SIGTERM' : sig);
    // Stop needs no words; the buttons and timeout's signals do.
    if (!(sig === 'SIGKILL' && delivery === 'kill')) report.node({ signalNote: signalNoteFor(sig, delivery) });
  };

  /** The terminal side of a WebContainer process: a note while Node.js starts, CRLF turned into LF. */
  const nodeTerminal = (ctx: ActiveRun): { cols: number; rows: number; onOutput(text: string): void; end(): void } => {
    const state = opts.node().state().state;
    if (state !== 'ready' && state !== 'unavailable') out().line('Starting Node.js in a WebContainer (StackBlitz)…', 'notice', true);
    const { columns, rows } = terminal.size();
    const crlf = new CrlfToLf();
    return {
      cols: columns,
      rows,
      onOutput(text) {
        if (live(ctx)) out().write('stdout', crlf.push(text));
      },
      end() {
        out().write('stdout', crlf.end());
      },
    };
  };

  /** `node FILE ARGS...` through the page's WebContainer; it runs the program as `main.js`. */
  const startNode = (ctx: ActiveRun, job: { file: string; argv: string[] }): PythonJob => {
    if (!live(ctx)) return { sendSignal() {}, exited: Promise.resolve(KILLED) };
    const node = opts.node();
    report.node({ lastRunUsedNode: true, signalNote: null });
    const source = sourceFor(job.file) ?? program.source();
    const term = nodeTerminal(ctx);
    let killed = false;
    const handle = node.run(source, job.argv.slice(1), term);
    ctx.nodeTarget = handle;
    void handle.started.then(() => {
      if (live(ctx) && ctx.nodeTarget === handle && node.state().state === 'ready') {
        report.foreground({ foreground: true, waitingForInput: false });
      }
    });
    const done = nodeExit(ctx, handle.exit, 'node', () => killed).then((record) => {
      if (live(ctx)) {
        term.end();
        report.foreground({ foreground: false, waitingForInput: false });
      }
      if (ctx.nodeTarget === handle) ctx.nodeTarget = null;
      return record;
    });
    return {
      sendSignal(sig) {
        if (sig === 'SIGKILL') killed = true;
        nodeSignal(handle, sig);
      },
      exited: done,
      started: handle.started,
    };
  };

  /** A new foreground run in place of the current one (killed, the rest of its line abandoned). */
  const beginRun = (title: string, node: { usesNode: boolean; shellOpen: boolean }): ActiveRun => {
    const previous = active;
    let finish = (): void => undefined;
    const over = new Promise<void>((resolve) => (finish = resolve));
    const ctx: ActiveRun = { id: ++runCounter, shell: null, stopped: false, stdinTarget: null, pendingStdin: [], nodeTarget: null, over, finish };
    active = ctx;
    previous?.shell?.stop();
    previous?.finish();
    out().reset(title);
    lineDiscipline.reset();
    report.begin({ source: program.source(), ...node });
    return ctx;
  };

  /** The run is over: the terminal's final line, then the exit badge. */
  const endRun = (ctx: ActiveRun, result: ShellResult): void => {
    active = null;
    out().flush(true);
    out().line(finalLineFor(result), styleFor(result));
    out().flush(true);
    report.ended({ exitText: describeLine({ ...result, program: ctx.lastProgram }), outcome: result, record: result.last });
    ctx.finish();
  };

  const run = async (): Promise<void> => {
    const source = program.source();
    program.saveDraft(source);
    const commandLine = program.commandLine().trim();
    const ctx = beginRun(commandLine, { usesNode: false, shellOpen: false });
    const parsed = parseCommandLine(commandLine);
    if (!parsed.ok) {
      out().line(parsed.error, 'error');
      out().flush(true);
      active = null;
      report.commandError(parsed.error);
      ctx.finish();
      return;
    }
    report.started(ctx.id);
    if (!disk.loaded()) await disk.load();
    if (!live(ctx)) return;
    if (ctx.stopped) {
      endRun(ctx, { status: 137, last: null, timedOut: false, aborted: 'stop' });
      return;
    }
    const rt: ShellRuntime = {
      startPython: (job) => {
        ctx.lastProgram = 'python';
        return startPython(ctx, job);
      },
      startNode: (job) => {
        ctx.lastProgram = 'node';
        return startNode(ctx, job);
      },
      writeStdout(text) {
        if (live(ctx)) out().write('stdout', text);
      },
      writeStderr(text) {
        if (live(ctx)) out().write('stderr', text);
      },
      setTimer(ms, fn) {
        const t = setTimeout(fn, ms);
        return () => clearTimeout(t);
      },
    };
    ctx.shell = runCommandLine(parsed.ast, rt);
    const result = await ctx.shell.done;
    if (live(ctx)) endRun(ctx, result);
  };

  const openShell = async (): Promise<void> => {
    const ctx = beginRun('jsh', { usesNode: true, shellOpen: true });
    report.started(ctx.id);
    const node = opts.node();
    const term = nodeTerminal(ctx);
    let killed = false;
    const handle = node.openShell(term);
    ctx.nodeTarget = handle;
    const job: PythonJob = {
      sendSignal(sig) {
        if (sig === 'SIGKILL') killed = true;
        nodeSignal(handle, sig);
      },
      exited: nodeExit(ctx, handle.exit, 'jsh', () => killed),
      started: handle.started,
    };
    ctx.shell = {
      done: job.exited.then((last) => ({ status: last.status, last, timedOut: false, aborted: killed ? 'stop' : null })),
      currentJob: () => (ctx.nodeTarget ? job : null),
      stop: () => job.sendSignal('SIGKILL'),
    };
    void handle.started.then(() => {
      if (live(ctx) && ctx.nodeTarget === handle && node.state().state === 'ready') {
        report.foreground({ foreground: true, waitingForInput: false });
        terminal.focus();
      }
    });
    const result = await ctx.shell.done;
    if (ctx.nodeTarget === handle) ctx.nodeTarget = null;
    if (!live(ctx)) return;
    term.end();
    report.node({ shellOpen: false });
    endRun(ctx, result);
  };

  return {
    run,
    openShell,
    stop() {
      const ctx = active;
      if (!ctx) return Promise.resolve();
      ctx.stopped = true;
      ctx.shell?.stop();
      return ctx.over;
    },
    sendSignal,
    terminalInput(data) {
      if (active?.nodeTarget) {
        active.nodeTarget.write(data);
        return;
      }
      if (!active || !engine.status().interactive) return;
      lineDiscipline.input(data);
    },
    isRunning: () => active !== null,
  };
}
