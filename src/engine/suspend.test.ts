import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Mailbox,
  STDIN_READ_EOF,
  STDIN_READ_INTERRUPTED,
  TICK_MS,
  TICK_SIGNAL,
  OUTPUT_WINDOW,
  PARK_SIGNAL,
  PARK_TIMEOUT,
  PARK_WOKEN,
  choosePath,
  installInterruptPoll,
  interruptPoll,
} from './suspend';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | number) => (typeof b === 'number' ? b : new TextDecoder().decode(b));

describe('Mailbox', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a parked thread resumes on unpark, on its timeout, and (the main thread only) on a signal', async () => {
    const box = new Mailbox();
    box.signalsReady = true;
    const outcomes: number[] = [];
    void box.park(1, -1, false).then((v) => outcomes.push(v));
    void box.park(2, 500, false).then((v) => outcomes.push(v));
    void box.park(0, -1, true).then((v) => outcomes.push(v));
    await vi.advanceTimersByTimeAsync(100);
    box.pushSignal(2); // only the main thread (0) is woken by it
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes).toEqual([PARK_SIGNAL]);
    box.unpark(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes).toEqual([PARK_SIGNAL, PARK_WOKEN]);
    await vi.advanceTimersByTimeAsync(400);
    expect(outcomes).toEqual([PARK_SIGNAL, PARK_WOKEN, PARK_TIMEOUT]);
  });

  it('an unpark that comes before the park is not lost', async () => {
    const box = new Mailbox();
    box.unpark(3);
    await expect(box.park(3, -1, false)).resolves.toBe(PARK_WOKEN);
  });

  it('after the threads are abandoned no park settles, by timeout, unpark or signal', async () => {
    const box = new Mailbox();
    box.signalsReady = true;
    let settled = false;
    void box.park(1, 50, false).then(() => (settled = true));
    void box.park(2, -1, true).then(() => (settled = true));
    box.abandonThreads();
    box.unpark(1);
    box.pushSignal(15);
    await vi.advanceTimersByTimeAsync(1000);
    void box.park(4, 0, false).then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(settled).toBe(false);
  });

  it("another thread's read of stdin is not interrupted by a signal", async () => {
    const box = new Mailbox();
    box.signalsReady = true;
    box.pushSignal(2);
    let got: Uint8Array | number | null = null;
    void box.read(100, false).then((v) => (got = v));
    await vi.advanceTimersByTimeAsync(0);
    expect(got).toBeNull();
    box.pushStdin(bytes('line\n'));
    await vi.advanceTimersByTimeAsync(0);
    expect(text(got!)).toBe('line\n');
  });

  it('a wait ends at its timeout without a signal, and at once when one arrives', async () => {
    const box = new Mailbox();
    box.signalsReady = true;
    let done: boolean | null = null;
    void box.wait(1000).then((v) => (done = v));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(false);

    done = null;
    void box.wait(10_000).then((v) => (done = v));
    await vi.advanceTimersByTimeAsync(300);
    box.pushSignal(15);
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
    expect(box.takeSignal()).toBe(15);
    expect(box.takeSignal()).toBe(0);
  });

  it('holds signals back until the dispatcher is ready', async () => {
    const box = new Mailbox();
    box.pushSignal(2);
    expect(box.hasSignal()).toBe(false);
    expect(box.takeSignal()).toBe(0);
    box.signalsReady = true;
    expect(box.takeSignal()).toBe(2);
  });

  it('a read waits for typed input, asks for it once, and gets at most what fits', async () => {
    const asked = vi.fn();
    const box = new Mailbox(asked);
    let got: Uint8Array | number | null = null;
    void box.read(3).then((v) => (got = v));
    await vi.advanceTimersByTimeAsync(0);
    expect(got).toBeNull();
    expect(asked).toHaveBeenCalledTimes(1);
    box.pushStdin(bytes('hello\n'));
    await vi.advanceTimersByTimeAsync(0);
    expect(text(got!)).toBe('hel');
    expect(text(await box.read(100))).toBe('lo\n');
    expect(asked).toHaveBeenCalledTimes(1);
  });

  it('a signal interrupts a waiting read, but not one that has input already', async () => {
    const box = new Mailbox();
    box.signalsReady = true;
    const reading = box.read(10);
    box.pushSignal(2);
    expect(await reading).toBe(STDIN_READ_INTERRUPTED);
    box.pushStdin(bytes('x\n'));
    expect(text(await box.read(10))).toBe('x\n');
    expect(box.takeSignal()).toBe(2);
  });

  it("a terminal's Ctrl+D ends one read; a pipe stays at end of input", async () => {
    const tty = new Mailbox();
    tty.pushStdin(null);
    tty.pushStdin(bytes('after\n'));
    expect(await tty.read(10)).toBe(STDIN_READ_EOF);
    expect(text(await tty.read(10))).toBe('after\n');

    const pipe = new Mailbox();
    pipe.stdinIsTty = false;
    pipe.pushStdin(null);
    expect(await pipe.read(10)).toBe(STDIN_READ_EOF);
    expect(await pipe.read(10)).toBe(STDIN_READ_EOF);
    expect(pipe.readNow(10)).toBe(STDIN_READ_EOF);
  });

  it('readNow never waits: what is there, else end of input', () => {
    const box = new Mailbox();
    expect(box.readNow(4)).toBe(STDIN_READ_EOF);
    box.pushStdin(bytes('abcdef'));
    expect(text(box.readNow(4))).toBe('abcd');
    expect(text(box.readNow(4))).toBe('ef');
  });
});

