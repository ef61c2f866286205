/**
 * The engine's worker body, shared by every host: the browser's Web Worker
 * and Node's worker_threads both call `startEngineWorker` with their own
 * message port, their own way to load Pyodide, and the harness files.
 *
 * One worker boots one interpreter (from a memory snapshot when it has one)
 * and runs exactly one program in it; the host throws the worker away after.
 */
import type {
  BlockingPath,
  Disposition,
  ExitRecord,
  HostToWorker,
  RunRequest,
  SignalName,
  SnapshotSource,
  WorkerToHost,
  WorkFile,
} from './protocol';
import { SIGNALS } from './protocol';
import { SLOT, STDIN_DATA, STDIN_EMPTY, STDIN_EOF, controlViews, writeOutput, type ControlViews } from './shared';
import { Mailbox, PARK_TIMEOUT, STDIN_READ_EOF, canSuspend, interruptSource, macrotask } from './suspend';

/** A Python callable handed to JavaScript with `create_proxy` (a thread's function). */
interface PyCallable {
  callPromising(...args: unknown[]): Promise<unknown>;
  destroy(): void;
}

/** The subset of Pyodide's API the engine uses (kept small so hosts can supply it). */
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
}

/** Where the harness package lives inside the interpreter's file system. */
export const HARNESS_ROOT = '/exitlab';

class Freeze extends Error {}

/** EXITLAB_DEBUG=1 (Node) prints where a worker's time goes. */
const DEBUG = typeof process !== 'undefined' && Boolean(process.env?.EXITLAB_DEBUG);
function mark(what: string): void {
  if (DEBUG) console.error(`[exitlab worker ${performance.now().toFixed(1)}] ${what}`);
}

export function startEngineWorker(env: WorkerEnvironment): void {
  let py: PyodideLike | null = null;
  let control: ControlViews | null = null;
  // The suspension path's mailbox; null on the other paths.
  let mailbox: Mailbox | null = null;
  const earlyStdin: (Uint8Array | null)[] = [];

  mark('worker started');
  const run: RunRef = { current: null };
  env.onMessage(async (msg) => {
    try {
      if (msg.type === 'boot') {
        mark('boot message');
        control = msg.control ? controlViews(msg.control) : null;
        const blocking: BlockingPath = control ? 'shared-memory' : msg.suspend && canSuspend() ? 'suspension' : 'none';
        if (blocking === 'suspension') mailbox = new Mailbox(() => env.post({ type: 'input-request' }));
        py = await boot(env, msg.snapshot, Boolean(msg.makeSnapshot), { control, mailbox, blocking }, run);
      } else if (msg.type === 'run') {
        if (!py) throw new Error('run before boot');
        await runProgram(env, py, { control, mailbox, blocking: blockingOf(control, mailbox) }, msg.request, earlyStdin, run);
      } else if (msg.type === 'stdin') {
        if (mailbox) mailbox.pushStdin(msg.data);
        else earlyStdin.push(msg.data);
      } else if (msg.type === 'signal') {
        mailbox?.pushSignal(msg.signum);
      } else if (msg.type === 'stdout-closed') {
        if (mailbox) mailbox.stdoutClosed = true;
      } else if (msg.type === 'output-ack') {
        mailbox?.acked(msg.bytes);
      }
    } catch (err) {
      if (err instanceof Freeze) return;
      env.post({ type: 'fatal', message: describeError(err) });
    }
  });
}

/** How this worker's programs reach the host when they block. */
interface Blocking {
  control: ControlViews | null;
  mailbox: Mailbox | null;
  blocking: BlockingPath;
}

function blockingOf(control: ControlViews | null, mailbox: Mailbox | null): BlockingPath {
  return control ? 'shared-memory' : mailbox ? 'suspension' : 'none';
}

function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

function writeHarness(py: PyodideLike, harness: HarnessFiles): void {
  const FS = py.FS;
  for (const [rel, text] of Object.entries(harness.files)) {
    const path = `${HARNESS_ROOT}/${rel}`;
    FS.mkdirTree(path.slice(0, path.lastIndexOf('/')));
    FS.writeFile(path, text);
  }
}

/** What the host module's functions need of the run in progress (set when it starts). */
interface RunState {
  pendingExit: ExitRecord | null;
  discarding: boolean;
  discarded: number;
  written: { stdout: number; stderr: number };
  finish(record: ExitRecord): void;
}
interface RunRef {
  current: RunState | null;
}

