/**
 * The one place the page gets its engine: the browser host (a warm pool of
 * Web Workers booted from a memory snapshot). For developing the UI without
 * Pyodide, swap in the FAKE engine from ./dev/fake-engine.ts here:
 *
 *   import { createFakeEngine } from './dev/fake-engine';
 *   export const engine: Engine = createFakeEngine();
 */
import type { Engine } from '../engine/process';
import { createBrowserEngine } from '../hosts/browser/engine';

export const engine: Engine = createBrowserEngine();

// For diagnostics and the bench: the pool's status (warm interpreters) from the console.
(globalThis as { __exitlab?: { engine: Engine } }).__exitlab = { engine };
