/**
 * Blocking by suspension: the engine's path where WebAssembly can be suspended
 * while JavaScript awaits a promise (JSPI, Pyodide's `run_sync`), so no shared
 * memory is needed. The program is entered with `callPromising`; whenever it
 * blocks (sleep, input, pause) Python suspends on a promise from the mailbox
 * below, and the worker's event loop keeps receiving the host's messages:
 * signals, typed input, a closed stdout.
 *
 * A program that never blocks (`while True: pass`) would never let a message
 * in. So the interrupt buffer Pyodide's eval loop reads every 50 checks is
 * filled in by a getter (`installInterruptPoll`): it hands over a pending
 * signal when there is one, and every `TICK_MS` of running it answers
 * `TICK_SIGNAL`, whose Python handler suspends for one macrotask so queued
 * messages are delivered.
 *
 * One file: the mailbox, the interrupt poll and the tick are one mechanism; each relies on
 * what the others do with the same pending signals and waits.
 */

import type { BlockingPath } from './protocol';

/**
 * The signal number the tick travels on: SIGRTMAX (Pyodide's NSIG is 65), which no lesson
 * or host uses; the harness installs its handler at the C level and hides it from programs.
 */
export const TICK_SIGNAL = 64;
/** How long Python may run without letting the worker's messages in. */
export const TICK_MS = 50;
/**
 * The poll reads the clock only every this many times it is asked: Pyodide looks at its
 * buffer every 50 of the eval loop's checks and asks three times per look.
 */
const CLOCK_EVERY = 24;

/**
 * Bytes of output the program may have sent and the host not yet taken: past this, the
 * next poll ticks and the program suspends until the host catches up (as a writer waits
 * on a full pipe), so a print flood cannot bury the page in messages.
 */
export const OUTPUT_WINDOW = 64 * 1024;

/** What a read of stdin resolves to besides bytes. */
export const STDIN_READ_EOF = -1;
export const STDIN_READ_INTERRUPTED = -2;

/** What a thread's park resolves to (the harness's hostlink.py has the same numbers). */
export const PARK_TIMEOUT = 0;
export const PARK_WOKEN = 1;
export const PARK_SIGNAL = 2;

export type Clock = () => number;

/**
 * What reaches a suspended program by message: signals, stdin, the state of stdout.
 * Every wait resolves on whichever comes first: its timeout, typed input, a signal.
 */
export class Mailbox {
  private readonly signals: number[] = [];
  private readonly stdin: (Uint8Array | null)[] = [];
  private readonly wakers = new Set<() => void>();
  /** Signals are handed to Python only once its dispatcher is installed. */
  signalsReady = false;
  stdoutClosed = false;
  /** A terminal's Ctrl+D ends one read; a pipe stays at end of input. */
  stdinIsTty = true;
  /**
   * True from the moment the program suspends until it is back on its own stack. Meanwhile
   * Python code runs only in callbacks (Pyodide settling the awaited future), where a signal
   * handler must not run: the poll hands nothing over until the program has resumed.
   */
  suspended = false;
  /** A tick was handed over and its handler has not reached the host yet (no second one meanwhile). */
  ticking = false;
  /** Output sent to the host and not yet acknowledged. */
  unacked = 0;
  /**
   * Whether the stack running now is the main thread's: signals are handed to Python only
   * there (CPython runs handlers in the main thread; a parked main thread is woken instead).
   */
  mainRunning = true;
  /**
   * How many times a stack has started or resumed running: the tick counts running time
   * from the latest (time spent suspended, or waiting in the pool, is not running).
   */
  resumes = 0;
  /** Parked threads by number (0: main), each with what ends its park. */
  private readonly parked = new Map<number, { finish: (outcome: number) => void; forget: () => void }>();
  /** Threads unparked while they were not parked: their next park returns at once. */
  private readonly permits = new Set<number>();
  /** After the atexit handlers no thread but the main one resumes (daemon threads stay put). */
  private abandoned = false;

  sent(bytes: number): void {
    this.unacked += bytes;
  }

  acked(bytes: number): void {
    this.unacked = Math.max(0, this.unacked - bytes);
    this.wake();
  }

  outputBlocked(): boolean {
    return this.unacked > OUTPUT_WINDOW;
  }

