// Baseline for the bench: a plain Pyodide boot in a fresh worker thread, nothing of ours.
import { parentPort } from 'node:worker_threads';
import { loadPyodide } from 'pyodide';

const start = performance.now();
const py = await loadPyodide({ stdout: () => {}, stderr: () => {} });
py.runPython('1 + 1');
parentPort.postMessage({ bootMs: performance.now() - start });
