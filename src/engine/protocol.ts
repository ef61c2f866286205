/**
 * The message protocol between a host (browser page, Node CLI) and the engine
 * running in a worker (Web Worker or worker_threads). Shared by every host.
 *
 * Control that must reach a worker that is blocked inside Python (signals,
 * stdin) travels one of two ways, chosen per worker (`BlockingPath`): through a
 * SharedArrayBuffer (see `shared.ts`), because a worker blocked in
 * `Atomics.wait` cannot read its message queue; or, where WebAssembly can be
 * suspended on a promise (see `suspend.ts`), as messages the suspended worker
 * still receives.
 */

import { TICK_MS } from './suspend';

/**
 * Every signal the engine knows, one row each; everything else is derived from this table:
 * the page's buttons and menu, the exit descriptions, the lesson schema, the shell's
 * `timeout -s`, the CLI's forwarding and the harness's list of emulated signals (it gets
 * the table when the interpreter is prepared). A new signal is one row here.
 *
 * - `action`: what the signal does when nothing handles it: `terminate` (the process dies
 *   of it; SIGINT's default Python handler raises KeyboardInterrupt first) or `kill`
 *   (cannot be caught, blocked or ignored).
 * - `from`: where a person sends it from: a `button` of the page (and a lesson script), the
 *   page's `menu` of more signals (and a lesson script), or `engine` (raised by the engine's
 *   own timer, `signal.alarm`, or by `timeout -s ALRM`).
 * - `forwarded`: the `exitlab` command passes it on to the program when it receives it.
 * - `hint`: the button's or menu item's explanation (a button's title is `Send NAME, hint`).
 */
export const SIGNAL_TABLE = [
  { name: 'SIGHUP', number: 1, action: 'terminate', from: 'menu', forwarded: true, hint: 'hang-up: the terminal went away' },
  {
    name: 'SIGINT',
    number: 2,
    action: 'terminate',
    from: 'button',
    forwarded: true,
    hint: 'like Ctrl+C in the terminal (default: KeyboardInterrupt)',
  },
  { name: 'SIGKILL', number: 9, action: 'kill', from: 'menu', forwarded: false, hint: 'kill at once: nothing can catch it' },
  { name: 'SIGUSR1', number: 10, action: 'terminate', from: 'menu', forwarded: true, hint: 'user-defined signal 1' },
  { name: 'SIGUSR2', number: 12, action: 'terminate', from: 'menu', forwarded: true, hint: 'user-defined signal 2' },
  { name: 'SIGALRM', number: 14, action: 'terminate', from: 'engine', forwarded: true, hint: 'the alarm clock (signal.alarm, timeout -s ALRM)' },
  {
    name: 'SIGTERM',
    number: 15,
    action: 'terminate',
    from: 'button',
    forwarded: true,
    hint: 'like kill PID or a container stopping (default: die at once, no cleanup)',
  },
] as const satisfies readonly {
  name: `SIG${string}`;
  number: number;
  action: 'terminate' | 'kill';
  from: 'button' | 'menu' | 'engine';
  forwarded: boolean;
  hint: string;
}[];

export type SignalRow = (typeof SIGNAL_TABLE)[number];
export type SignalName = SignalRow['name'];
/** The signals a person can send: the page's buttons and menu, a lesson's script. */
export type SendableSignal = Extract<SignalRow, { from: 'button' | 'menu' }>['name'];

/** Signal numbers by name. */
export const SIGNALS = Object.fromEntries(SIGNAL_TABLE.map((r) => [r.name, r.number])) as Record<SignalName, number>;
export const SIGNAL_NAMES: Record<number, SignalName> = Object.fromEntries(SIGNAL_TABLE.map((r) => [r.number, r.name]));

export function isSignalName(name: string): name is SignalName {
  return SIGNAL_TABLE.some((r) => r.name === name);
}

/** The signals a person can send, in the table's order. */
export const SENDABLE_SIGNALS = SIGNAL_TABLE.filter((r) => r.from !== 'engine').map((r) => r.name) as SendableSignal[];
/** The signals the `exitlab` command passes on to the program. */
export const FORWARDED_SIGNALS = SIGNAL_TABLE.filter((r) => r.forwarded).map((r) => r.name);
/** The signals whose default action the harness emulates (all that can be caught). */
export const TERMINATING_SIGNALS: ReadonlySet<SignalName> = new Set(
  SIGNAL_TABLE.filter((r) => r.action === 'terminate').map((r) => r.name),
);

/** Whether each standard stream answers `isatty()` with True. */
export interface StdioTtys {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
}

