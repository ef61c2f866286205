/**
 * Runs the command line: parses it with the small shell, starts Python through
 * the engine for each `python FILE` in it, and wires output, typed input,
 * signals and the final status into the terminal and the stores.
 *
 * One run at a time: Run while a run is going stops the old one (SIGKILL, rest
 * of its line abandoned) and starts anew; whatever the old one still reports
 * is ignored.
 */
import type { PythonProcess } from '../../engine/process';
import { NOTICE_TEXT, stdioForMode, type ExitRecord, type SignalName } from '../../engine/protocol';
import {
  parseCommandLine,
  runCommandLine,
  type PythonJob,
  type ShellResult,
  type ShellRun,
  type ShellRuntime,
} from '../../shell';
import { useDiskStore } from '../../store/disk';
import { useEditorStore } from '../../store/editor';
import { runStarted, useRunStore } from '../../store/run';
import { useTerminalStore } from '../../store/terminal';
import { currentSource, focusTerminal, terminalSize } from '../bridges';
import { engine } from '../engine-instance';
import { describeLine, finalLineFor, type LineOutcome } from '../../run/describeExit';
import type { LineStyle } from '../../terminal/output';
import { LineDiscipline } from '../../terminal/line-discipline';
import { NodeRuntimeUnavailableError, type ProcessHandle } from '../../hosts/webcontainer/runtime';
import { CrlfToLf } from '../node/crlf';
import { nodeRuntime, signalNoteFor, useNodeUi } from '../node/store';
import { useTimelineUi } from '../timeline/store';

/** The program's working directory inside the engine. */
export const WORKDIR = '/home/pyodide';

interface ActiveRun {
  id: number;
  shell: ShellRun | null;
  /** The python process typed input goes to. */
  stdinTarget: PythonProcess | null;
  /** Typed before any python process started (typeahead), delivered to the next one. */
  pendingStdin: (string | null)[];
  /** A Node.js process (or jsh) in the WebContainer: its pseudo-terminal takes keys raw and echoes itself. */
  nodeTarget: ProcessHandle | null;
  /** The kind of the line's most recent program, for the exit badge's words. */
  lastProgram?: 'python' | 'node';
}

let active: ActiveRun | null = null;
let runCounter = 0;
const encoder = new TextEncoder();

function output() {
  return useTerminalStore.getState().output;
}

function live(ctx: ActiveRun): boolean {
  return active === ctx;
}

const lineDiscipline = new LineDiscipline({
  echo: (text) => output().echo(text),
  erase: () => output().erase(),
  send: (data) => sendStdin(data),
  interrupt: () => sendSignal('SIGINT'),
});

function sendStdin(data: string | null): void {
  const ctx = active;
  if (!ctx) return;
  useRunStore.setState({ waitingForInput: false });
  if (ctx.stdinTarget) ctx.stdinTarget.writeStdin(data === null ? null : encoder.encode(data));
  else ctx.pendingStdin.push(data);
}

/** Keys typed into the terminal (xterm's onData). Ignored when nothing runs or input is unavailable. */
export function terminalInput(data: string): void {
  if (active?.nodeTarget) {
    active.nodeTarget.write(data);
    return;
  }
  if (!active || !engine.status().interactive) return;
  lineDiscipline.input(data);
}

/** Whether a run is going. */
export function isRunning(): boolean {
  return active !== null;
}

/** Sends a signal to the foreground python process (through the shell, which knows who gets it). */
export function sendSignal(sig: SignalName): void {
  if (sig === 'SIGKILL') {
    // From the menu: `kill -KILL <python>`; the line goes on like after any death.
    active?.shell?.currentJob()?.sendSignal('SIGKILL');
    return;
  }
  active?.shell?.currentJob()?.sendSignal(sig);
}

/** Stop: SIGKILL to the program and nothing more of the line. */
export function stop(): void {
  active?.shell?.stop();
}

function normalizePath(file: string): string {
  let f = file;
  if (f.startsWith(`${WORKDIR}/`)) f = f.slice(WORKDIR.length + 1);
  while (f.startsWith('./')) f = f.slice(2);
  return f;
}

/** The source of `file`: the editor's program, or a file on the program's disk. */
function sourceFor(file: string): string | null {
  const path = normalizePath(file);
  const { program } = useEditorStore.getState();
  if (path === program.filename) return currentSource();
  const stored = useDiskStore.getState().files.find((f) => f.path === path);
  if (!stored) return null;
  return new TextDecoder().decode(stored.data);
}

function styleFor(outcome: LineOutcome): LineStyle {
  const line = finalLineFor(outcome);
  if (line.startsWith('[killed')) return 'status-killed';
  return outcome.status === 0 ? 'status-ok' : 'status-fail';
}

