/**
 * The SharedArrayBuffer between a host and its engine worker.
 *
 * A worker blocked inside Python (time.sleep, input(), a busy loop) cannot
 * read messages, so signals and stdin reach it through shared memory, and the
 * worker blocks with Atomics.wait on the doorbell word.
 *
 * Output goes the other way through a ring buffer, like a pipe: the worker
 * appends records (stream, length, bytes) and posts one `output` message only
 * when it writes into an empty ring; the host drains everything on each
 * message. A flood costs one message per drain, not one per print(), and a
 * full ring blocks the writer until the host has read, as a full pipe does.
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
  /** Output ring: next byte the worker writes, next byte the host reads (0..OUTPUT_CAPACITY-1). */
  OUT_WRITE: 6,
  OUT_READ: 7,
} as const;

export const STDIN_EMPTY = 0;
export const STDIN_DATA = 1;
export const STDIN_EOF = 2;

const HEADER_BYTES = 64;
export const STDIN_CAPACITY = 64 * 1024;
/** Output ring size: a page takes smaller bites (each drain is one task of terminal work). */
export const OUTPUT_CAPACITY = 1024 * 1024;
/** A record's header: stream (1 = stdout, 2 = stderr), then the length (u32, little-endian). */
const RECORD_HEADER = 5;

export interface ControlViews {
  ints: Int32Array;
  /** The interrupt buffer handed to pyodide.setInterruptBuffer (slot 0 only). */
  interrupt: Int32Array;
  stdinBytes: Uint8Array;
  outputBytes: Uint8Array;
}

export function createControlBuffer(outputCapacity = OUTPUT_CAPACITY): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + STDIN_CAPACITY + outputCapacity);
}

export function controlViews(sab: SharedArrayBuffer): ControlViews {
  return {
    ints: new Int32Array(sab, 0, HEADER_BYTES / 4),
    interrupt: new Int32Array(sab, 0, 1),
    stdinBytes: new Uint8Array(sab, HEADER_BYTES, STDIN_CAPACITY),
    outputBytes: new Uint8Array(sab, HEADER_BYTES + STDIN_CAPACITY),
  };
}

export function ringDoorbell(ints: Int32Array): void {
  Atomics.add(ints, SLOT.DOORBELL, 1);
  Atomics.notify(ints, SLOT.DOORBELL);
}

function ringPut(ring: Uint8Array, at: number, bytes: Uint8Array): number {
  const first = Math.min(bytes.length, ring.length - at);
  ring.set(bytes.subarray(0, first), at);
  if (first < bytes.length) ring.set(bytes.subarray(first), 0);
  return (at + bytes.length) % ring.length;
}

function ringGet(ring: Uint8Array, at: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const first = Math.min(length, ring.length - at);
  out.set(ring.subarray(at, at + first));
  if (first < length) out.set(ring.subarray(0, length - first), first);
  return out;
}

/**
 * Worker side: appends `data` for `stream`. Calls `wake` when the ring was
 * empty (the host may be idle), and `waitForRoom` while it is full.
 */
export function writeOutput(
  v: ControlViews,
  stream: 1 | 2,
  data: Uint8Array,
  wake: () => void,
  waitForRoom: (readPos: number) => void,
): void {
  const { ints, outputBytes: ring } = v;
  const cap = ring.length;
  let offset = 0;
  while (offset < data.length) {
    const r = Atomics.load(ints, SLOT.OUT_READ);
    const w = Atomics.load(ints, SLOT.OUT_WRITE);
    const used = (w - r + cap) % cap;
    const free = cap - 1 - used;
    if (free <= RECORD_HEADER) {
      waitForRoom(r);
      continue;
    }
    const n = Math.min(data.length - offset, free - RECORD_HEADER);
    const header = new Uint8Array(RECORD_HEADER);
    header[0] = stream;
    new DataView(header.buffer).setUint32(1, n, true);
    let at = ringPut(ring, w, header);
    at = ringPut(ring, at, data.subarray(offset, offset + n));
    Atomics.store(ints, SLOT.OUT_WRITE, at);
    if (used === 0) wake();
    offset += n;
  }
}

/**
 * Host side: reads every complete record in the ring, in order, merging
 * neighbours of the same stream, and frees the space (waking a blocked writer).
 * The ring is copied out of shared memory once; headers are then parsed and
 * payloads packed in that copy (a flood is thousands of tiny records per drain).
 */
export function drainOutput(v: ControlViews, deliver: (stream: 1 | 2, data: Uint8Array) => void): void {
  const { ints, outputBytes: ring } = v;
  const cap = ring.length;
  const r = Atomics.load(ints, SLOT.OUT_READ);
  const w = Atomics.load(ints, SLOT.OUT_WRITE);
  if (r === w) return;
  const used = (w - r + cap) % cap;
  const buf = ringGet(ring, r, used);
  Atomics.store(ints, SLOT.OUT_READ, w);
  Atomics.notify(ints, SLOT.OUT_READ);
  let read = 0;
  let packed = 0;
  let start = 0;
  let stream: 1 | 2 | null = null;
  while (read + RECORD_HEADER <= used) {
    const next: 1 | 2 = buf[read] === 2 ? 2 : 1;
    const n = (buf[read + 1]! | (buf[read + 2]! << 8) | (buf[read + 3]! << 16) | (buf[read + 4]! << 24)) >>> 0;
    read += RECORD_HEADER;
    if (stream !== null && next !== stream) {
      deliver(stream, buf.subarray(start, packed));
      start = packed;
    }
    stream = next;
    // Earlier payloads end before `read`, so packing moves bytes only towards the front.
    buf.copyWithin(packed, read, read + n);
    packed += n;
    read += n;
  }
  if (stream !== null) deliver(stream, buf.subarray(start, packed));
}