async function boot(
  env: WorkerEnvironment,
  snapshot: SnapshotSource | undefined,
  makeSnapshot: boolean,
  blocking: Blocking,
  run: RunRef,
): Promise<PyodideLike> {
  const started = performance.now();
  env.post({ type: 'boot-progress', percent: 5, stage: snapshot ? 'restoring snapshot' : 'loading Python' });
  const options: Record<string, unknown> = {
    env: { HOME: '/home/pyodide' },
    // Pyodide's default streams are replaced per run; until then keep them quiet.
    stdout: () => {},
    stderr: () => {},
    checkAPIVersion: true,
  };
  if (snapshot instanceof Uint8Array) {
    // Pyodide decodes part of it with TextDecoder, which refuses views of shared memory.
    options._loadSnapshot = snapshot.buffer instanceof ArrayBuffer ? snapshot : snapshot.slice();
  }
  else if (snapshot) {
    if (!env.readFile) throw new Error('this host cannot read a snapshot file');
    options._loadSnapshot = env.readFile(snapshot.path);
  }
  if (makeSnapshot) options._makeSnapshot = true;
  mark('loadPyodide');
  const py = await env.loadPyodide(options);
  mark('loadPyodide done');
  env.post({ type: 'boot-progress', percent: 80, stage: 'preparing the harness' });
  writeHarness(py, env.harness);
  if (!snapshot) {
    py.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(HARNESS_ROOT)})`);
    // The stdlib modules programs commonly use, imported once into the snapshot. A plain
    // boot that serves a run (a first visit) skips them: its program imports what it needs.
    if (makeSnapshot) py.runPython('import _exitlab.preload');
  }
  if (makeSnapshot) {
    // The snapshot is a copy of the heap; this interpreter goes on to serve a run
    // itself, so a first visit pays for one plain boot, not a boot and a restore.
    const data = py.makeMemorySnapshot();
    env.post({ type: 'snapshot', data }, [data.buffer as ArrayBuffer]);
  }
  // The interrupt buffer is handed to Python only once the harness has installed its
  // signal dispatcher (signals_ready): before that, Python's periodic look at the buffer
  // would consume a signal and drop it (a SIG_DFL signal is ignored by Pyodide).
  // Everything that does not depend on the program is done now, while the
  // interpreter waits in the pool: the host module, the harness's patches and
  // signal dispatcher, and a short warm-up of the code paths every run takes.
  py.registerJsModule('_exitlab_host', hostModule(env, py, blocking, run));
  py.pyimport('_exitlab.run').prepare();
  const pythonVersion = String(py.runPython('import sys; sys.version.split()[0]'));
  env.post({ type: 'boot-progress', percent: 100, stage: 'ready' });
  env.post({
    type: 'ready',
    info: {
      pythonVersion,
      pyodideVersion: py.version,
      fromSnapshot: Boolean(snapshot),
      bootMs: Math.round(performance.now() - started),
      blocking: blocking.blocking,
    },
  });
  return py;
}

/** The `_exitlab_host` module: what the Python harness calls in JavaScript. */
function hostModule(env: WorkerEnvironment, py: PyodideLike, blocking: Blocking, run: RunRef): object {
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
      mailbox.suspended = false;
      mailbox.ticking = false;
      mailbox.mainRunning = main;
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
    /** Said once per run, beside the program's output, not in it. */
    notice(what: 'threads-simulated') {
      env.post({ type: 'notice', notice: what });
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
    signals_ready() {
      if (control) py.setInterruptBuffer(control.interrupt);
      else if (mailbox) {
        mailbox.signalsReady = true;
        py.setInterruptBuffer(interruptSource(mailbox));
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
        if (name && name in SIGNALS) handlers[name as SignalName] = kind as Disposition;
      }
      env.post({ type: 'dispositions', handlers });
    },
  };
}

/**
 * Reports each file of the working directory as it is closed, renamed or
 * deleted, so what a program saved survives even if it is killed later
 * (SIGKILL, Stop): what reached the "disk" stays, as it does natively.
 */
function watchFiles(env: WorkerEnvironment, FS: any, cwd: string, programFile: string): void {
  const prefix = cwd.endsWith('/') ? cwd : `${cwd}/`;
  const rel = (path: string): string | null =>
    path.startsWith(prefix) && path !== programFile ? path.slice(prefix.length) : null;
  // FS.readFile opens and closes the file itself: without this guard, reading a
  // closed file would report its own close, and so on until the stack overflows.
  let reading = false;
  const report = (path: string) => {
    const r = rel(path);
    if (r === null || reading) return;
    reading = true;
    try {
      const stat = FS.stat(path);
      if (FS.isFile(stat.mode)) env.post({ type: 'file-changed', path: r, data: FS.readFile(path) });
    } catch {
      /* gone again already */
    } finally {
      reading = false;
    }
  };
  const gone = (path: string) => {
    const r = rel(path);
    if (r !== null) env.post({ type: 'file-changed', path: r, data: null });
  };
  const delegate = FS.trackingDelegate as Record<string, unknown>;
  delegate.onCloseFile = (path: string) => report(path);
  delegate.onDeletePath = (path: string) => gone(path);
  delegate.onMovePath = (from: string, to: string) => {
    gone(from);
    report(to);
  };
}

/** Copies of every file below `dir` (the browser's disk persists between runs). */
function collectFiles(FS: any, dir: string, skip: string): WorkFile[] {
  const out: WorkFile[] = [];
  const walk = (abs: string, rel: string) => {
    let names: string[];
    try {
      names = FS.readdir(abs);
    } catch {
      return;
    }
    for (const name of names) {
      if (name === '.' || name === '..') continue;
      const a = `${abs}/${name}`;
      const r = rel ? `${rel}/${name}` : name;
      if (a === skip) continue;
      const stat = FS.stat(a);
      if (FS.isDir(stat.mode)) walk(a, r);
      else if (FS.isFile(stat.mode) && out.length < 200) out.push({ path: r, data: FS.readFile(a) });
    }
  };
  walk(dir, '');
  return out;
}

async function runProgram(
  env: WorkerEnvironment,
  py: PyodideLike,
  blocking: Blocking,
  request: RunRequest,
  earlyStdin: (Uint8Array | null)[],
  run: RunRef,
): Promise<void> {
  const { control, mailbox } = blocking;
  const FS = py.FS;
  const cwd = request.cwd ?? '/home/pyodide';
  const persistFiles = !request.mountHostDir && request.files !== undefined;
  if (request.mountHostDir && py.mountNodeFS) {
    FS.mkdirTree(cwd);
    py.mountNodeFS(cwd, request.mountHostDir);
  } else {
    FS.mkdirTree(cwd);
    for (const f of request.files ?? []) {
      const path = `${cwd}/${f.path}`;
      FS.mkdirTree(path.slice(0, path.lastIndexOf('/')));
      FS.writeFile(path, f.data);
    }
  }
  if (persistFiles) watchFiles(env, FS, cwd, request.filename);
  // The program's own file, so tracebacks can show its lines (unless it is on a mounted disk).
  try {
    FS.stat(request.filename);
  } catch {
    FS.mkdirTree(request.filename.slice(0, request.filename.lastIndexOf('/')) || '/');
    FS.writeFile(request.filename, request.source);
  }

  const ints = control?.ints ?? null;
  const state: RunState = {
    pendingExit: null,
    discarding: false,
    discarded: 0,
    written: { stdout: 0, stderr: 0 },
    finish(record: ExitRecord) {
      if (persistFiles) env.post({ type: 'files', files: collectFiles(FS, cwd, request.filename) });
      env.post({ type: 'exit', record });
    },
  };
  run.current = state;
  const { written } = state;

  const writer = (stream: 'stdout' | 'stderr', isatty: boolean) => ({
    isatty,
    write(buf: Uint8Array): number {
      if (state.discarding) {
        if (stream === 'stdout') state.discarded += buf.length;
        return buf.length;
      }
      const closed = ints ? Atomics.load(ints, SLOT.STDOUT_CLOSED) === 1 : Boolean(mailbox?.stdoutClosed);
      if (stream === 'stdout' && closed) {
        throw Object.assign(new Error('EPIPE'), { code: 'EPIPE' });
      }
      written[stream] += buf.length;
      if (control && ints) {
        const wake = () => env.post({ type: 'output' });
        writeOutput(control, stream === 'stdout' ? 1 : 2, buf, wake, (readPos) => {
          // The ring is full: wait for the host to read, as a writer waits on a full pipe.
          wake();
          Atomics.wait(ints, SLOT.OUT_READ, readPos, 50);
        });
      } else {
        const copy = buf.slice();
        mailbox?.sent(copy.length);
        env.post({ type: stream, data: copy }, [copy.buffer]);
      }
      return buf.length;
    },
    getTerminalSize: () =>
      request.terminalSize ? { columns: request.terminalSize.columns, rows: request.terminalSize.rows } : undefined,
  });
  py.setStdout(writer('stdout', request.stdio.stdout));
  py.setStderr(writer('stderr', request.stdio.stderr));

  let leftover: Uint8Array | null = null;
  py.setStdin({
    isatty: request.stdio.stdin,
    read(buf: Uint8Array): number {
      // musl's stdio reads with readv(), whose first vector may be empty: answer
      // it without consuming anything (least of all a one-shot Ctrl+D).
      if (buf.length === 0) return 0;
      if (mailbox) {
        // A read of file descriptor 0 from C (os.read(0, n)) cannot suspend: it gets what
        // has been typed already, else end of input. sys.stdin and input() suspend (stdio.py).
        const got = mailbox.readNow(buf.length);
        if (typeof got === 'number') return 0;
        buf.set(got);
        return got.length;
      }
      if (!ints || !control) {
        // No shared memory: only what was typed before the run, then end of input.
        const next = earlyStdin.shift();
        if (!next) return 0;
        const n = Math.min(next.length, buf.length);
        buf.set(next.subarray(0, n));
        if (n < next.length) earlyStdin.unshift(next.subarray(n));
        return n;
      }
      let requested = false;
      for (;;) {
        if (leftover) {
          const n = Math.min(leftover.length, buf.length);
          buf.set(leftover.subarray(0, n));
          leftover = n < leftover.length ? leftover.subarray(n) : null;
          return n;
        }
        if (Atomics.load(ints, SLOT.INTERRUPT) !== 0) {
          // CPython runs the handler and, if it returns, retries the read (PEP 475).
          throw Object.assign(new Error('EINTR'), { code: 'EINTR' });
        }
        const state = Atomics.load(ints, SLOT.STDIN_STATE);
        if (state === STDIN_DATA) {
          const len = Atomics.load(ints, SLOT.STDIN_LEN);
          leftover = control.stdinBytes.slice(0, len);
          Atomics.store(ints, SLOT.STDIN_STATE, STDIN_EMPTY);
          continue;
        }
        if (state === STDIN_EOF) {
          Atomics.store(ints, SLOT.STDIN_STATE, STDIN_EMPTY);
          return 0;
        }
        const seen = Atomics.load(ints, SLOT.DOORBELL);
        if (!requested) {
          env.post({ type: 'input-request' });
          requested = true;
        }
        if (Atomics.load(ints, SLOT.STDIN_STATE) !== STDIN_EMPTY || Atomics.load(ints, SLOT.INTERRUPT) !== 0) continue;
        Atomics.wait(ints, SLOT.DOORBELL, seen);
      }
    },
  });

  const config = {
    source: request.source,
    filename: request.filename,
    argv: request.argv,
    stdio: request.stdio,
    env: request.env ?? {},
    cwd,
    timeline: request.timeline ?? true,
  };
  if (mailbox) mailbox.stdinIsTty = request.stdio.stdin;

  let record: ExitRecord;
  mark('run');
  const pendingExit = () => state.pendingExit;
  try {
    const main = py.pyimport('_exitlab.run').main;
    // The suspension path enters Python through callPromising, so that run_sync may suspend it.
    const result: unknown = mailbox ? await main.callPromising(JSON.stringify(config)) : main(JSON.stringify(config));
    // Daemon threads still waiting stay where they are: CPython's shutdown goes on without them.
    mailbox?.abandonThreads();
    record = JSON.parse(String(result)) as ExitRecord;
  } catch (err) {
    if (err instanceof Freeze) return;
    state.finish(exitFromError(err, pendingExit()));
    return;
  }
  // CPython's own shutdown: atexit handlers, flushing, finalizing objects.
  mark('main returned');
  try {
    const rc = py._module._Py_FinalizeEx() as number;
    if (rc < 0 && record.status === 0) record = { ...record, status: 120 };
  } catch (err) {
    if (err instanceof Freeze) return;
    record = exitFromError(err, pendingExit() ?? record);
  }
  mark('finalized');
  state.finish(record);
}

/** A JS error out of Python: Pyodide's `Exit` (a real os._exit) or a crash. */
function exitFromError(err: unknown, pending: ExitRecord | null): ExitRecord {
  const e = err as { name?: string; status?: number; message?: string };
  if (pending) return pending;
  if (e && (e.name === 'Exit' || e.name === 'ExitStatus') && typeof e.status === 'number') {
    return { status: e.status & 0xff, cause: 'os._exit' };
  }
  const message = describeError(err);
  if (/out of memory|Cannot enlarge memory|Maximum call stack/i.test(message)) {
    return { status: 1, cause: 'crash', message: `out of memory: ${message}` };
  }
  return { status: 1, cause: 'crash', message };
}