function startPython(ctx: ActiveRun, opts: { file: string; argv: string[]; mode: 'tty' | 'pipe' }): PythonJob {
  const out = output();
  if (!live(ctx)) {
    return { sendSignal() {}, exited: Promise.resolve({ status: 137, cause: 'signal', signal: 'SIGKILL' }) };
  }
  const source = sourceFor(opts.file);
  const filename = opts.file.startsWith('/') ? opts.file : `${WORKDIR}/${normalizePath(opts.file)}`;
  if (source === null) {
    out.write('stderr', `python: can't open file '${filename}': [Errno 2] No such file or directory\n`);
    return {
      sendSignal() {},
      exited: Promise.resolve({ status: 2, cause: 'end', message: `python could not open ${opts.file}` }),
    };
  }
  const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  const proc = engine.spawn(
    {
      source,
      filename,
      argv: opts.argv,
      stdio: stdioForMode(opts.mode),
      cwd: WORKDIR,
      files: useDiskStore.getState().forRun(),
      env: {},
      terminalSize: terminalSize(),
    },
    {
      stdout(data) {
        if (live(ctx)) out.write('stdout', decoders.stdout.decode(data, { stream: true }));
      },
      stderr(data) {
        if (live(ctx)) out.write('stderr', decoders.stderr.decode(data, { stream: true }));
      },
      inputRequest() {
        if (!live(ctx)) return;
        useRunStore.setState({ waitingForInput: true });
        // Clicked Run and the program asks: the keys should go to the terminal.
        const focused = document.activeElement;
        if (!focused || focused === document.body || (focused as HTMLElement).dataset?.autofocusTerminal === 'true') {
          focusTerminal();
        }
      },
      timeline(event) {
        if (live(ctx)) useRunStore.setState((s) => ({ timeline: [...s.timeline, event] }));
      },
      files(files) {
        if (live(ctx)) useDiskStore.getState().replaceFromRun(files);
      },
      notice(notice) {
        if (live(ctx)) out.line(NOTICE_TEXT[notice], 'notice', true);
      },
    },
  );
  ctx.stdinTarget = proc;
  for (const data of ctx.pendingStdin.splice(0)) proc.writeStdin(data === null ? null : encoder.encode(data));
  useRunStore.setState({ foreground: true, waitingForInput: false });
  const exited = proc.exited.then((record: ExitRecord) => {
    if (live(ctx)) {
      out.write('stdout', decoders.stdout.decode());
      out.write('stderr', decoders.stderr.decode());
      useRunStore.setState({ foreground: false, waitingForInput: false });
    }
    if (ctx.stdinTarget === proc) ctx.stdinTarget = null;
    return record;
  });
  return { sendSignal: (sig) => proc.sendSignal(sig), exited };
}

/** Exit record of a Node.js process: the WebContainer's exit code (the exit record has no Node causes: `end`). */
function nodeRecord(code: number, killed: boolean): ExitRecord {
  if (killed && code === 137) return { status: 137, cause: 'signal', signal: 'SIGKILL' };
  return { status: code, cause: 'end', message: killed ? `stopped; the WebContainer reported ${code}` : 'as reported by Node.js in the WebContainer' };
}

/** Says in the terminal why Node.js cannot run, in the adapter's words: what went wrong, then what to do. */
function sayUnavailable(err: NodeRuntimeUnavailableError): void {
  const out = output();
  out.line(err.state.message, 'error', true);
  out.line(err.state.action, 'notice', true);
}

/** How a WebContainer process (`node` or `jsh`) ended, as an exit record; says in the terminal why when it could not run. */
function nodeExit(ctx: ActiveRun, exit: Promise<number>, name: 'node' | 'jsh', wasKilled: () => boolean): Promise<ExitRecord> {
  return exit.then(
    (code) => nodeRecord(code, wasKilled()),
    (err: unknown): ExitRecord => {
      if (err instanceof NodeRuntimeUnavailableError) {
        if (live(ctx)) sayUnavailable(err);
        return { status: 127, cause: 'end', message: 'Node.js is unavailable here' };
      }
      const message = err instanceof Error ? err.message : String(err);
      if (live(ctx)) output().line(`${name}: ${message}`, 'error', true);
      return { status: 1, cause: 'crash', message };
    },
  );
}

/** Signals to a WebContainer process; SIGALRM (from `timeout`) goes as SIGTERM, which it knows. */
function nodeSignal(handle: ProcessHandle, sig: SignalName): void {
  const delivery = handle.sendSignal(sig === 'SIGALRM' ? 'SIGTERM' : sig);
  // Stop needs no words; the buttons and timeout's signals do.
  if (!(sig === 'SIGKILL' && delivery === 'kill')) useNodeUi.setState({ signalNote: signalNoteFor(sig, delivery) });
}

/**
 * The terminal side of a WebContainer process (`node` or `jsh`): says Node.js is starting when
 * it is not up yet, and passes the pseudo-terminal's output on with CRLF turned into LF.
 */
function nodeTerminal(ctx: ActiveRun): { cols: number; rows: number; onOutput(text: string): void; end(): void } {
  const node = nodeRuntime();
  if (node.state().state !== 'ready' && node.state().state !== 'unavailable') {
    output().line('Starting Node.js in a WebContainer (StackBlitz)…', 'notice', true);
  }
  const { columns, rows } = terminalSize();
  const crlf = new CrlfToLf();
  return {
    cols: columns,
    rows,
    onOutput(text) {
      if (live(ctx)) output().write('stdout', crlf.push(text));
    },
    end() {
      output().write('stdout', crlf.end());
    },
  };
}

