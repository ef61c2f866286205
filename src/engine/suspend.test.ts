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
  interruptSource,
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

describe('interruptSource (the getter Pyodide polls as its interrupt buffer)', () => {
  it('hands over a pending signal on the next poll', () => {
    const box = new Mailbox();
    box.signalsReady = true;
    const source = interruptSource(box, () => 0);
    expect(source[0]).toBe(0);
    box.pushSignal(10);
    expect(source[0]).toBe(10);
    expect(source[0]).toBe(0);
  });

  it('hands signals only to the main thread: while another thread runs they wait', () => {
    const box = new Mailbox();
    box.signalsReady = true;
    const source = interruptSource(box, () => 0);
    box.pushSignal(15);
    box.mainRunning = false;
    expect(source[0]).toBe(0);
    box.mainRunning = true;
    expect(source[0]).toBe(15);
  });

  it('answers the tick once per TICK_MS of running, reading the clock only now and then', () => {
    let now = 0;
    const clock = vi.fn(() => now);
    const mailbox = new Mailbox();
    const resumed = () => (mailbox.ticking = false);
    const source = interruptSource(mailbox, clock);
    const ticks = () => {
      let n = 0;
      for (let i = 0; i < 64; i++) if (source[0] === TICK_SIGNAL) n++;
      return n;
    };
    expect(ticks()).toBe(0);
    now = TICK_MS;
    expect(ticks()).toBe(1);
    expect(ticks()).toBe(0);
    resumed();
    now += TICK_MS * 3;
    expect(ticks()).toBe(1);
    // 1 read at creation, then one per 8 polls.
    expect(clock.mock.calls.length).toBeLessThanOrEqual(1 + (64 * 4) / 8);
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

describe('interruptSource while the program is suspended', () => {
  it('hands nothing over until the program has resumed', () => {
    const box = new Mailbox();
    box.signalsReady = true;
    let now = 0;
    const source = interruptSource(box, () => now);
    box.suspended = true;
    box.pushSignal(15);
    now = TICK_MS * 10;
    for (let i = 0; i < 32; i++) expect(source[0]).toBe(0);
    box.suspended = false;
    expect(source[0]).toBe(15);
  });
});

describe('the output window', () => {
  it('a full window makes the next poll tick, and drains once the host takes half back', async () => {
    const box = new Mailbox();
    const source = interruptSource(box, () => 0);
    box.sent(OUTPUT_WINDOW + 1);
    expect(source[0]).toBe(TICK_SIGNAL);
    // One tick until its handler has reached the host.
    expect(source[0]).toBe(0);
    box.ticking = false;
    let drained = false;
    void box.drained().then(() => (drained = true));
    box.acked(OUTPUT_WINDOW / 4);
    await Promise.resolve();
    expect(drained).toBe(false);
    box.acked(OUTPUT_WINDOW / 2);
    await Promise.resolve();
    expect(drained).toBe(true);
    expect(source[0]).toBe(0);
  });
});
