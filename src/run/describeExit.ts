/**
 * Words for how a run ended (the exit record: status and cause): the exit
 * badge's text and the terminal's final bracketed line. Pure functions, no DOM.
 *
 *   exit status 3 · sys.exit(3) at line 12
 *   exit status 1 · uncaught ValueError
 *   killed by SIGTERM (143) · no cleanup ran
 *   exit status 0 · os._exit(0): 12 bytes of buffered output lost
 */
import type { ExitRecord, SignalName } from '../engine/protocol';
import { deathSignal, linuxSignalNumber } from '../shell';

export const SEPARATOR = ' · ';

/** The longest `value` repr shown inside `sys.exit(...)` before it is shortened with `…`. */
const MAX_VALUE_CHARS = 40;

function signalNumber(name: string | undefined): number | undefined {
  // Any Linux signal: a program may die of one the host cannot send (SIGABRT, SIGSEGV, ...).
  return name === undefined ? undefined : linuxSignalNumber(name);
}

/**
 * `exit status N`, or `killed by SIGNAME (N)` when the status is 128 + the
 * number of the signal that ended the process.
 */
export function statusHeadline(status: number, signal?: SignalName | string): string {
  const num = signalNumber(signal);
  if (signal !== undefined && num !== undefined && status === 128 + num) {
    return `killed by ${signal} (${status})`;
  }
  return `exit status ${status}`;
}

/** The terminal's final line: `[exit status 3]`, `[killed by SIGTERM (143)]`. */
export function finalLine(status: number, signal?: SignalName | string): string {
  return `[${statusHeadline(status, signal)}]`;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > MAX_VALUE_CHARS ? `${oneLine.slice(0, MAX_VALUE_CHARS - 1)}…` : oneLine;
}

function bytes(n: number): string {
  return n === 1 ? '1 byte' : `${n} bytes`;
}

function lostOutput(record: ExitRecord): string {
  return record.lostBytes !== undefined && record.lostBytes > 0
    ? `${bytes(record.lostBytes)} of buffered output lost`
    : '';
}

/** The cause in words, without the headline; empty when there is nothing to add. */
export function describeCause(record: ExitRecord): string {
  const at = record.line !== undefined ? ` at line ${record.line}` : '';
  const lost = lostOutput(record);
  switch (record.cause) {
    case 'end':
      return record.message ?? 'the program ran to its end';
    case 'sys.exit': {
      const value = record.value === undefined || record.value === 'None' ? '' : shorten(record.value);
      return `sys.exit(${value})${at}`;
    }
    case 'exception':
      return record.type !== undefined ? `uncaught ${record.type}` : 'uncaught exception';
    case 'os._exit': {
      const value = record.value !== undefined ? shorten(record.value) : String(record.status);
      return `os._exit(${value})${lost ? `: ${lost}` : ''}`;
    }
    case 'signal': {
      // An uncaught KeyboardInterrupt: cleanup ran, then the process killed itself with SIGINT.
      if (record.type !== undefined) return `uncaught ${record.type}`;
      const killed = record.signal !== undefined && statusHeadline(record.status, record.signal).startsWith('killed');
      const what = killed ? 'no cleanup ran' : `ended by ${record.signal ?? 'a signal'}`;
      return lost ? `${what}, ${lost}` : what;
    }
    case 'crash':
      return record.message ? `crashed: ${shorten(record.message)}` : 'the interpreter crashed';
    default:
      return '';
  }
}

/** `exit status N` or `killed by SIGNAME (N)` for one process, as a shell sees it. */
export function recordHeadline(record: ExitRecord): string {
  const sig = deathSignal(record) ?? record.signal;
  return statusHeadline(record.status, sig);
}

/** The exit badge's text for one Python process. */
export function describeExit(record: ExitRecord): string {
  const head = recordHeadline(record);
  const cause = describeCause(record);
  return cause ? `${head}${SEPARATOR}${cause}` : head;
}

/** How a whole command line ended, as the shell reports it. */
export interface LineOutcome {
  /** The shell's `$?` after the line. */
  status: number;
  /** The exit record of the last Python process the line ran, if any. */
  last: ExitRecord | null;
  /** Whether a `timeout` in the line fired. */
  timedOut: boolean;
  /** Which program `last` belongs to (default python). */
  program?: 'python' | 'node';
}

/** Whether the line's status is exactly the last Python process's (e.g. `python main.py`). */
function endedWithPython(outcome: LineOutcome): outcome is LineOutcome & { last: ExitRecord } {
  return outcome.last !== null && outcome.last.status === outcome.status && !outcome.timedOut;
}

/** The exit badge's text for a command line. */
export function describeLine(outcome: LineOutcome): string {
  if (endedWithPython(outcome)) return describeExit(outcome.last);
  const head = statusHeadline(outcome.status);
  if (outcome.timedOut) {
    const python = outcome.last ? ` (${outcome.program ?? 'python'}: ${recordHeadline(outcome.last)})` : '';
    return `${head}${SEPARATOR}timeout fired${python}`;
  }
  if (outcome.last) {
    return `${head}${SEPARATOR}${outcome.program ?? 'python'} ended with ${describeExit(outcome.last).replace(SEPARATOR, ': ')}`;
  }
  return head;
}

/** The terminal's final line for a command line. */
export function finalLineFor(outcome: LineOutcome): string {
  if (endedWithPython(outcome)) return `[${recordHeadline(outcome.last)}]`;
  return finalLine(outcome.status);
}
