/**
 * The engine's worker body, shared by every host: the browser's Web Worker
 * and Node's worker_threads both call `startEngineWorker` with their own
 * message port, their own way to load Pyodide, and the harness files.
 *
 * One worker boots one interpreter (from a memory snapshot when it has one)
 * and runs exactly one program in it; the host throws the worker away after.
 * The parts: worker/host-module.ts (what the harness calls), worker/run.ts (one run),
 * worker/files.ts (the working directory), worker/types.ts (what they share).
 */
import type { BlockingPath, SnapshotSource } from './protocol';
import { controlViews, type ControlViews } from './shared';
import { Mailbox, canSuspend } from './suspend';
import { hostModule } from './worker/host-module';
import { runProgram } from './worker/run';
import { Freeze, HARNESS_ROOT, describeError, mark, type Blocking, type HarnessFiles, type PyodideLike, type RunRef, type WorkerEnvironment } from './worker/types';

export { HARNESS_ROOT, type HarnessFiles, type PyodideLike, type WorkerEnvironment } from './worker/types';

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

function blockingOf(control: ControlViews | null, mailbox: Mailbox | null): BlockingPath {
  return control ? 'shared-memory' : mailbox ? 'suspension' : 'none';
}

function writeHarness(py: PyodideLike, harness: HarnessFiles): void {
  const FS = py.FS;
  for (const [rel, text] of Object.entries(harness.files)) {
    const path = `${HARNESS_ROOT}/${rel}`;
    FS.mkdirTree(path.slice(0, path.lastIndexOf('/')));
    FS.writeFile(path, text);
  }
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
  else if (snapshot && 'path' in snapshot) {
    if (!env.readFile) throw new Error('this host cannot read a snapshot file');
    options._loadSnapshot = env.readFile(snapshot.path);
  }
  else if (snapshot) {
    options._loadSnapshot = new Uint8Array(await snapshot.arrayBuffer());
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
  const prepare = py.pyimport('_exitlab.run').prepare;
  // On the suspension path entered as the program will be, so its warm-up may suspend.
  if (blocking.mailbox) await prepare.callPromising();
  else prepare();
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
