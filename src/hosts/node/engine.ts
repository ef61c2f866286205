/** The engine behind the `exitlab` command: worker_threads and a snapshot cached on disk. */
import { existsSync, mkdirSync, renameSync, writeFileSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { EnginePool, type SnapshotStore, type WorkerHandle } from '../../engine/host';
import type { BlockingPath, WorkerToHost } from '../../engine/protocol';
import { canSuspend, choosePath } from '../../engine/suspend';
import type { HarnessFiles } from '../../engine/worker-core';
import { readHarnessFiles } from './harness-files';

export interface NodeEnginePaths {
  /** The bundled worker script. */
  workerFile: string;
  /** src/engine/harness */
  harnessDir: string;
  /** Where snapshots are kept. */
  cacheDir: string;
}

export function pyodideVersion(): string {
  const require = createRequire(import.meta.url);
  const pkg = require('pyodide/package.json') as { version: string };
  return pkg.version;
}

/**
 * Snapshots keyed by the pyodide version, the harness hash and whether the JavaScript engine
 * has JSPI (Pyodide sets itself up differently then: a snapshot made under Node 26 hangs
 * Node 20's boot), written atomically.
 */
export function diskSnapshotStore(cacheDir: string, harnessHash: string): SnapshotStore & { path: string } {
  const jspi = canSuspend() ? '-jspi' : '';
  const path = join(cacheDir, `snapshot-pyodide-${pyodideVersion()}${jspi}-harness-${harnessHash}.bin`);
  return {
    path,
    async load() {
      // The worker reads the file itself, in parallel with its own start-up.
      return existsSync(path) ? { path } : null;
    },
    async save(data) {
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
      try {
        writeFileSync(tmp, data);
        renameSync(tmp, path);
      } catch (err) {
        try {
          unlinkSync(tmp);
        } catch {
          /* nothing to clean */
        }
        throw err;
      }
    },
  };
}

/** What every worker is started with: the harness, read and hashed once by the main thread. */
export interface NodeWorkerData {
  harness: HarnessFiles;
}

/**
 * A Node worker's native stack: big enough that freeing a chain of a million objects (a
 * traceback of 10**6 frames, a list nested 10**6 deep) fits, which no limit of CPython's can
 * catch (docs/recursion.md; 16 and 64 MB were not enough). Reserved, and only touched as used.
 */
export const WORKER_STACK_MB = 256;
/** CPython's C-recursion budget on that stack: 2 MiB, about what a native build allows. */
export const C_STACK_BUDGET = 2 * 1024 * 1024;

/**
 * The suspension path (JSPI) runs Python on a stack of V8's own, about 1 MB whatever the
 * worker's size; both flags together make it as big as the worker's (either alone does not).
 * Set in this process before its first worker starts; they size the stacks of isolates and
 * stack switches created from then on.
 */
let stackFlagsSet = false;
function setSuspendedStackSize(): void {
  if (stackFlagsSet) return;
  stackFlagsSet = true;
  const kb = WORKER_STACK_MB * 1024;
  v8.setFlagsFromString(`--stack-size=${kb}`);
  v8.setFlagsFromString(`--wasm-stack-switching-stack-size=${kb}`);
}

export function nodeWorkerFactory(workerFile: string, harness: HarnessFiles): () => WorkerHandle {
  const workerData: NodeWorkerData = { harness };
  setSuspendedStackSize();
  return () => {
    const worker = new Worker(workerFile, { workerData, resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
    worker.unref();
    let errorCb: ((m: string) => void) | null = null;
    worker.on('error', (err) => errorCb?.(err instanceof Error ? `${err.name}: ${err.message}` : String(err)));
    // Only terminate() (which clears errorCb first) may end a worker quietly: a program
    // that ends its worker thread (js.process.exit(0)) must not leave its run hanging.
    worker.on('exit', (code) => errorCb?.(`worker exited with code ${code}`));
    return {
      post: (msg, transfer) => worker.postMessage(msg, transfer ?? []),
      onMessage: (cb) => worker.on('message', (m: WorkerToHost) => cb(m)),
      onError: (cb) => {
        errorCb = cb;
      },
      terminate: () => {
        errorCb = null;
        void worker.terminate();
      },
    };
  };
}

/**
 * Node always has shared memory; a Node with JSPI (22+ with the flag, 24+ by default)
 * blocks by suspension instead, which is what threads need. EXITLAB_ENGINE picks one
 * (`shared-memory` or `suspension`) for tests and the bench.
 */
export function nodeBlockingPath(requested = process.env.EXITLAB_ENGINE): BlockingPath {
  return choosePath({ sharedMemory: true, requested });
}

export function createNodeEngine(
  paths: NodeEnginePaths,
  opts: { warm?: number; snapshot?: boolean; blocking?: BlockingPath; outputCapacity?: number } = {},
): EnginePool {
  const harness = readHarnessFiles(paths.harnessDir);
  const blocking = opts.blocking ?? nodeBlockingPath();
  return new EnginePool({
    factory: nodeWorkerFactory(paths.workerFile, harness),
    snapshots: opts.snapshot === false ? null : diskSnapshotStore(paths.cacheDir, harness.hash),
    warm: opts.warm ?? 1,
    sharedMemory: blocking === 'shared-memory',
    suspend: blocking === 'suspension',
    outputCapacity: opts.outputCapacity,
  });
}
