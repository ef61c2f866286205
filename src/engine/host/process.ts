/**
 * One run as the host sees it: the process controller that delivers stdin and signals the
 * way a kernel and a terminal would (through shared memory or by message, per worker),
 * keeps the alarm timer, carries out default actions the interpreter cannot, and reports
 * the exit once.
 */
import type { ProcessListener, PythonProcess } from '../process';
import type { Disposition, ExitRecord, RunRequest, SignalName, WorkerToHost } from '../protocol';
import { SIGNALS, TERMINATING_SIGNALS } from '../protocol';
import { SLOT, STDIN_CAPACITY, STDIN_DATA, STDIN_EMPTY, STDIN_EOF, drainOutput, ringDoorbell } from '../shared';
import { crashRecord } from '../crash';
import { DEBUG, debugLog } from './debug';
import type { BootedWorker } from './worker-boot';

/** Signals whose default action terminates the process. */
/**
 * How long a default-action signal may wait for the interpreter before the worker is torn
 * down (meant for a program stuck in a long C call). 1 s and then 3 s each failed once on a
 * CI machine whose two cores ran the corpus beside the engine tests.
 */
const DEFAULT_ACTION_GRACE_MS = 5000;
/** Once it has started, how long the interpreter may take to finish a default action. */
const DEFAULT_ACTION_FINISH_MS = 3000;

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
    w.errorListener = (message) => this.crash(message, true);
    if (w.dead) {
      this.crash(w.dead, true);
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

  /** The interpreter died: `lost` when the worker itself went away rather than reporting it. */
  private crash(message: string, lost = false): void {
    this.finish(crashRecord(message, lost));
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
    if (disposition !== 'default' || !TERMINATING_SIGNALS.has(sig) || this.graceTimer) return;
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
