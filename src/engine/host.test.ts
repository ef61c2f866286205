/** The host side of the suspension path, against a scripted fake worker (no Pyodide). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EnginePool, HostedProcess, type WorkerHandle } from './host';
import type { BlockingPath, HostToWorker, RunRequest, WorkerToHost } from './protocol';

interface FakeWorker extends WorkerHandle {
  posted: HostToWorker[];
  emit(msg: WorkerToHost): void;
  terminated: boolean;
}

function fakeFactory(blocking: BlockingPath, made: FakeWorker[]): () => WorkerHandle {
  return () => {
    let listener: ((m: WorkerToHost) => void) | null = null;
    const w: FakeWorker = {
      posted: [],
      terminated: false,
      post(msg) {
        w.posted.push(msg);
        if (msg.type === 'boot') {
          queueMicrotask(() =>
            listener?.({
              type: 'ready',
              info: { pythonVersion: '3.14.2', pyodideVersion: 'fake', fromSnapshot: false, bootMs: 1, blocking },
            }),
          );
        }
      },
      onMessage(cb) {
        listener = cb;
      },
      onError() {},
      terminate() {
        w.terminated = true;
      },
      emit(msg) {
        listener?.(msg);
      },
    };
    made.push(w);
    return w;
  };
}

const request = (tty = true): RunRequest => ({
  source: 'pass',
  filename: '/home/pyodide/main.py',
  argv: ['main.py'],
  stdio: { stdin: tty, stdout: tty, stderr: true },
});

const text = (m: HostToWorker) => (m.type === 'stdin' ? (m.data ? new TextDecoder().decode(m.data) : null) : undefined);

describe('HostedProcess on the suspension path', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  async function spawn(tty = true) {
    const made: FakeWorker[] = [];
    const pool = new EnginePool({ factory: fakeFactory('suspension', made), snapshots: null, warm: 0, sharedMemory: false, suspend: true });
    const proc = pool.spawn(request(tty), {});
    await proc.started;
    const w = made[0]!;
    expect(w.posted[0]).toMatchObject({ type: 'boot', suspend: true });
    expect(w.posted[0]).not.toHaveProperty('control', expect.anything());
    return { pool, proc, w };
  }

  it('says the pool is interactive once the worker took the path', async () => {
    const made: FakeWorker[] = [];
    const pool = new EnginePool({ factory: fakeFactory('suspension', made), snapshots: null, warm: 1, sharedMemory: false, suspend: true });
    pool.fill();
    await vi.advanceTimersByTimeAsync(0);
    expect(pool.status()).toMatchObject({ state: 'ready', blocking: 'suspension', interactive: true });
  });

  it('sends typed input by message during the run, a terminal line by line, EOF as null', async () => {
    const { proc, w } = await spawn();
    proc.writeStdin(new TextEncoder().encode('one\ntwo\nthr'));
    proc.writeStdin(null);
    const stdin = w.posted.filter((m) => m.type === 'stdin').map(text);
    expect(stdin).toEqual(['one\n', 'two\n', 'thr', null]);
  });

  it('a pipe gets its input as written', async () => {
    const { proc, w } = await spawn(false);
    proc.writeStdin(new TextEncoder().encode('a\nb\n'));
    expect(w.posted.filter((m) => m.type === 'stdin').map(text)).toEqual(['a\nb\n']);
  });

  it('input typed before the run starts reaches it, with no EOF added', async () => {
    const made: FakeWorker[] = [];
    const pool = new EnginePool({ factory: fakeFactory('suspension', made), snapshots: null, warm: 0, sharedMemory: false, suspend: true });
    const proc = pool.spawn(request(), {});
    proc.writeStdin(new TextEncoder().encode('early\n'));
    await proc.started;
    const kinds = made[0]!.posted.map((m) => (m.type === 'stdin' ? `stdin:${text(m)}` : m.type));
    expect(kinds).toEqual(['boot', 'stdin:early\n', 'run']);
  });

  it('signals go by message; a default-action signal the program does not act on is enforced after the grace period', async () => {
    const { proc, w } = await spawn();
    proc.sendSignal('SIGTERM');
    expect(w.posted.at(-1)).toEqual({ type: 'signal', signum: 15 });
    let status: number | null = null;
    void proc.exited.then((r) => (status = r.status));
    await vi.advanceTimersByTimeAsync(4999);
    expect(status).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(status).toBe(143);
    expect(w.terminated).toBe(true);
  });

  it('a handled signal is left to the program; a closed stdout is reported', async () => {
    const { proc, w } = await spawn();
    w.emit({ type: 'dispositions', handlers: { SIGTERM: 'handler' } });
    proc.sendSignal('SIGTERM');
    (proc as HostedProcess).stdoutClosed();
    expect(w.posted.slice(-2)).toEqual([{ type: 'signal', signum: 15 }, { type: 'stdout-closed' }]);
    let ended = false;
    void proc.exited.then(() => (ended = true));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ended).toBe(false);
    w.emit({ type: 'exit', record: { status: 0, cause: 'end' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(ended).toBe(true);
  });

  it('SIGKILL ends the run at once', async () => {
    const { proc, w } = await spawn();
    proc.sendSignal('SIGKILL');
    expect((await proc.exited).status).toBe(137);
    expect(w.terminated).toBe(true);
  });
});

describe('output on the suspension path', () => {
  it('is acknowledged once per turn, and not while the sink is full', async () => {
    const made: FakeWorker[] = [];
    const pool = new EnginePool({ factory: fakeFactory('suspension', made), snapshots: null, warm: 0, sharedMemory: false, suspend: true });
    let full = false;
    const proc = pool.spawn(request(), { stdout: () => !full });
    await proc.started;
    const w = made[0]!;
    const acks = () => w.posted.filter((m) => m.type === 'output-ack');
    w.emit({ type: 'stdout', data: new Uint8Array(100) });
    w.emit({ type: 'stdout', data: new Uint8Array(50) });
    await Promise.resolve();
    expect(acks()).toEqual([{ type: 'output-ack', bytes: 150 }]);
    full = true;
    w.emit({ type: 'stdout', data: new Uint8Array(10) });
    await Promise.resolve();
    expect(acks()).toHaveLength(1);
    full = false;
    proc.resumeOutput!();
    await Promise.resolve();
    expect(acks().at(-1)).toEqual({ type: 'output-ack', bytes: 10 });
  });
});
