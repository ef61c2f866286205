/**
 * One run in a booted interpreter: stdio wired to the host, the program's files, the
 * harness's main() (entered with callPromising on the suspension path), then CPython's
 * own Py_FinalizeEx, and the exit record.
 */
import type { ExitRecord, RunRequest } from '../protocol';
import { crashRecord } from '../crash';
import { SLOT, STDIN_DATA, STDIN_EMPTY, STDIN_EOF, writeOutput } from '../shared';
import { collectFiles, watchFiles } from './files';
import { Freeze, describeError, mark, type Blocking, type PyodideLike, type RunRef, type RunState, type WorkerEnvironment } from './types';

export async function runProgram(
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
  let finished = false;
  const state: RunState = {
    pendingExit: null,
    discarding: false,
    discarded: 0,
    written: { stdout: 0, stderr: 0 },
    finish(record: ExitRecord) {
      // Once: a stop reports the exit and then unwinds out of Python (Pyodide's entry
      // points hand back nothing for it), which would otherwise report it again.
      if (finished) return;
      finished = true;
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
  if (mailbox) {
    mailbox.stdinIsTty = request.stdio.stdin;
    mailbox.resumed(true); // the program's stack starts running now
  }

  let record: ExitRecord;
  mark('run');
  const pendingExit = () => state.pendingExit;
  try {
    const main = py.pyimport('_exitlab.run').main;
    // The suspension path enters Python through callPromising, so that run_sync may suspend it.
    const result: unknown = mailbox ? await main.callPromising(JSON.stringify(config)) : main(JSON.stringify(config));
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
export function exitFromError(err: unknown, pending: ExitRecord | null): ExitRecord {
  const e = err as { name?: string; status?: number; message?: string };
  if (pending) return pending;
  if (e && (e.name === 'Exit' || e.name === 'ExitStatus') && typeof e.status === 'number') {
    return { status: e.status & 0xff, cause: 'os._exit' };
  }
  return crashRecord(describeError(err));
}
