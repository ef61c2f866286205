/**
 * The host side of the engine, shared by the browser page and the Node CLI:
 * a pool of warm interpreters (each a worker booted from a memory snapshot)
 * and, per run, the process controller that delivers signals and stdin the
 * way a kernel and a terminal would.
 */
import type { Engine, EngineStatus, ProcessListener, PythonProcess } from './process';
import type { BlockingPath, BootInfo, Disposition, ExitRecord, HostToWorker, RunRequest, SignalName, SnapshotSource, WorkerToHost } from './protocol';
import { SIGNALS } from './protocol';
import {
  SLOT,
  STDIN_CAPACITY,
  drainOutput,
  STDIN_DATA,
  STDIN_EMPTY,
  STDIN_EOF,
  controlViews,
  createControlBuffer,
  ringDoorbell,
  type ControlViews,
} from './shared';

/** A worker as the host sees it (Web Worker or worker_threads). */
export interface WorkerHandle {
  post(msg: HostToWorker, transfer?: ArrayBuffer[]): void;
  onMessage(cb: (msg: WorkerToHost) => void): void;
  /** The worker died on its own (uncaught error, out of memory). */
  onError(cb: (message: string) => void): void;
  terminate(): void;
}

export type WorkerFactory = () => WorkerHandle;

/** Where a host keeps the memory snapshot (disk for Node, Cache Storage in a browser). */
export interface SnapshotStore {
  load(): Promise<SnapshotSource | null>;
  save(data: Uint8Array): Promise<void>;
}

const DEBUG = typeof process !== 'undefined' && Boolean(process.env?.EXITLAB_DEBUG);
function debugLog(...parts: string[]): void {
  console.error(`[exitlab ${performance.now().toFixed(1)}]`, ...parts);
}

/** Signals whose default action terminates the process. */
const TERMINATING: ReadonlySet<SignalName> = new Set(['SIGHUP', 'SIGINT', 'SIGUSR1', 'SIGUSR2', 'SIGALRM', 'SIGTERM']);
/**
 * How long a default-action signal may wait for the interpreter before the worker is torn
 * down (meant for a program stuck in a long C call). 1 s and then 3 s each failed once on a
 * CI machine whose two cores ran the corpus beside the engine tests.
 */
const DEFAULT_ACTION_GRACE_MS = 5000;
/**
 * How long a page waits after its first plain boot is done before making the snapshot.
 * Not sooner: on a 2-core machine a second boot alongside the first slowed both.
 */
const BACKGROUND_SNAPSHOT_DELAY_MS = 500;
/** A run has the machine to itself this long before the pool boots its replacement. */
const REFILL_AFTER_MS = 1000;
/**
 * After a run ends, the refill waits this long: long enough for the page to show the
 * exit first (starting a worker and handing it the snapshot is main-thread work).
 */
const REFILL_AFTER_EXIT_MS = 50;
/** Once it has started, how long the interpreter may take to finish a default action. */
const DEFAULT_ACTION_FINISH_MS = 3000;

interface BootedWorker {
  handle: WorkerHandle;
  control: ControlViews | null;
  info: BootInfo;
  /** Messages that arrived before a process took the worker over. */
  backlog: WorkerToHost[];
  listener: ((msg: WorkerToHost) => void) | null;
  errorListener: ((message: string) => void) | null;
  dead: string | null;
}

/**
 * Starts a worker at once (its script and Pyodide's start loading) and tells it to boot
 * once `snapshot` says from what: the snapshot lookup must not hold the worker back.
 */