/**
 * `node FILE ARGS...` through the page's WebContainer (booted on first use). The program is
 * the editor's (or a file on the disk of that name); the WebContainer runs it as `main.js`.
 */
function startNode(ctx: ActiveRun, opts: { file: string; argv: string[]; mode: 'tty' | 'pipe' }): PythonJob {
  if (!live(ctx)) {
    return { sendSignal() {}, exited: Promise.resolve({ status: 137, cause: 'signal', signal: 'SIGKILL' }) };
  }
  const node = nodeRuntime();
  useNodeUi.setState({ lastRunUsedNode: true, signalNote: null });
  const source = sourceFor(opts.file) ?? currentSource();
  const term = nodeTerminal(ctx);
  let killed = false;
  const handle = node.run(source, opts.argv.slice(1), term);
  ctx.nodeTarget = handle;
  void handle.started.then(() => {
    if (live(ctx) && ctx.nodeTarget === handle && node.state().state === 'ready') {
      useRunStore.setState({ foreground: true, waitingForInput: false });
    }
  });
  const exited = nodeExit(ctx, handle.exit, 'node', () => killed);
  const done = exited.then((record) => {
    if (live(ctx)) {
      term.end();
      useRunStore.setState({ foreground: false, waitingForInput: false });
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
}

/**
 * Starts a new foreground run in place of the current one (which is killed, the rest of its
 * line abandoned): the terminal starts over with `$ <title>`, the timeline with the editor's program.
 */
function beginRun(title: string, node: { usesNode: boolean; shellOpen: boolean }): ActiveRun {
  const previous = active;
  const ctx: ActiveRun = { id: ++runCounter, shell: null, stdinTarget: null, pendingStdin: [], nodeTarget: null };
  active = ctx;
  previous?.shell?.stop();
  useNodeUi.setState({ lastRunUsedNode: node.usesNode, shellOpen: node.shellOpen, signalNote: null });
  useTimelineUi.getState().newRun(currentSource());
  output().reset(title);
  lineDiscipline.reset();
  useTerminalStore.getState().setHasRun(true);
  return ctx;
}

/** The run is over: the terminal's final line, then the exit badge. */
function endRun(result: ShellResult, program: ActiveRun['lastProgram']): void {
  const out = output();
  active = null;
  out.flush(true);
  out.line(finalLineFor(result), styleFor(result));
  out.flush(true);
  useRunStore.setState({
    phase: 'idle',
    exitText: describeLine({ ...result, program }),
    outcome: result,
    record: result.last,
    foreground: false,
    waitingForInput: false,
  });
}

/** Run (button, Ctrl/Cmd+Enter): runs the command line with the editor's program. */
export async function run(): Promise<void> {
  const editor = useEditorStore.getState();
  editor.editorChanged(currentSource()); // save the draft now, not after the debounce
  const commandLine = editor.commandLine.trim();
  const ctx = beginRun(commandLine, { usesNode: false, shellOpen: false });
  const out = output();

  const parsed = parseCommandLine(commandLine);
  if (!parsed.ok) {
    // A one-line error in the terminal; the exit badge keeps what it said.
    out.line(parsed.error, 'error');
    out.flush(true);
    active = null;
    useRunStore.setState({ phase: 'idle', commandError: parsed.error, foreground: false, waitingForInput: false });
    return;
  }

  runStarted(ctx.id);

  const disk = useDiskStore.getState();
  if (!disk.loaded) await disk.load();
  if (!live(ctx)) return;

  const rt: ShellRuntime = {
    startPython: (opts) => {
      ctx.lastProgram = 'python';
      return startPython(ctx, opts);
    },
    startNode: (opts) => {
      ctx.lastProgram = 'node';
      return startNode(ctx, opts);
    },
    writeStdout(text) {
      if (live(ctx)) out.write('stdout', text);
    },
    writeStderr(text) {
      if (live(ctx)) out.write('stderr', text);
    },
    setTimer(ms, fn) {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    },
  };
  ctx.shell = runCommandLine(parsed.ast, rt);
  const result = await ctx.shell.done;
  if (!live(ctx)) return;
  endRun(result, ctx.lastProgram);
}

/**
 * "Open shell": an interactive `jsh` from the WebContainer in the terminal, booting Node.js on
 * first use. Keys go to it raw (it echoes and edits lines itself); Stop ends it. Like a run,
 * it replaces whatever was running, and its end shows as an exit status.
 */
export async function openShell(): Promise<void> {
  const ctx = beginRun('jsh', { usesNode: true, shellOpen: true });
  runStarted(ctx.id);

  const node = nodeRuntime();
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
      useRunStore.setState({ foreground: true });
      focusTerminal();
    }
  });
  const result = await ctx.shell.done;
  if (ctx.nodeTarget === handle) ctx.nodeTarget = null;
  if (!live(ctx)) return;
  term.end();
  useNodeUi.setState({ shellOpen: false });
  endRun(result, ctx.lastProgram);
}