  /** Resolves once the host has taken half the window back, or a signal is pending. */
  drained(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.unacked > OUTPUT_WINDOW / 2 && !this.hasSignal()) return false;
        this.wakers.delete(check);
        resolve();
        return true;
      };
      if (!check()) this.wakers.add(check);
    });
  }

  constructor(private readonly onInputRequest: () => void = () => undefined) {}

  pushSignal(signum: number): void {
    this.signals.push(signum);
    this.wake();
  }

  pushStdin(data: Uint8Array | null): void {
    this.stdin.push(data);
    this.wake();
  }

  hasSignal(): boolean {
    return this.signalsReady && this.signals.length > 0;
  }

  /** The next pending signal, 0 when none (or before the dispatcher is ready). */
  takeSignal(): number {
    return this.signalsReady ? (this.signals.shift() ?? 0) : 0;
  }

  private wake(): void {
    if (this.abandoned) return;
    for (const w of [...this.wakers]) w();
  }

  /** Resolves true as soon as a signal is pending, false when `ms` have passed. */
  wait(ms: number): Promise<boolean> {
    if (this.hasSignal()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        this.wakers.delete(onWake);
        clearTimeout(timer);
        resolve(this.hasSignal());
      };
      const onWake = () => {
        if (this.hasSignal()) done();
      };
      this.wakers.add(onWake);
      const timer = setTimeout(done, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    });
  }

  /**
   * Park thread `n` until `unpark(n)`, `ms` (negative: no limit) or, when `interruptible`
   * (the main thread), a pending signal: resolves to PARK_WOKEN, PARK_TIMEOUT or PARK_SIGNAL.
   */
  park(n: number, ms: number, interruptible: boolean): Promise<number> {
    if (this.abandoned) return new Promise(() => undefined);
    if (this.permits.delete(n)) return Promise.resolve(PARK_WOKEN);
    if (interruptible && this.hasSignal()) return Promise.resolve(PARK_SIGNAL);
    return new Promise((resolve) => {
      const finish = (outcome: number) => {
        forget();
        resolve(outcome);
      };
      const onWake = () => {
        if (interruptible && this.hasSignal()) finish(PARK_SIGNAL);
      };
      const timer = ms >= 0 ? setTimeout(() => finish(PARK_TIMEOUT), Math.min(ms, 2 ** 31 - 1)) : undefined;
      const forget = () => {
        this.parked.delete(n);
        this.wakers.delete(onWake);
        if (timer !== undefined) clearTimeout(timer);
      };
      this.parked.set(n, { finish, forget });
      if (interruptible) this.wakers.add(onWake);
    });
  }

  unpark(n: number): void {
    if (this.abandoned) return;
    const park = this.parked.get(n);
    if (park) park.finish(PARK_WOKEN);
    else this.permits.add(n);
  }

  /** A stack (the main thread's or not) starts or is back running after a suspension. */
  resumed(main: boolean): void {
    this.suspended = false;
    this.ticking = false;
    this.mainRunning = main;
    this.resumes++;
  }

  /** No parked thread resumes again: their timers are cleared and their promises never settle. */
  abandonThreads(): void {
    this.abandoned = true;
    for (const park of [...this.parked.values()]) park.forget();
    this.permits.clear();
  }

  /** A read that cannot wait: what has been typed already, else `STDIN_READ_EOF`. */
  readNow(max: number): Uint8Array | number {
    const head = this.stdin[0];
    if (head === undefined || head === null) {
      if (head === null && (this.stdinIsTty || this.stdin.length > 1)) this.stdin.shift();
      return STDIN_READ_EOF;
    }
    const n = Math.min(head.length, max);
    if (n < head.length) this.stdin[0] = head.subarray(n);
    else this.stdin.shift();
    return head.slice(0, n);
  }

  /**
   * One read of at most `max` bytes (a terminal hands a read at most one line, and the
   * host sends typed input line by line): bytes, `STDIN_READ_EOF`, or
   * `STDIN_READ_INTERRUPTED` when a signal came first (the caller runs its handler and,
   * if that returns, reads again, as CPython does). Only the main thread's reads are
   * interrupted (`interruptible`): another thread reads on through a signal.
   */
  read(max: number, interruptible = true): Promise<Uint8Array | number> {
    return new Promise((resolve) => {
      // What is typed already is read without blocking, so no signal can interrupt it.
      const attempt = (): boolean => {
        if (this.stdin.length > 0) resolve(this.readNow(max));
        else if (interruptible && this.hasSignal()) resolve(STDIN_READ_INTERRUPTED);
        else return false;
        return true;
      };
      if (attempt()) return;
      const onWake = () => {
        if (attempt()) this.wakers.delete(onWake);
      };
      this.wakers.add(onWake);
      this.onInputRequest();
    });
  }
}