function bootWorker(
  factory: WorkerFactory,
  snapshot: SnapshotSource | undefined | Promise<SnapshotSource | undefined>,
  useSharedMemory: boolean | number,
  suspend: boolean,
  hooks: { onProgress?: (percent: number, stage: string) => void; onSnapshot?: (data: Uint8Array) => void } = {},
): Promise<BootedWorker> {
  return new Promise((resolve, reject) => {
    const handle = factory();
    const sab = useSharedMemory
      ? createControlBuffer(typeof useSharedMemory === 'number' ? useSharedMemory : undefined)
      : undefined;
    const booted: BootedWorker = {
      handle,
      control: sab ? controlViews(sab) : null,
      info: { pythonVersion: '', pyodideVersion: '', fromSnapshot: false, bootMs: 0, blocking: sab ? 'shared-memory' : 'none' },
      backlog: [],
      listener: null,
      errorListener: null,
      dead: null,
    };
    let ready = false;
    handle.onMessage((msg) => {
      if (!ready) {
        if (msg.type === 'boot-progress') hooks.onProgress?.(msg.percent, msg.stage);
        else if (msg.type === 'snapshot') hooks.onSnapshot?.(msg.data);
        else if (msg.type === 'ready') {
          ready = true;
          booted.info = msg.info;
          resolve(booted);
        } else if (msg.type === 'fatal') {
          handle.terminate();
          reject(new Error(msg.message));
        }
        return;
      }
      if (booted.listener) booted.listener(msg);
      else booted.backlog.push(msg);
    });
    handle.onError((message) => {
      booted.dead = message;
      if (!ready) reject(new Error(message));
      else booted.errorListener?.(message);
    });
    Promise.resolve(snapshot).then(
      (source) => {
        const msg: HostToWorker = {
          type: 'boot',
          snapshot: source,
          control: sab,
          makeSnapshot: hooks.onSnapshot !== undefined,
          suspend: !sab && suspend,
        };
        handle.post(msg);
      },
      (err: unknown) => {
        handle.terminate();
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

export interface EnginePoolOptions {
  factory: WorkerFactory;
  snapshots: SnapshotStore | null;
  /** Interpreters kept booted and waiting (1 is usually enough). */
  warm: number;
  /** Workers block on shared memory (needs cross-origin isolation in a browser). */
  sharedMemory: boolean;
  /**
   * Without shared memory: let workers block by suspension where their JavaScript engine
   * can (JSPI). Each worker says in its boot info which path it took.
   */
  suspend?: boolean;
  /** Without a stored snapshot: make one before the first run (CLI) or after it (page). */
  snapshotIn?: 'foreground' | 'background';
  /** Bytes of output the worker may write ahead of the host (default 1 MiB). */
  outputCapacity?: number;
}

/** A pool of warm interpreters. Every run gets a fresh one; none is reused. */
export class EnginePool implements Engine {
  private readonly opts: EnginePoolOptions;
  private stored: Promise<SnapshotSource | null> | null = null;
  private made: Promise<Uint8Array | null> | null = null;
  private readonly ready: Promise<BootedWorker>[] = [];
  private current: EngineStatus;
  private readonly statusListeners = new Set<(s: EngineStatus) => void>();

  constructor(opts: EnginePoolOptions) {
    this.opts = opts;
    this.current = {
      state: 'booting',
      percent: 0,
      // Until a worker says which path it took, expect the one asked for.
      interactive: opts.sharedMemory || opts.suspend === true,
      blocking: opts.sharedMemory ? 'shared-memory' : undefined,
    };
  }

  status(): EngineStatus {
    return this.current;
  }

  onStatus(cb: (s: EngineStatus) => void): () => void {
    this.statusListeners.add(cb);
    return () => this.statusListeners.delete(cb);
  }

  private setStatus(s: Partial<EngineStatus>): void {
    this.current = { ...this.current, ...s };
    for (const cb of this.statusListeners) cb(this.current);
  }

  /** The stored snapshot, looked up once. */
  private storedSnapshot(): Promise<SnapshotSource | null> {
    if (!this.stored) {
      const store = this.opts.snapshots;
      this.stored = store
        ? store
            .load()
            .then((snap) => (snap instanceof Uint8Array ? this.shareable(snap) : snap))
            .catch(() => null)
        : Promise.resolve(null);
    }
    return this.stored;
  }

  /** Boots one interpreter from what `chooseSnapshot` decides; the worker starts at once. */
  private bootFromBestSource(onProgress: (percent: number, stage: string) => void): Promise<BootedWorker> {
    // bootWorker takes the ring size in place of `true`.
    const sharedMemory = this.opts.sharedMemory ? (this.opts.outputCapacity ?? true) : false;
    const choice = this.chooseSnapshot();
    const booted = bootWorker(
      this.opts.factory,
      choice.then((c) => c.source),
      sharedMemory,
      this.opts.suspend === true,
      { onProgress },
    );
    void choice.then((c) => {
      if (!c.makeAfterBoot) return;
      // The throwaway snapshot worker starts once this boot is done: on two cores it would slow it.
      booted.then(
        () => setTimeout(() => void this.makeAndStoreSnapshot(), BACKGROUND_SNAPSHOT_DELAY_MS),
        () => this.resolveMade(null),
      );
    });
    return booted;
  }

  /**
   * What an interpreter boots from: the stored snapshot when there is one. Without one:
   * in `foreground` mode (the CLI) a throwaway worker makes it first and the run boots
   * from it; in `background` mode (the page) this boot is plain, so a first visit waits
   * for one plain boot only, and the snapshot is made by a throwaway worker after it.
   *
   * A snapshotting interpreter is never used for a run: runs on one ended in
   * Pyodide fatal errors during finalization now and then (pyodide 314.0.7).
   */
  private async chooseSnapshot(): Promise<{ source?: SnapshotSource; makeAfterBoot?: boolean }> {
    const stored = await this.storedSnapshot();
    if (stored) {
      if (!this.current.snapshot) this.setStatus({ snapshot: 'loaded' });
      return { source: stored };
    }
    if (!this.opts.snapshots) return {};
    if (this.opts.snapshotIn === 'background') {
      if (this.made) {
        const made = await Promise.race([this.made, Promise.resolve(null)]);
        return made ? { source: made } : {};
      }
      this.made = new Promise((r) => (this.resolveMade = r));
      return { makeAfterBoot: true };
    }
    if (!this.made) {
      this.made = new Promise((r) => (this.resolveMade = r));
      void this.makeAndStoreSnapshot();
    }
    return { source: (await this.made) ?? undefined };
  }

  private resolveMade: (s: Uint8Array | null) => void = () => undefined;

  /**
   * The snapshot in shared memory, when workers share memory with us: each boot is then
   * handed it without a copy (a structured clone of it cost the page 35 ms per worker,
   * right when a run had ended). The worker copies it out of shared memory itself.
   */
  private shareable(snapshot: Uint8Array): Uint8Array {
    if (!this.opts.sharedMemory || typeof SharedArrayBuffer === 'undefined') return snapshot;
    const shared = new Uint8Array(new SharedArrayBuffer(snapshot.byteLength));
    shared.set(snapshot);
    return shared;
  }

  /** A throwaway worker boots plainly, takes the snapshot, and is terminated. */
  private async makeAndStoreSnapshot(): Promise<void> {
    const store = this.opts.snapshots;
    this.setStatus({ snapshot: 'making' });
    const made = await new Promise<Uint8Array | null>((resolve) => {
      const handle = this.opts.factory();
      handle.onMessage((msg) => {
        if (msg.type === 'snapshot') {
          handle.terminate();
          resolve(msg.data);
        } else if (msg.type === 'fatal') {
          handle.terminate();
          resolve(null);
        }
      });
      handle.onError(() => resolve(null));
      handle.post({ type: 'boot', makeSnapshot: true });
    });
    const saved = made && store ? await store.save(made).then(() => true, () => false) : false;
    this.setStatus({ snapshot: saved ? 'saved' : 'unavailable' });
    this.resolveMade(made ? this.shareable(made) : null);
  }

  private bootOne(): Promise<BootedWorker> {
    const p = this.bootFromBestSource((percent, stage) => {
      if (this.current.state === 'booting') this.setStatus({ percent: Math.max(this.current.percent, percent), message: stage });
    });
    p.then(
      (w) =>
        this.setStatus({
          state: 'ready',
          percent: 100,
          info: w.info,
          message: undefined,
          blocking: w.info.blocking,
          interactive: w.info.blocking !== 'none',
        }),
      (err: unknown) => {
        if (this.current.state !== 'ready') this.setStatus({ state: 'failed', message: String(err) });
      },
    );
    return p;
  }

  /** Keep `warm` interpreters booting or booted. */
  fill(): void {
    while (this.ready.length < this.opts.warm) {
      const p = this.bootOne();
      p.catch(() => undefined);
      this.ready.push(p);
      p.then(
        () => {
          this.booted.add(p);
          this.showWarm();
        },
        () => undefined,
      );
    }
  }

  private readonly booted = new WeakSet<Promise<BootedWorker>>();

  /** `warm` in the status: booted interpreters still in the pool (derived, never counted by hand). */
  private showWarm(): void {
    this.setStatus({ warm: this.ready.filter((p) => this.booted.has(p)).length });
  }

  /** Takes a booted (or booting) interpreter out of the pool (spawn refills it later). */
  private take(): Promise<BootedWorker> {
    const next = this.ready.shift();
    this.showWarm();
    return next ?? this.bootOne();
  }

  spawn(request: RunRequest, listener: ProcessListener): PythonProcess {
    const proc = new HostedProcess(this.take(), request, listener);
    // Refill once this run is over (or has had a second to itself): a boot started
    // now would compete with the run for the two cores it has.
    let refilled = false;
    const refill = () => {
      if (refilled) return;
      refilled = true;
      this.fill();
    };
    void proc.exited.then(() => setTimeout(refill, REFILL_AFTER_EXIT_MS));
    setTimeout(refill, REFILL_AFTER_MS);
    return proc;
  }

  /** Stop every warm worker (the CLI calls this before exiting). */
  dispose(): void {
    for (const p of this.ready.splice(0)) p.then((w) => w.handle.terminate(), () => undefined);
  }
}

/** One run: stdin queue, signal delivery, alarm timer, exit. */
export class HostedProcess implements PythonProcess {
  readonly exited: Promise<ExitRecord>;
  readonly started: Promise<void>;
  private resolveExit!: (r: ExitRecord) => void;
  private resolveStarted!: () => void;
  private worker: BootedWorker | null = null;
  private done = false;
  private readonly stdinQueue: (Uint8Array | null)[] = [];
  private readonly signalQueue: SignalName[] = [];
  private signalTimer: ReturnType<typeof setTimeout> | null = null;
  private alarmTimer: ReturnType<typeof setTimeout> | null = null;
  private graceTimer: ReturnType<typeof setTimeout> | null = null;
  private dispositions: Partial<Record<SignalName, Disposition>> = {};
  private pendingBeforeStart: { signals: SignalName[] } = { signals: [] };
  private readonly listener: ProcessListener;
  private readonly stdinIsTty: boolean;
  private outputPaused = false;
  /** The working directory as the program leaves it (browser disk), from file-changed reports. */
  private readonly disk: Map<string, Uint8Array> | null;
  private filesDelivered = false;

  constructor(worker: Promise<BootedWorker>, request: RunRequest, listener: ProcessListener) {
    this.listener = listener;
    this.stdinIsTty = request.stdio.stdin;
    this.disk = request.files && !request.mountHostDir ? new Map(request.files.map((f) => [f.path, f.data])) : null;
    this.exited = new Promise((r) => (this.resolveExit = r));
    this.started = new Promise((r) => (this.resolveStarted = r));
    worker.then(
      (w) => this.start(w, request),
      (err: unknown) => this.finish({ status: 1, cause: 'crash', message: `Python could not start: ${String(err)}` }),
    );
  }

  private start(w: BootedWorker, request: RunRequest): void {
    if (this.done) {
      w.handle.terminate();
      return;
    }
    this.worker = w;
    w.listener = (msg) => this.onMessage(msg);
    w.errorListener = (message) => this.crash(message);
    if (w.dead) {
      this.crash(w.dead);
      return;
    }
    const backlog = w.backlog.splice(0);
    for (const m of backlog) this.onMessage(m);
    if (!w.control) {
      // By message: on the suspension path typed input goes on arriving during the run;
      // on neither path, what was typed so far is all the program will get.
      for (const chunk of this.stdinQueue.splice(0)) this.postStdin(w, chunk);
      if (w.info.blocking === 'none') w.handle.post({ type: 'stdin', data: null });
    }
    w.handle.post({ type: 'run', request });
    this.resolveStarted();
    this.pumpStdin();
    for (const sig of this.pendingBeforeStart.signals.splice(0)) this.sendSignal(sig);
  }

  /** Hands the ring's output to the listener (everything the worker wrote before its latest message). */
  private drain(): void {
    const control = this.worker?.control;
    if (!control || this.outputPaused) return;
    drainOutput(control, (stream, data) => {
      const keepGoing = stream === 1 ? this.listener.stdout?.(data) : this.listener.stderr?.(data);
      if (keepGoing === false) this.outputPaused = true;
    });
  }

  /** The listener's sink can take more output again (after it returned false). */
  resumeOutput(): void {
    if (!this.outputPaused) return;
    this.outputPaused = false;
    if (this.done) return;
    this.drain();
    this.ack(0);
  }

  private unacked = 0;
  private ackQueued = false;

  /**
   * Suspension path: tell the worker how much output the listener has taken, once per turn
   * and not while the listener's sink is full, so the program waits as on a full pipe.
   */
  private ack(bytes: number): void {
    const w = this.worker;
    if (!w || w.info.blocking !== 'suspension') return;
    this.unacked += bytes;
    if (this.ackQueued || this.outputPaused || this.unacked === 0) return;
    this.ackQueued = true;
    queueMicrotask(() => {
      this.ackQueued = false;
      if (this.done || this.outputPaused || this.unacked === 0) return;
      w.handle.post({ type: 'output-ack', bytes: this.unacked });
      this.unacked = 0;
    });
  }

  private onMessage(msg: WorkerToHost): void {
    if (DEBUG) debugLog('message', msg.type === 'stdout' || msg.type === 'stderr' ? `${msg.type} ${msg.data.length}` : JSON.stringify(msg));
    if (this.done) return;
    // Output written before this message is in the ring: deliver it first, in order.
    this.drain();
    switch (msg.type) {
      case 'output':
        break;
      case 'file-changed':
        if (this.disk) {
          if (msg.data) this.disk.set(msg.path, msg.data);
          else this.disk.delete(msg.path);
        }
        break;
      case 'stdout':
      case 'stderr': {
        const keepGoing = msg.type === 'stdout' ? this.listener.stdout?.(msg.data) : this.listener.stderr?.(msg.data);
        this.ack(msg.data.length);
        if (keepGoing === false) this.outputPaused = true;
        break;
      }
      case 'input-request':
        this.listener.inputRequest?.();
        this.pumpStdin();
        break;
      case 'timeline':
        if (msg.event.kind === 'signal' && msg.event.handler !== null && this.graceTimer) {
          // Our view of the dispositions lagged: the program had installed a handler.
          clearTimeout(this.graceTimer);
          this.graceTimer = null;
        } else if (msg.event.kind === 'signal' && msg.event.handler === null && this.graceTimer) {
          // The interpreter is carrying out the default action itself (listing what it
          // skips); give it time, but not forever.
          clearTimeout(this.graceTimer);
          const sig = msg.event.signal as SignalName;
          this.graceTimer = setTimeout(() => this.killedBy(sig), DEFAULT_ACTION_FINISH_MS);
        }
        this.listener.timeline?.(msg.event);
        break;
      case 'notice':
        this.listener.notice?.(msg.notice);
        break;
      case 'files':
        this.filesDelivered = true;
        this.listener.files?.(msg.files);
        break;
      case 'alarm':
        this.setAlarm(msg.seconds, msg.interval);
        break;
      case 'dispositions':
        this.dispositions = { ...this.dispositions, ...msg.handlers };
        break;
      case 'exit':
        this.finish(msg.record);
        break;
      case 'fatal':
        this.crash(msg.message);
        break;
      default:
        break;
    }
  }

  private crash(message: string): void {
    const oom = /memory/i.test(message);
    this.finish({ status: 1, cause: 'crash', message: oom ? `out of memory: ${message}` : message });
  }

  private finish(record: ExitRecord, skippedUnknown = false): void {
    if (this.done) return;
    // What the program wrote before it died was already written: it reaches the terminal.
    this.outputPaused = false;
    this.drain();
    this.done = true;
    for (const t of [this.signalTimer, this.alarmTimer, this.graceTimer]) if (t) clearTimeout(t);
    this.worker?.handle.terminate();
    if (this.disk && !this.filesDelivered) {
      // Killed before it could list its files: what it had closed is on the disk.
      this.listener.files?.([...this.disk].map(([path, data]) => ({ path, data })));
    }
    if (skippedUnknown) this.listener.timeline?.({ kind: 'skipped', what: 'unknown' });
    this.listener.timeline?.({ kind: 'exit', ...record });
    this.resolveExit(record);
  }

  writeStdin(data: Uint8Array | null): void {
    if (this.done) return;
    if (data && data.length === 0) return;
    const w = this.worker;
    if (w && w.info.blocking === 'suspension') {
      this.postStdin(w, data);
      return;
    }
    if (w && !w.control) return; // not interactive: input only before Run
    this.stdinQueue.push(data);
    this.pumpStdin();
  }

  /** Typed input by message: a terminal in canonical mode hands a read at most one line. */
  private postStdin(w: BootedWorker, data: Uint8Array | null): void {
    if (data === null || !this.stdinIsTty) {
      w.handle.post({ type: 'stdin', data });
      return;
    }
    let start = 0;
    while (start < data.length) {
      const nl = data.indexOf(10, start);
      const end = nl < 0 ? data.length : nl + 1;
      w.handle.post({ type: 'stdin', data: data.slice(start, end) });
      start = end;
    }
  }

  /** Put the next piece of typed input into the worker's mailbox, if it is empty. */
  private pumpStdin(): void {
    const w = this.worker;
    if (!w || !w.control || this.done) return;
    const { ints, stdinBytes } = w.control;
    if (Atomics.load(ints, SLOT.STDIN_STATE) !== STDIN_EMPTY || this.stdinQueue.length === 0) return;
    const head = this.stdinQueue[0]!;
    if (head === null) {
      // A pipe or file stays at end of input; a terminal's Ctrl+D ends one read only.
      if (this.stdinIsTty || this.stdinQueue.length > 1) this.stdinQueue.shift();
      Atomics.store(ints, SLOT.STDIN_STATE, STDIN_EOF);
    } else {
      // A terminal in canonical mode hands a read at most one line.
      let n = Math.min(head.length, STDIN_CAPACITY);
      if (this.stdinIsTty) {
        const nl = head.indexOf(10);
        if (nl >= 0 && nl + 1 < n) n = nl + 1;
      }
      stdinBytes.set(head.subarray(0, n));
      if (n < head.length) this.stdinQueue[0] = head.subarray(n);
      else this.stdinQueue.shift();
      Atomics.store(ints, SLOT.STDIN_LEN, n);
      Atomics.store(ints, SLOT.STDIN_STATE, STDIN_DATA);
    }
    ringDoorbell(ints);
  }

  /** The host's stdout went away (a closed pipe): the program's writes now fail with EPIPE. */
  stdoutClosed(): void {
    const w = this.worker;
    if (w?.control) Atomics.store(w.control.ints, SLOT.STDOUT_CLOSED, 1);
    else if (w?.info.blocking === 'suspension') w.handle.post({ type: 'stdout-closed' });
  }

  sendSignal(sig: SignalName): void {
    if (DEBUG) debugLog('sendSignal', sig, JSON.stringify(this.dispositions));
    if (this.done) return;
    if (sig === 'SIGKILL') {
      this.finish({ status: 128 + SIGNALS.SIGKILL, cause: 'signal', signal: 'SIGKILL' }, true);
      return;
    }
    const w = this.worker;
    if (!w) {
      this.pendingBeforeStart.signals.push(sig);
      return;
    }
    if (w.info.blocking === 'suspension') {
      // The worker queues signals itself and hands them over one at a time.
      w.handle.post({ type: 'signal', signum: SIGNALS[sig] });
      this.armDefaultActionGrace(sig);
      return;
    }
    if (!w.control) return; // neither path: signals cannot reach the interpreter
    this.signalQueue.push(sig);
    this.pumpSignals();
  }

  /** Pyodide's interrupt buffer holds one signal: deliver queued ones as it frees. */
  private pumpSignals(): void {
    const w = this.worker;
    if (!w?.control || this.done) return;
    const { ints } = w.control;
    while (this.signalQueue.length > 0 && Atomics.load(ints, SLOT.INTERRUPT) === 0) {
      const sig = this.signalQueue.shift()!;
      Atomics.store(ints, SLOT.INTERRUPT, SIGNALS[sig]);
      ringDoorbell(ints);
      this.armDefaultActionGrace(sig);
      if (this.signalQueue.length > 0) break;
    }
    if (this.signalQueue.length > 0 && !this.signalTimer) {
      this.signalTimer = setTimeout(() => {
        this.signalTimer = null;
        this.pumpSignals();
      }, 1);
    }
  }

  /**
   * A default-action signal is carried out by the interpreter itself (so it can
   * say what it skipped); if it is stuck in a long C call, the host ends it.
   */
  private armDefaultActionGrace(sig: SignalName): void {
    const disposition = this.dispositions[sig] ?? (sig === 'SIGINT' ? 'handler' : 'default');
    if (disposition !== 'default' || !TERMINATING.has(sig) || this.graceTimer) return;
    this.graceTimer = setTimeout(() => this.killedBy(sig), DEFAULT_ACTION_GRACE_MS);
  }

  private killedBy(sig: SignalName): void {
    this.finish({ status: 128 + (SIGNALS[sig] ?? 0), cause: 'signal', signal: sig }, true);
  }

  private setAlarm(seconds: number, interval: number): void {
    if (this.alarmTimer) clearTimeout(this.alarmTimer);
    this.alarmTimer = null;
    if (seconds <= 0) return;
    const fire = (after: number) => {
      this.alarmTimer = setTimeout(() => {
        this.alarmTimer = null;
        this.sendSignal('SIGALRM');
        if (interval > 0) fire(interval * 1000);
      }, after);
    };
    fire(seconds * 1000);
  }
}
