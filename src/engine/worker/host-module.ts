/**
 * The `_exitlab_host` module: every JavaScript function the Python harness calls
 * (hostlink.py is its one caller), on both blocking paths.
 */
import type { Disposition, EngineNotice, ExitRecord, SignalName } from '../protocol';
import { NOTICE_TEXT, SIGNAL_TABLE, isSignalName } from '../protocol';
import { SLOT } from '../shared';
import { PARK_TIMEOUT, STDIN_READ_EOF, TICK_SIGNAL, installInterruptPoll, interruptPoll, macrotask } from '../suspend';
import { exitFromError } from './run';
import { Freeze, type Blocking, type PyodideLike, type RunRef, type WorkerEnvironment } from './types';

/** A Python callable handed to JavaScript with `create_proxy` (a thread's function). */
interface PyCallable {
  callPromising(...args: unknown[]): Promise<unknown>;
  destroy(): void;
}

/** The `_exitlab_host` module: what the Python harness calls in JavaScript. */
export function hostModule(env: WorkerEnvironment, py: PyodideLike, blocking: Blocking, run: RunRef): object {
  const { control, mailbox } = blocking;
  const ints = control?.ints ?? null;
  const nextMacrotask = mailbox ? macrotask() : null;
  const waitFor = (ms: number): boolean => {
    if (!ints) {
      const end = performance.now() + ms;
      while (performance.now() < end) {
        /* no shared memory: a plain busy wait */
      }
      return false;
    }
    const seen = Atomics.load(ints, SLOT.DOORBELL);
    if (Atomics.load(ints, SLOT.INTERRUPT) !== 0) return true;
    Atomics.wait(ints, SLOT.DOORBELL, seen, Math.min(ms, 2 ** 31 - 1));
    return Atomics.load(ints, SLOT.INTERRUPT) !== 0;
  };

  const finishFrozen = () =>
    run.current?.finish(run.current.pendingExit ?? { status: 1, cause: 'crash', message: 'stopped without an exit record' });

  return {
    /** The harness asks which way its blocking calls go. */
    blocking: blocking.blocking,
    event(json: string) {
      env.post({ type: 'timeline', event: JSON.parse(json) });
    },
    set_exit(json: string) {
      if (run.current) run.current.pendingExit = JSON.parse(json) as ExitRecord;
    },
    freeze() {
      finishFrozen();
      if (ints) Atomics.wait(ints, SLOT.FREEZE, 0);
      // Without shared memory we cannot block: unwind as a JS error nothing in Python can catch.
      throw new Freeze('frozen');
    },
    wait(ms: number) {
      return waitFor(ms);
    },
    // The suspension path: each returns a promise the harness suspends on with run_sync.
    /** Stop dead: the exit is reported and the program never resumes (the host ends the worker). */
    freeze_async() {
      if (mailbox) mailbox.suspended = true;
      finishFrozen();
      return new Promise(() => undefined);
    },
    /** Resolves true when a signal is pending, false once `ms` have passed. */
    wait_async(ms: number) {
      if (!mailbox) return Promise.resolve(waitFor(ms));
      mailbox.suspended = true;
      return mailbox.wait(ms);
    },
    /** One read of stdin: bytes, or -1 at end of input, or -2 when a signal came first. */
    stdin_read(max: number, interruptible = true) {
      if (!mailbox) return Promise.resolve(STDIN_READ_EOF);
      mailbox.suspended = true;
      return mailbox.read(max, interruptible);
    },
    /** A stack is back running after a suspension (see Mailbox.suspended), the main thread's or not. */
    resumed(main = true) {
      if (!mailbox) return;
      mailbox.resumed(main);
    },
    // Threads (the harness's threads.py): each one a stack of its own, parked while it waits.
    park_async(n: number, ms: number, interruptible: boolean) {
      if (!mailbox) return Promise.resolve(PARK_TIMEOUT);
      mailbox.suspended = true;
      return mailbox.park(n, ms, interruptible);
    },
    unpark(n: number) {
      mailbox?.unpark(n);
    },
    /** Start a thread's function on a new stack once the running one has suspended. */
    spawn(fn: PyCallable) {
      void Promise.resolve()
        .then(() => fn.callPromising())
        .catch((err: unknown) => {
          // The harness catches everything a thread raises; what is left is a stop (Freeze)
          // or the interpreter itself failing, which ends the run.
          if (!(err instanceof Freeze)) run.current?.finish(exitFromError(err, run.current.pendingExit));
        })
        .finally(() => fn.destroy());
    },
    /** A thread's last step on its own stack: from now on no stack runs (see Mailbox.suspended). */
    thread_exiting() {
      if (mailbox) mailbox.suspended = true;
    },
    abandon_threads() {
      mailbox?.abandonThreads();
    },
    /**
     * At the start of each run, on the thread state that runs the program (the suspension
     * path runs Python on a thread state of its own): CPython's stack limits lowered to the
     * worker's budget, so that deep C-level recursion raises RecursionError before the
     * JavaScript engine's native stack runs out (docs/recursion.md). Returns the bytes given.
     */
    stack_guard(): number {
      const budget = env.cStackBudget;
      if (budget === undefined) return 0;
      const m = py._module;
      const top: number = m._emscripten_stack_get_current();
      const size = Math.min(budget, top - m._emscripten_stack_get_end());
      if (m._PyUnstable_ThreadState_SetStackProtection(m._PyThreadState_Get(), top - size, size) !== 0) {
        m._PyErr_Clear();
        return 0;
      }
      return size;
    },
    /** Said once per run, beside the program's output, not in it. */
    notice(what: string) {
      // Python passes a plain string: only the notices the protocol declares go on.
      if (Object.hasOwn(NOTICE_TEXT, what)) env.post({ type: 'notice', notice: what as EngineNotice });
    },
    /** The next pending signal (0: none); the harness trips it with _thread.interrupt_main. */
    take_signal() {
      return mailbox ? mailbox.takeSignal() : 0;
    },
    /** One macrotask turn, so messages queued while Python ran are delivered. */
    yield_turn() {
      if (!mailbox || !nextMacrotask) return Promise.resolve();
      mailbox.suspended = true;
      // A full output window waits for the host, as a writer waits on a full pipe.
      return mailbox.outputBlocked() ? mailbox.drained() : nextMacrotask();
    },
    /** The protocol's signal table and the suspension path's tick, for the harness's dispatcher. */
    signal_table() {
      return JSON.stringify({ signals: SIGNAL_TABLE.map(({ name, number, action }) => ({ name, number, action })), tick: TICK_SIGNAL });
    },
    signals_ready() {
      if (control) py.setInterruptBuffer(control.interrupt);
      else if (mailbox) {
        mailbox.signalsReady = true;
        py.setInterruptBuffer({ 0: 0 });
        installInterruptPoll(py._module as Record<string, unknown>, interruptPoll(mailbox));
      }
    },
    check_interrupt() {
      // pyodide.checkInterrupt() only runs handlers of signals already tripped: it does
      // not read the interrupt buffer.
      const m = py._module;
      if (ints && typeof m._PyErr_SetInterruptEx === 'function' && typeof m._pythonexc2js === 'function') {
        // What CPython's _Py_CheckEmscriptenSignals does, but now rather than at the
        // eval loop's next periodic look (every 50 checks).
        const signum = Atomics.exchange(ints, SLOT.INTERRUPT, 0);
        if (signum !== 0) m._PyErr_SetInterruptEx(signum);
        if (m._PyErr_CheckSignals() !== 0) m._pythonexc2js();
      } else {
        py.checkInterrupt();
      }
    },
    raise_signal(signum: number) {
      if (ints) Atomics.store(ints, SLOT.INTERRUPT, signum);
      else mailbox?.pushSignal(signum);
    },
    discard_begin() {
      if (!run.current) return;
      run.current.discarding = true;
      run.current.discarded = 0;
    },
    discard_end() {
      if (!run.current) return 0;
      run.current.discarding = false;
      return run.current.discarded;
    },
    written(stream: 'stdout' | 'stderr') {
      return run.current ? run.current.written[stream] : 0;
    },
    alarm(seconds: number, interval: number) {
      env.post({ type: 'alarm', seconds, interval });
    },
    dispositions(text: string) {
      const handlers: Partial<Record<SignalName, Disposition>> = {};
      for (const pair of text.split(',')) {
        const [name, kind] = pair.split('=');
        if (name && isSignalName(name)) handlers[name] = kind as Disposition;
      }
      env.post({ type: 'dispositions', handlers });
    },
  };
}
