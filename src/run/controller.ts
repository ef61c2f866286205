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
 * Every program of a run is one `Job` (the shell's shape: signals in, an exit record out),
 * whatever runs it: Python in the engine, `node` or the interactive `jsh` in the WebContainer.
 * The job in the foreground also says how typed keys reach it: as lines through the page's
 * line discipline (Python), or raw to a pseudo-terminal that echoes itself (the WebContainer).
 *
 * One file: the jobs and the shell share the run's context (which run is live, which job is in
 * the foreground), and splitting them would pass that context around.
 */
import type { Engine } from '../engine/process';
import { NOTICE_TEXT, stdioForMode, type ExitRecord, type OutputMode, type SignalName, type TimelineEvent, type WorkFile } from '../engine/protocol';
import { NodeRuntimeUnavailableError, type NodeRuntime, type ProcessHandle } from '../hosts/webcontainer/runtime';
import { parseCommandLine, runCommandLine, type Job, type ShellResult, type ShellRun, type ShellRuntime } from '../shell';
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
  /**
   * Run (button, Ctrl/Cmd+Enter): runs the command line with the editor's program. With
   * `stdin: 'end'` (an embed's autorun, which nobody types into) the line's first reader finds
   * end of input at once, as after Ctrl+D at the start of a terminal.
   */
  run(opts?: { stdin?: 'terminal' | 'end' }): Promise<void>;
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

/** How typed keys reach the foreground job. */
type JobInput =
  /** Lines from the page's line discipline (echo, erase, Ctrl+D), `null` for end of input. */
  | { kind: 'lines'; write(data: string | null): void }
  /** Keys as typed, to a pseudo-terminal that echoes them itself. */
  | { kind: 'raw'; write(data: string): void };

interface ActiveRun {
  id: number;
  shell: ShellRun | null;
  /** Stop was asked before the line's shell started. */
  stopped: boolean;
  /** The job in the foreground, and how typed keys reach it. */
  foreground: { job: Job; input: JobInput } | null;
  /** Lines typed while no job takes lines (typeahead), delivered to the next one that does. */
  pendingStdin: (string | null)[];
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
    const input = ctx.foreground?.input;
    if (input?.kind === 'lines') input.write(data);
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

  /** Puts `job` in the foreground; it leaves when it ends. */
  const toForeground = (ctx: ActiveRun, job: Job, input: JobInput): void => {
    ctx.foreground = { job, input };
    void job.exited.then(() => {
      if (ctx.foreground?.job === job) ctx.foreground = null;
    });
  };

  const startPython = (ctx: ActiveRun, job: { file: string; argv: string[]; mode: OutputMode }): Job => {
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
    const write = (data: string | null): void => proc.writeStdin(data === null ? null : encoder.encode(data));
    for (const data of ctx.pendingStdin.splice(0)) write(data);
    report.foreground({ foreground: true, waitingForInput: false });
    const exited = proc.exited.then((record: ExitRecord) => {
      if (live(ctx)) {
        out().write('stdout', decoders.stdout.decode());
        out().write('stderr', decoders.stderr.decode());
        report.foreground({ foreground: false, waitingForInput: false });
      }
      return record;
    });
    const started: Job = { sendSignal: (sig) => proc.sendSignal(sig), exited };
    toForeground(ctx, started, { kind: 'lines', write });
    return started;
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

  /**
   * A process in the page's WebContainer (`node FILE`, or the `jsh` shell) as a job: in the
   * foreground from the start (its terminal takes keys raw), reported as the foreground program
   * once Node.js runs it, its output with CRLF made LF.
   */
  const webContainerJob = (
    ctx: ActiveRun,
    name: 'node' | 'jsh',
    open: (term: ReturnType<typeof nodeTerminal>) => ProcessHandle,
    onRunning: () => void = () => undefined,
  ): Job => {
    const node = opts.node();
    const term = nodeTerminal(ctx);
    let killed = false;
    const handle = open(term);
    const exited = nodeExit(ctx, handle.exit, name, () => killed).then((record) => {
      if (live(ctx)) {
        term.end();
        report.foreground({ foreground: false, waitingForInput: false });
      }
      return record;
    });
    const job: Job = {
      sendSignal(sig) {
        if (sig === 'SIGKILL') killed = true;
        nodeSignal(handle, sig);
      },
      exited,
      started: handle.started,
    };
    toForeground(ctx, job, { kind: 'raw', write: (data) => handle.write(data) });
    void handle.started.then(() => {
      if (live(ctx) && ctx.foreground?.job === job && node.state().state === 'ready') {
        report.foreground({ foreground: true, waitingForInput: false });
        onRunning();
      }
    });
    return job;
  };

  /** `node FILE ARGS...` through the page's WebContainer; it runs the program as `main.js`. */
  const startNode = (ctx: ActiveRun, job: { file: string; argv: string[] }): Job => {
    if (!live(ctx)) return { sendSignal() {}, exited: Promise.resolve(KILLED) };
    report.node({ lastRunUsedNode: true, signalNote: null });
    const source = sourceFor(job.file) ?? program.source();
    return webContainerJob(ctx, 'node', (term) => opts.node().run(source, job.argv.slice(1), term));
  };

  /** A new foreground run in place of the current one (killed, the rest of its line abandoned). */
  const beginRun = (title: string, node: { usesNode: boolean; shellOpen: boolean }): ActiveRun => {
    const previous = active;
    let finish = (): void => undefined;
    const over = new Promise<void>((resolve) => (finish = resolve));
    const ctx: ActiveRun = { id: ++runCounter, shell: null, stopped: false, foreground: null, pendingStdin: [], over, finish };
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

  const run = async (runOpts: { stdin?: 'terminal' | 'end' } = {}): Promise<void> => {
    const source = program.source();
    program.saveDraft(source);
    const commandLine = program.commandLine().trim();
    const ctx = beginRun(commandLine, { usesNode: false, shellOpen: false });
    if (runOpts.stdin === 'end') ctx.pendingStdin.push(null);
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
    const job = webContainerJob(ctx, 'jsh', (term) => opts.node().openShell(term), () => terminal.focus());
    // The shell is the whole line: killed (Stop, or SIGKILL from the menu), the line was stopped.
    let killed = false;
    const shellJob: Job = {
      sendSignal(sig) {
        if (sig === 'SIGKILL') killed = true;
        job.sendSignal(sig);
      },
      exited: job.exited,
      started: job.started,
    };
    ctx.shell = {
      done: job.exited.then((last) => ({ status: last.status, last, timedOut: false, aborted: killed ? 'stop' : null })),
      currentJob: () => (ctx.foreground?.job === job ? shellJob : null),
      stop: () => shellJob.sendSignal('SIGKILL'),
    };
    const result = await ctx.shell.done;
    if (!live(ctx)) return;
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
      const input = active?.foreground?.input;
      if (input?.kind === 'raw') {
        input.write(data);
        return;
      }
      if (!active || !engine.status().interactive) return;
      lineDiscipline.input(data);
    },
    isRunning: () => active !== null,
  };
}
