/// <reference lib="webworker" />
/** The engine's Web Worker: the shared worker body with the browser's Pyodide. */
import { startEngineWorker, type PyodideLike } from '../../engine/worker-core';
import type { HostToWorker, WorkerToHost } from '../../engine/protocol';
import { loadHarness } from './harness';
import { pyodideBaseUrl } from './pyodide-url';
import { readCachedSnapshot } from './snapshot-cache';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const harness = await loadHarness();
// Messages can arrive while the harness loads; queue them until the worker body listens.
const early: HostToWorker[] = [];
let deliver: ((m: HostToWorker) => void) | null = null;
scope.onmessage = (e: MessageEvent<HostToWorker>) => (deliver ? deliver(e.data) : early.push(e.data));

startEngineWorker({
  readFile: readCachedSnapshot,
  post: (msg: WorkerToHost, transfer?: ArrayBuffer[]) => scope.postMessage(msg, transfer ?? []),
  onMessage: (handler) => {
    deliver = handler;
    for (const m of early.splice(0)) handler(m);
  },
  loadPyodide: async (options) => {
    const indexURL = pyodideBaseUrl();
    const mod = (await import(/* @vite-ignore */ `${indexURL}pyodide.mjs`)) as {
      loadPyodide: (o: Record<string, unknown>) => Promise<PyodideLike>;
    };
    return mod.loadPyodide({ ...options, indexURL });
  },
  harness,
});
