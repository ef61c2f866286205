/**
 * What ended a run when the interpreter itself died, in words a learner can act on. One
 * classification for every place a death is seen: a JavaScript error out of Pyodide in the
 * worker, a fatal message from it, or the worker dying under the host.
 */
import type { ExitRecord } from './protocol';

export type CrashKind = 'stack exhausted' | 'out of memory' | 'wasm trap' | 'worker lost';

const RULES: readonly [RegExp, CrashKind][] = [
  // V8 and SpiderMonkey words for a JavaScript stack that ran out (the interpreter's C stack
  // lives in WebAssembly memory; deep recursion exhausts the engine's native stack first).
  [/Maximum call stack size exceeded|too much recursion|call stack exhausted/i, 'stack exhausted'],
  [/out of memory|Cannot enlarge memory|Array buffer allocation failed|memory allocation failed/i, 'out of memory'],
  [/RuntimeError: (unreachable|memory access out of bounds|divide by zero|integer overflow|indirect call)/i, 'wasm trap'],
];

export function classifyCrash(message: string): CrashKind | null {
  for (const [pattern, kind] of RULES) if (pattern.test(message)) return kind;
  return null;
}

/** The exit record of a run whose interpreter died with `message`. */
export function crashRecord(message: string, lost = false): ExitRecord {
  const kind = classifyCrash(message) ?? (lost ? 'worker lost' : null);
  return { status: 1, cause: 'crash', message: kind ? `${kind}: ${message}` : message };
}
