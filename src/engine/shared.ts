/**
 * The SharedArrayBuffer between a host and its engine worker.
 *
 * A worker blocked inside Python (time.sleep, input(), a busy loop) cannot
 * read messages, so signals and stdin reach it through shared memory, and the
 * worker blocks with Atomics.wait on the doorbell word.
 */

/** Int32 slots. */
export const SLOT = {
  /** Pyodide's interrupt buffer: the pending signal number (0: none). Pyodide clears it. */
  INTERRUPT: 0,
  /** Bumped (and notified) by the host whenever it writes a signal or stdin. */
  DOORBELL: 1,
  /** Stdin mailbox state: EMPTY, DATA or EOF. */
  STDIN_STATE: 2,
  /** Number of bytes in the mailbox when STDIN_STATE is DATA. */
  STDIN_LEN: 3,
  /** 1 once the host's stdout is gone (a closed pipe): writes fail with EPIPE. */
  STDOUT_CLOSED: 4,
  /** Never written: a frozen worker waits on it until the host terminates it. */
  FREEZE: 5,
} as const;

export const STDIN_EMPTY = 0;
export const STDIN_DATA = 1;
export const STDIN_EOF = 2;

const HEADER_BYTES = 64;
export const STDIN_CAPACITY = 64 * 1024;

export interface ControlViews {
  ints: Int32Array;
  /** The interrupt buffer handed to pyodide.setInterruptBuffer (slot 0 only). */
  interrupt: Int32Array;
  stdinBytes: Uint8Array;
}

export function createControlBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + STDIN_CAPACITY);
}

export function controlViews(sab: SharedArrayBuffer): ControlViews {
  return {
    ints: new Int32Array(sab, 0, HEADER_BYTES / 4),
    interrupt: new Int32Array(sab, 0, 1),
    stdinBytes: new Uint8Array(sab, HEADER_BYTES, STDIN_CAPACITY),
  };
}

export function ringDoorbell(ints: Int32Array): void {
  Atomics.add(ints, SLOT.DOORBELL, 1);
  Atomics.notify(ints, SLOT.DOORBELL);
}