/**
 * `tty`: the terminal panel's default, every stream is a terminal and stdout
 * is line-buffered. `pipe`: `python main.py | cat`, stdout is a pipe and
 * block-buffered (8 KiB); stdin and stderr stay the terminal.
 */
export type OutputMode = 'tty' | 'pipe';

export function stdioForMode(mode: OutputMode): StdioTtys {
  return { stdin: true, stdout: mode === 'tty', stderr: true };
}

/** One file of the program's working directory (files persist between runs, like a disk). */
export interface WorkFile {
  path: string; // relative to the working directory
  data: Uint8Array;
}

export interface RunRequest {
  /** The program's source text. */
  source: string;
  /** File name as the program sees it (`__file__`, tracebacks), absolute inside the engine. */
  filename: string;
  /** `sys.argv`, argv[0] included. */
  argv: string[];
  stdio: StdioTtys;
  /** Extra environment variables (NO_COLOR, PYTHONUNBUFFERED, ...). */
  env?: Record<string, string>;
  /** Working directory inside the engine. */
  cwd?: string;
  /** Files to place in `cwd` before the run (browser disk). */
  files?: WorkFile[];
  /** A host directory to mount at `cwd` (Node only: the real disk). */
  mountHostDir?: string;
  /** Record timeline events (sys.monitoring). Default true. */
  timeline?: boolean;
  /** Terminal size reported to the program (os.get_terminal_size). */
  terminalSize?: { columns: number; rows: number };
}

/** What ended a run: the exit record's cause, the same everywhere a run's end is reported. */
export type ExitCause = 'end' | 'sys.exit' | 'exception' | 'os._exit' | 'signal' | 'crash';

export interface ExitRecord {
  status: number;
  cause: ExitCause;
  /** repr() of the SystemExit argument. */
  value?: string;
  /** Innermost line of the user's file where the exit started. */
  line?: number;
  /** Exception type, for `exception` (and KeyboardInterrupt). */
  type?: string;
  /** Signal name when killed by a signal. */
  signal?: SignalName;
  /** Bytes of stdout that were still buffered and lost (os._exit, default-action signals). */
  lostBytes?: number;
  /** Free text for crashes. */
  message?: string;
}

/**
 * Timeline event; `kind` is one of the documented kinds, and `exit` is always last. Every
 * field the harness sends is declared here.
 */
export type TimelineEvent =
  | { kind: 'raise'; exception: 'SystemExit' | 'KeyboardInterrupt'; value?: string; line?: number }
  | {
      kind: 'caught';
      exception: 'SystemExit' | 'KeyboardInterrupt';
      line?: number;
      /** How it was caught when not by an `except`: a `return` in a `finally` discarded it. */
      via?: 'return-in-finally';
    }
  | { kind: 'finally'; line?: number }
  | { kind: 'context-exit'; name: string; line?: number; suppressed: boolean }
  | { kind: 'signal'; signal: SignalName | string; handler: string | null; line?: number }
  | {
      kind: 'atexit';
      name: string;
      registeredLine?: number;
      /** The handler raised (CPython prints the exception and goes on with the next one). */
      failed?: boolean;
      /** Its place among the handlers registered when shutdown began: `order` of `of`. */
      order?: number;
      of?: number;
    }
  | { kind: 'flush'; stream: 'stdout' | 'stderr'; bytes: number }
  | {
      kind: 'skipped';
      what: 'finally' | 'context-exit' | 'atexit' | 'buffered-output' | 'unknown';
      name?: string;
      line?: number;
      bytes?: number;
      /** For a skipped atexit handler: the line that registered it. */
      registeredLine?: number;
    }
  /** Something about the timeline itself (it stopped early, and why); not a step of the program. */
  | { kind: 'note'; text: string }
  | ({ kind: 'exit' } & ExitRecord);

/**
 * How a blocked program waits for the host: `shared-memory` (Atomics on a
 * SharedArrayBuffer; needs cross-origin isolation in a browser), `suspension`
 * (JSPI: the program suspends on a promise, messages still arrive), or `none`
 * (neither: input only before the run, no signals).
 */
export type BlockingPath = 'shared-memory' | 'suspension' | 'none';

/**
 * A memory snapshot as a worker is handed it: its bytes (in shared memory where workers
 * share it), a Blob (passed by reference, read by the worker), or a file or cache entry.
 */
export type SnapshotSource = Uint8Array | Blob | { path: string };

