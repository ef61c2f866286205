/** The engine worker under Node (worker_threads): same body as the browser's. */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { loadPyodide } from 'pyodide';
import { startEngineWorker, type PyodideLike } from '../../engine/worker-core';
import type { HostToWorker } from '../../engine/protocol';
import { C_STACK_BUDGET, type NodeWorkerData } from './engine';

const port = parentPort!;
const { harness } = workerData as NodeWorkerData;

startEngineWorker({
  readFile: async (path) => new Uint8Array(await readFile(path)),
  post: (msg, transfer) => port.postMessage(msg, transfer ?? []),
  onMessage: (handler) => port.on('message', (m: HostToWorker) => handler(m)),
  loadPyodide: (options) => loadPyodide(options) as unknown as Promise<PyodideLike>,
  harness,
  cStackBudget: C_STACK_BUDGET,
});
