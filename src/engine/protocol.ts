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

/** Signals a host can send. SIGALRM is raised by the engine's own timer. */
export const SIGNALS = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGUSR2: 12,
  SIGALRM: 14,
  SIGTERM: 15,
} as const;
export type SignalName = keyof typeof SIGNALS;
export const SIGNAL_NAMES: Record<number, SignalName> = Object.fromEntries(
  Object.entries(SIGNALS).map(([name, num]) => [num, name as SignalName]),
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

/** One file of the program's working directory (issue: files persist like a disk). */
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

/** Timeline event; `kind` is one of the documented kinds, and `exit` is always last. */
export type TimelineEvent =
  | { kind: 'raise'; exception: 'SystemExit' | 'KeyboardInterrupt'; value?: string; line?: number }
  | { kind: 'caught'; exception: 'SystemExit' | 'KeyboardInterrupt'; line?: number }
  | { kind: 'finally'; line?: number }
  | { kind: 'context-exit'; name: string; line?: number; suppressed: boolean }
  | { kind: 'signal'; signal: SignalName | string; handler: string | null; line?: number }
  | { kind: 'atexit'; name: string; registeredLine?: number; failed?: boolean }
  | { kind: 'flush'; stream: 'stdout' | 'stderr'; bytes: number }
  | {
      kind: 'skipped';
      what: 'finally' | 'context-exit' | 'atexit' | 'buffered-output' | 'unknown';
      name?: string;
      line?: number;
      bytes?: number;
    }
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
export type EngineNotice = 'threads-simulated';

/** How a host words each notice (the page's terminal, the CLI on a terminal). */
export const NOTICE_TEXT: Record<EngineNotice, string> = {
  'threads-simulated':
    `exitlab: threads are simulated here: one runs at a time, switching when it waits and every ${TICK_MS} ms of running`,
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
