/**
 * A scriptable engine for tests of what drives the engine (the run controller, the lesson
 * runner): each spawn hands a `FakeProcess` to the test's script, which writes output, asks
 * for input, reports timeline events and exits, with the exit record the real engine sends.
 * SIGKILL ends a fake process at once (137, killed by SIGKILL), as it ends a real one; other
 * signals are queued for the script to take with `nextSignal()`.
 */
import type { Engine, EngineStatus, ProcessListener, PythonProcess } from '../process';
import type { EngineNotice, ExitRecord, RunRequest, SignalName, TimelineEvent, WorkFile } from '../protocol';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Resolves the oldest waiter with the next item; items wait for a taker. */
class Queue<T> {
  private items: T[] = [];
  private waiters: ((item: T) => void)[] = [];
  push(item: T): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(item);
    else this.items.push(item);
  }
  take(): Promise<T> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift() as T);
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

export class FakeProcess implements PythonProcess {
  readonly exited: Promise<ExitRecord>;
  readonly started: Promise<void> = Promise.resolve();
  /** Every signal sent to the process, in order (SIGKILL included). */
  readonly signals: SignalName[] = [];
  /** Everything written to its stdin, decoded (`null` is end of input). */
  readonly stdin: (string | null)[] = [];
  private readonly signalQueue = new Queue<SignalName>();
  private readonly stdinQueue = new Queue<string | null>();
  private settle!: (record: ExitRecord) => void;
  private ended = false;

  constructor(
    readonly request: RunRequest,
    private readonly listener: ProcessListener,
  ) {
    this.exited = new Promise((resolve) => (this.settle = resolve));
  }

  get hasExited(): boolean {
    return this.ended;
  }

  sendSignal(sig: SignalName): void {
    this.signals.push(sig);
    if (sig === 'SIGKILL') this.exit({ status: 137, cause: 'signal', signal: 'SIGKILL' });
    else this.signalQueue.push(sig);
  }

  writeStdin(data: Uint8Array | null): void {
    const text = data === null ? null : decoder.decode(data);
    this.stdin.push(text);
    this.stdinQueue.push(text);
  }

  // What the script does, as a program in the engine would. What it says after its exit is
  // passed on too, as messages already in flight from a killed worker may be: the host side
  // must ignore what a run that is over still says.
  stdout(text: string): void {
    this.listener.stdout?.(encoder.encode(text));
  }
  stderr(text: string): void {
    this.listener.stderr?.(encoder.encode(text));
  }
  /** Blocks reading stdin: tells the host, then waits for what is typed. */
  readLine(): Promise<string | null> {
    this.listener.inputRequest?.();
    return this.stdinQueue.take();
  }
  nextSignal(): Promise<SignalName> {
    return this.signalQueue.take();
  }
  timeline(event: TimelineEvent): void {
    this.listener.timeline?.(event);
  }
  notice(notice: EngineNotice): void {
    this.listener.notice?.(notice);
  }
  files(files: WorkFile[]): void {
    this.listener.files?.(files);
  }
  /** Ends the process (once; a later exit, like one after SIGKILL, is ignored). */
  exit(record: ExitRecord): void {
    if (this.ended) return;
    this.ended = true;
    this.settle(record);
  }
}

export type FakeScript = (proc: FakeProcess) => void | Promise<void>;

export interface FakeEngine extends Engine {
  /** Every process spawned, in order. */
  readonly spawned: FakeProcess[];
  setStatus(status: Partial<EngineStatus>): void;
}

/** An engine whose every spawn runs `script` (default: exit 0 at once). */
export function createFakeEngine(script: FakeScript = (p) => p.exit({ status: 0, cause: 'end' })): FakeEngine {
  let status: EngineStatus = { state: 'ready', percent: 100, interactive: true, blocking: 'shared-memory', warm: 1 };
  const listeners = new Set<(s: EngineStatus) => void>();
  const spawned: FakeProcess[] = [];
  return {
    spawned,
    status: () => status,
    onStatus(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    setStatus(next) {
      status = { ...status, ...next };
      for (const cb of listeners) cb(status);
    },
    spawn(request, listener) {
      const proc = new FakeProcess(request, listener);
      spawned.push(proc);
      // The script starts after spawn() returns, as a real program starts in its worker.
      queueMicrotask(() => {
        void Promise.resolve(script(proc)).catch((err: unknown) =>
          proc.exit({ status: 1, cause: 'crash', message: err instanceof Error ? err.message : String(err) }),
        );
      });
      return proc;
    },
  };
}
