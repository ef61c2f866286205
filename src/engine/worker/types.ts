/**
 * What every part of the engine's worker shares: the slice of Pyodide it uses, what a host
 * hands the worker, how its programs block, and the run in progress.
 */
import type { BlockingPath, ExitRecord, HostToWorker, WorkerToHost } from '../protocol';
import type { ControlViews } from '../shared';
import type { Mailbox } from '../suspend';

export interface PyodideLike {
  version: string;
  runPython(code: string): unknown;
  pyimport(name: string): any;
  registerJsModule(name: string, module: object): void;
  setStdout(options: object): void;
  setStderr(options: object): void;
  setStdin(options: object): void;
  /** An Int32Array, or any object whose index 0 Pyodide reads (see `suspend.ts`). */
  setInterruptBuffer(buffer: Int32Array | { 0: number }): void;
  checkInterrupt(): void;
  makeMemorySnapshot(): Uint8Array;
  mountNodeFS?(emscriptenPath: string, hostPath: string): void;
  FS: any;
  _module: any;
}

export interface HarnessFiles {
  /** Path below the harness root (e.g. `_exitlab/run.py`) to source text. */
  files: Record<string, string>;
  /** Hash of the files, part of the snapshot key. */
  hash: string;
}

export interface WorkerEnvironment {
  /** Reads a snapshot from where the host keeps it (Node: a file; browser: Cache Storage). */
  readFile?(path: string): Promise<Uint8Array>;
  post(msg: WorkerToHost, transfer?: ArrayBuffer[]): void;
  onMessage(handler: (msg: HostToWorker) => void): void;
  loadPyodide(options: Record<string, unknown>): Promise<PyodideLike>;
  harness: HarnessFiles;
  /**
   * How much of its C stack (in WebAssembly memory) CPython may use for C-level recursion
   * before it raises RecursionError, sized to this worker's native stack (docs/recursion.md).
   * Absent: CPython's own limit (the whole 10 MiB), as before the guard.
   */
  cStackBudget?: number;
}

/** Where the harness package lives inside the interpreter's file system. */
export const HARNESS_ROOT = '/exitlab';

/**
 * Thrown to unwind out of Python when a run must stop dead without shared memory to block on.
 * Pyodide turns any other error a JavaScript function throws into a Python exception, which
 * the program's `except` or an ignored exception in a `__del__` would swallow, and the
 * program would go on; an error marked as Pyodide's own fatal kind passes every Python frame
 * to the JavaScript that entered Python.
 */
export class Freeze extends Error {
  readonly pyodide_fatal_error = true;
}

/** EXITLAB_DEBUG=1 (Node) prints where a worker's time goes. */
const DEBUG = typeof process !== 'undefined' && Boolean(process.env?.EXITLAB_DEBUG);
export function mark(what: string): void {
  if (DEBUG) console.error(`[exitlab worker ${performance.now().toFixed(1)}] ${what}`);
}

/** How this worker's programs reach the host when they block. */
export interface Blocking {
  control: ControlViews | null;
  mailbox: Mailbox | null;
  blocking: BlockingPath;
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/** What the host module's functions need of the run in progress (set when it starts). */
export interface RunState {
  pendingExit: ExitRecord | null;
  discarding: boolean;
  discarded: number;
  written: { stdout: number; stderr: number };
  finish(record: ExitRecord): void;
}
export interface RunRef {
  current: RunState | null;
}