/** Host -> worker messages. */
export type HostToWorker =
  | {
      type: 'boot';
      /** SharedArrayBuffer laid out by `shared.ts`; absent without cross-origin isolation. */
      control?: SharedArrayBuffer;
      /**
       * Memory snapshot to boot from, as bytes or as a place the worker reads itself
       * (Node: a file; browser: a Cache Storage URL), sparing the host a read and a
       * 31 MB copy; absent: boot plainly.
       */
      snapshot?: SnapshotSource;
      /** Ask the worker to make a snapshot after booting plainly. */
      makeSnapshot?: boolean;
      /** Without `control`: block by suspension when this JavaScript engine can. */
      suspend?: boolean;
    }
  | { type: 'run'; request: RunRequest }
  /**
   * Without a SharedArrayBuffer, typed input arrives as messages: on the suspension path at
   * any time (one message per line of a terminal), otherwise only before the run. `null`: EOF.
   */
  | { type: 'stdin'; data: Uint8Array | null }
  /** Suspension path: a signal for the program (delivered the way `shared.ts`'s slot is). */
  | { type: 'signal'; signum: number }
  /** Suspension path: the reader of stdout went away; writes now fail with EPIPE. */
  | { type: 'stdout-closed' }
  /** Suspension path: the host has taken this many bytes of output (the writer's window reopens). */
  | { type: 'output-ack'; bytes: number };

export interface BootInfo {
  pythonVersion: string;
  pyodideVersion: string;
  fromSnapshot: boolean;
  bootMs: number;
  /** How this worker's programs block (what the host must use to reach them). */
  blocking: BlockingPath;
}

/**
 * What a signal would do to the program now: its default action, nothing, its handler, or
 * wait (`blocked` by pthread_sigmask: delivered when the program unblocks it).
 */
export type Disposition = 'default' | 'ignore' | 'handler' | 'blocked';

/** What a worker may say beside a program's output (see the `notice` message). */
export type EngineNotice =
  | 'threads-simulated'
  | 'sandbox-fork'
  | 'sandbox-system'
  | 'sandbox-subprocess'
  | 'sandbox-multiprocessing'
  | 'sandbox-raw-socket';

/** Where the sandbox's limits are listed (a page of the repository's docs). */
export const SANDBOX_DOC = 'docs/sandbox.md';
const noProcesses = (what: string): string =>
  `exitlab: ${what} cannot start a process here: Python runs in WebAssembly in one worker, with no processes to start (Python's own error says what failed; see ${SANDBOX_DOC})`;

/** How a host words each notice (the page's terminal, the CLI on a terminal). */
export const NOTICE_TEXT: Record<EngineNotice, string> = {
  'threads-simulated':
    `exitlab: threads are simulated here: one runs at a time, switching when it waits and every ${TICK_MS} ms of running`,
  'sandbox-fork': noProcesses('os.fork()'),
  'sandbox-system': noProcesses('os.system()'),
  'sandbox-subprocess': noProcesses('subprocess'),
  'sandbox-multiprocessing': noProcesses("multiprocessing's Process.start()"),
  'sandbox-raw-socket': `exitlab: raw sockets do not exist here: Python runs in WebAssembly with no network interface of its own (see ${SANDBOX_DOC})`,
};

/** Worker -> host messages. */
export type WorkerToHost =
  | { type: 'boot-progress'; percent: number; stage: string }
  | { type: 'ready'; info: BootInfo }
  | { type: 'snapshot'; data: Uint8Array }
  /** Output without shared memory (one message per write). */
  | { type: 'stdout'; data: Uint8Array }
  | { type: 'stderr'; data: Uint8Array }
  /** Output is waiting in the shared ring buffer: drain it. */
  | { type: 'output' }
  /** A file of the working directory was closed, renamed or deleted (`data` null). */
  | { type: 'file-changed'; path: string; data: Uint8Array | null }
  /** The program is blocked reading stdin (prompt already sent). */
  | { type: 'input-request' }
  /** signal.alarm / setitimer: the host keeps the timer. `seconds` 0 cancels. */
  | { type: 'alarm'; seconds: number; interval: number }
  /** Signal dispositions changed (so the host knows what a signal would do). */
  | { type: 'dispositions'; handlers: Partial<Record<SignalName, Disposition>> }
  | { type: 'timeline'; event: TimelineEvent }
  /**
   * Something the person running the program should know that is not the program's output:
   * `threads-simulated`, sent when a run starts its first thread on the suspension path.
   */
  | { type: 'notice'; notice: EngineNotice }
  | { type: 'files'; files: WorkFile[] }
  | { type: 'exit'; record: ExitRecord }
  | { type: 'fatal'; message: string };