/** One macrotask turn (MessageChannel: no 4 ms clamping as nested timers have). */
export function macrotask(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  // Node: an idle port must not keep the worker alive.
  (channel.port1 as { unref?: () => void }).unref?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

/**
 * What one of Pyodide's periodic looks at its interrupt buffer answers: a pending signal,
 * or the tick once `TICK_MS` of running have passed, else 0.
 */
export function interruptPoll(mailbox: Mailbox, clock: Clock = () => performance.now()): () => number {
  let polls = 0;
  let since = -1;
  let nextTick = 0;
  return () => {
    if (mailbox.suspended) return 0;
    const signum = mailbox.mainRunning ? mailbox.takeSignal() : 0;
    if (signum !== 0) return signum;
    if (mailbox.ticking) return 0;
    if (!mailbox.outputBlocked()) {
      if (++polls % CLOCK_EVERY !== 0) return 0;
      const now = clock();
      if (since !== mailbox.resumes) {
        since = mailbox.resumes;
        nextTick = now + TICK_MS;
      }
      if (now < nextTick) return 0;
      nextTick = now + TICK_MS;
    }
    mailbox.ticking = true;
    return TICK_SIGNAL;
  };
}

/** The property of Pyodide's module object its signal check reads the buffer from. */
export const SIGNAL_BUFFER_PROPERTY = 'Py_EmscriptenSignalBuffer';

/**
 * Make Pyodide's interrupt buffer answer `poll`. Its periodic check (every 50 of the eval
 * loop's checks) reads `module.Py_EmscriptenSignalBuffer[0]` and, when that is non-zero,
 * writes 0 back there and trips the signal. The module's property becomes a getter that
 * asks `poll` and hands out a plain `{0: 0}` while there is nothing to say: a named getter
 * costs about what a typed array read does, where a getter on index 0 (the obvious way)
 * made call-heavy Python code 2.5 times slower in Node and more in Chromium, since an
 * object with an indexed accessor keeps its elements in a dictionary.
 *
 * An answer travels in an object of its own with an indexed accessor (rare, so its cost
 * does not matter) that knows whether it was read: the check reads the property again to
 * write 0 back, and an answer handed out on that read is not lost by the write but kept
 * for the next read. It is done with once it has been read and then written.
 * Call after `setInterruptBuffer(...)`, which turns the check on.
 */
export function installInterruptPoll(module: Record<string, unknown>, poll: () => number): void {
  const nothing = { 0: 0 };
  let answer: { 0: number } | null = null;
  const carry = (signum: number): { 0: number } => {
    let read = false;
    const box = {
      get 0() {
        read = true;
        return signum;
      },
      set 0(_value: number) {
        if (read && answer === box) answer = null;
      },
    };
    return box;
  };
  Object.defineProperty(module, SIGNAL_BUFFER_PROPERTY, {
    configurable: true,
    get() {
      if (answer) return answer;
      const signum = poll();
      if (signum === 0) return nothing;
      answer = carry(signum);
      return answer;
    },
    set(value: unknown) {
      // setInterruptBuffer again: a plain property from now on.
      Object.defineProperty(module, SIGNAL_BUFFER_PROPERTY, { configurable: true, writable: true, value });
    },
  });
}

/** Whether this JavaScript engine can suspend WebAssembly on a promise. */
export function canSuspend(): boolean {
  return typeof (WebAssembly as unknown as { Suspending?: unknown }).Suspending === 'function';
}

/**
 * The path a host's workers take: suspension where the engine can suspend (it is the one
 * that runs threads), else shared memory where the host has it, else neither. `requested`
 * (a page's `?engine=`, the CLI's EXITLAB_ENGINE) picks another when it is available.
 */
export function choosePath(offer: { sharedMemory: boolean; suspension?: boolean; requested?: string | null }): BlockingPath {
  const suspension = offer.suspension ?? canSuspend();
  const available: BlockingPath[] = [];
  if (suspension) available.push('suspension');
  if (offer.sharedMemory) available.push('shared-memory');
  available.push('none');
  const requested = available.find((p) => p === offer.requested);
  return requested ?? available[0]!;
}
