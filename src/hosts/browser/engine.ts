/** The browser host: a warm pool of Web Workers booted from a snapshot kept in Cache Storage. */
import pyodidePackage from 'pyodide/package.json';
import { EnginePool, type SnapshotStore, type WorkerHandle } from '../../engine/host';
import { canSuspend, choosePath } from '../../engine/suspend';
import type { Engine } from '../../engine/process';
import type { HostToWorker, WorkerToHost } from '../../engine/protocol';
import { harnessHash } from './harness';
import { pyodideBaseUrl } from './pyodide-url';
import { SNAPSHOT_CACHE } from './snapshot-cache';

/** One snapshot per pyodide version and harness hash; older ones are deleted. */
export function cacheStorageSnapshotStore(): SnapshotStore {
  const key = harnessHash().then(
    (hash) => new URL(
        `/__exitlab/snapshot/pyodide-${pyodidePackage.version}${canSuspend() ? '-jspi' : ''}/harness-${hash}.bin`,
        location.origin,
      ).href,
  );
  return {
    async load() {
      if (typeof caches === 'undefined') return null;
      const cache = await caches.open(SNAPSHOT_CACHE);
      const url = await key;
      // Only whether it is there: the worker reads it (see snapshot-cache.ts).
      return (await cache.match(url)) ? { path: url } : null;
    },
    async save(data) {
      if (typeof caches === 'undefined') return;
      const cache = await caches.open(SNAPSHOT_CACHE);
      const url = await key;
      // cache.put replaces the entry as a whole, so a half-written snapshot is never read.
      await cache.put(url, new Response(data as BodyInit, { headers: { 'content-type': 'application/octet-stream' } }));
      for (const req of await cache.keys()) if (req.url !== url) await cache.delete(req);
    },
  };
}

function browserWorker(): WorkerHandle {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'exitlab-python' });
  let errorCb: ((m: string) => void) | null = null;
  worker.onerror = (e) => {
    e.preventDefault();
    errorCb?.(e.message || 'the Python worker crashed');
  };
  worker.onmessageerror = () => errorCb?.('a message from the Python worker could not be read');
  return {
    post: (msg: HostToWorker, transfer?: ArrayBuffer[]) => worker.postMessage(msg, transfer ?? []),
    onMessage: (cb) => worker.addEventListener('message', (e: MessageEvent<WorkerToHost>) => cb(e.data)),
    onError: (cb) => {
      errorCb = cb;
    },
    terminate: () => {
      errorCb = null;
      worker.terminate();
    },
  };
}

/** Where the page keeps a learner's choice of path (the engine's "about" panel sets it). */
export const ENGINE_CHOICE_KEY = 'exitlab:engine';

function storedChoice(): string | null {
  try {
    return localStorage.getItem(ENGINE_CHOICE_KEY);
  } catch {
    return null;
  }
}

/** Whether this page could block on shared memory (it is cross-origin isolated). */
export function pageIsIsolated(): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated === true;
}

/**
 * Which way programs block on this page: by suspension where the browser has JSPI (Chrome
 * and Edge 137+, isolated or not, in an iframe too), else on shared memory where the page
 * is cross-origin isolated (Firefox, Safari), else neither. `?engine=shared-memory`,
 * `suspension` or `none`, or a choice stored by the "about" panel, picks another path
 * when the page has it.
 */
export function pageBlockingPath(search: string = location.search, stored: string | null = storedChoice()) {
  const requested = new URLSearchParams(search).get('engine') ?? stored;
  return choosePath({ sharedMemory: pageIsIsolated(), requested });
}

export interface BrowserEngineOptions {
  /**
   * When the first interpreter boots: given a function that boots it and resolves once it is
   * ready (or failed) and its snapshot is settled. Default: at once. A program started before
   * then boots its own interpreter at once, as it would without a warm pool.
   */
  bootWhen?: (boot: () => Promise<void>) => void;
}

/** The pool's status settles: an interpreter is ready (or failed) and no snapshot is being made. */
function settled(pool: EnginePool, limitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): boolean => {
      const s = pool.status();
      return s.state === 'failed' || (s.state === 'ready' && s.snapshot !== 'making');
    };
    if (done()) return resolve();
    const timer = setTimeout(finish, limitMs);
    const stop = pool.onStatus(() => {
      if (done()) finish();
    });
    function finish(): void {
      clearTimeout(timer);
      stop();
      resolve();
    }
  });
}

export function createBrowserEngine(opts: BrowserEngineOptions = {}): Engine {
  const blocking = pageBlockingPath();
  const pool = new EnginePool({
    factory: browserWorker,
    snapshots: cacheStorageSnapshotStore(),
    warm: 1,
    sharedMemory: blocking === 'shared-memory',
    suspend: blocking === 'suspension',
    // A first visit runs on a plainly booted interpreter; the snapshot is made after.
    snapshotIn: 'background',
    // Each drain of the output ring is one task of terminal work on the page's
    // main thread: 64 KiB keeps a print flood from freezing it.
    outputCapacity: 64 * 1024,
  });
  const boot = (): Promise<void> => {
    pool.fill();
    return settled(pool, 20_000);
  };
  if (opts.bootWhen) opts.bootWhen(boot);
  else void boot();
  const stop = pool.onStatus((status) => {
    if ((status.warm ?? 0) < 1) return;
    stop();
    keepCompiledPython();
  });
  return pool;
}

/**
 * The page holds one compiled copy of Pyodide's WebAssembly for as long as it is open.
 * Chromium shares compiled code between the workers of a page while one of them, or the
 * page, holds it; each run's worker is ended at its exit, so without this every refill
 * compiled Pyodide afresh and the next run went through code not yet optimised: on the
 * suspension path a run of `print("ready")` took 45-60 ms from Run to the exit badge
 * instead of 20-25 ms. Compiling it here, once a worker has it compiled, finds that code
 * and costs the page next to nothing; it starts only after the first interpreter is up,
 * so the first run does not wait for it.
 */
function keepCompiledPython(): void {
  const url = `${pyodideBaseUrl()}pyodide.asm.wasm`;
  const compile = async () => {
    const response = await fetch(url);
    try {
      return await WebAssembly.compileStreaming(response.clone());
    } catch {
      // A host that serves .wasm with another content type.
      return WebAssembly.compile(await response.arrayBuffer());
    }
  };
  compile().then(
    (module) => kept.push(module),
    () => undefined, // only a speed-up: without it runs are slower, not wrong
  );
}
/** Held, never used: holding it is the point. */
const kept: WebAssembly.Module[] = [];