/**
 * Pyodide's own signal check (CPython's `_Py_CheckEmscriptenSignals_Helper`), taken from the
 * pinned pyodide's JavaScript: the tests run the real one against the installed poll.
 */
function pyodideSignalCheck(): (module: Record<string, unknown>) => number {
  const require = createRequire(import.meta.url);
  const glue = readFileSync(require.resolve('pyodide/pyodide.asm.mjs'), 'utf8');
  const body = /function _Py_CheckEmscriptenSignals_Helper\(\)\{(.*?)\}_Py_CheckEmscriptenSignals_Helper\.sig/s.exec(glue)?.[1];
  if (!body) throw new Error("pyodide's signal check is not where it was: re-check installInterruptPoll");
  return new Function('Module', body) as (module: Record<string, unknown>) => number;
}
const check = pyodideSignalCheck();

/** A module object with the poll installed, and one look of Pyodide's periodic check at it. */
function installed(mailbox: Mailbox, clock: () => number) {
  const module: Record<string, unknown> = {};
  installInterruptPoll(module, interruptPoll(mailbox, clock));
  return () => check(module);
}

describe('the interrupt poll, as Pyodide looks at it', () => {
  it('hands over a pending signal on the next look', () => {
    const box = new Mailbox();
    box.signalsReady = true;
    const look = installed(box, () => 0);
    expect(look()).toBe(0);
    box.pushSignal(10);
    expect(look()).toBe(10);
    expect(look()).toBe(0);
  });

  it('hands signals only to the main thread: while another thread runs they wait', () => {
    const box = new Mailbox();
    box.signalsReady = true;
    const look = installed(box, () => 0);
    box.pushSignal(15);
    box.mainRunning = false;
    expect(look()).toBe(0);
    box.mainRunning = true;
    expect(look()).toBe(15);
  });

  it('an answer given on the read that writes 0 back is kept for the next look, not lost', () => {
    const answers = [0, 0, 7];
    const module: Record<string, unknown> = {};
    installInterruptPoll(module, () => answers.shift() ?? 0);
    expect(check(module)).toBe(0); // the third read (the write) got the 7
    expect(check(module)).toBe(7);
    expect(check(module)).toBe(0);
  });

  it('answers the tick once per TICK_MS of running, reading the clock only now and then', () => {
    let now = 0;
    const clock = vi.fn(() => now);
    const box = new Mailbox();
    box.resumed(true);
    const look = installed(box, clock);
    const ticks = () => {
      let n = 0;
      for (let i = 0; i < 64; i++) if (look() === TICK_SIGNAL) n++;
      return n;
    };
    expect(ticks()).toBe(0);
    now = TICK_MS;
    expect(ticks()).toBe(1);
    expect(ticks()).toBe(0); // one tick until its handler has resumed the program
    box.resumed(true);
    now += TICK_MS / 2;
    expect(ticks()).toBe(0);
    now += TICK_MS;
    expect(ticks()).toBe(1);
    // Three asks per look at most, one clock read per 24 asks.
    expect(clock.mock.calls.length).toBeLessThanOrEqual((5 * 64 * 3) / 24 + 1);
  });

  it('counts running time only: a wait in the pool or a suspension does not make a tick', () => {
    let now = 0;
    const box = new Mailbox();
    const look = installed(box, () => now);
    for (let i = 0; i < 64; i++) look(); // the harness's warm-up, in the pool
    now = 10_000; // waiting in the pool
    box.resumed(true); // the run starts
    let ticks = 0;
    for (let i = 0; i < 64; i++) if (look() === TICK_SIGNAL) ticks++;
    expect(ticks).toBe(0);
  });
});

describe('choosePath', () => {
  it('prefers suspension, then shared memory, then neither', () => {
    expect(choosePath({ sharedMemory: true, suspension: true })).toBe('suspension');
    expect(choosePath({ sharedMemory: true, suspension: false })).toBe('shared-memory');
    expect(choosePath({ sharedMemory: false, suspension: false })).toBe('none');
  });

  it('takes a requested path only when it is available', () => {
    expect(choosePath({ sharedMemory: true, suspension: true, requested: 'shared-memory' })).toBe('shared-memory');
    expect(choosePath({ sharedMemory: false, suspension: true, requested: 'shared-memory' })).toBe('suspension');
    expect(choosePath({ sharedMemory: true, suspension: true, requested: 'none' })).toBe('none');
    expect(choosePath({ sharedMemory: true, suspension: false, requested: 'bogus' })).toBe('shared-memory');
  });
});

describe('the interrupt poll while the program is suspended', () => {
  it('hands nothing over until the program has resumed', () => {
    const box = new Mailbox();
    box.signalsReady = true;
    let now = 0;
    const look = installed(box, () => now);
    box.suspended = true;
    box.pushSignal(15);
    now = TICK_MS * 10;
    for (let i = 0; i < 32; i++) expect(look()).toBe(0);
    box.resumed(true);
    expect(look()).toBe(15);
  });
});

describe('the output window', () => {
  it('a full window makes the next poll tick, and drains once the host takes half back', async () => {
    const box = new Mailbox();
    const look = installed(box, () => 0);
    box.sent(OUTPUT_WINDOW + 1);
    expect(look()).toBe(TICK_SIGNAL);
    // One tick until its handler has reached the host.
    expect(look()).toBe(0);
    box.ticking = false;
    let drained = false;
    void box.drained().then(() => (drained = true));
    box.acked(OUTPUT_WINDOW / 4);
    await Promise.resolve();
    expect(drained).toBe(false);
    box.acked(OUTPUT_WINDOW / 2);
    await Promise.resolve();
    expect(drained).toBe(true);
    expect(look()).toBe(0);
  });
});
