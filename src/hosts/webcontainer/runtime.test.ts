/**
 * The WebContainer adapter at its boundary: a fake `WebContainer` that behaves like the documented
 * API of @webcontainer/api 1.6.x (static `boot()`, `fs.writeFile`, `spawn()` returning `output`,
 * `input`, `exit`, `kill()`, `resize()`), including a `boot()` that never settles, as it does
 * offline. Nothing here reaches StackBlitz's servers.
 *
 * One file: every case runs against the one fake WebContainer defined here.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MAX_BOOT_TIMEOUT_MS,
  NodeRuntimeUnavailableError,
  checkEnvironment,
  createNodeRuntime,
  getNodeRuntime,
  unavailable,
  type NodeRuntimeOptions,
  type NodeRuntimeState,
  type ProcessLike,
  type UnavailableReason,
  type WebContainerClass,
  type WebContainerLike,
} from './runtime';

/** A spawned process: output is a ReadableStream of strings, input a WritableStream. */
class FakeProcess implements ProcessLike {
  readonly typed: string[] = [];
  readonly kill = vi.fn(() => {
    if (this.killStops) this.finish(this.killCode);
  });
  readonly resize = vi.fn();
  readonly output: ReadableStream<string>;
  readonly input: WritableStream<string>;
  readonly exit: Promise<number>;
  private out!: ReadableStreamDefaultController<string>;
  private resolveExit!: (code: number) => void;
  private done = false;

  constructor(
    readonly command: string,
    readonly args: string[],
    readonly options: unknown,
    /** false: a hot loop, which kill() is reported not to stop. */
    private readonly killStops = true,
    private readonly killCode = 143,
  ) {
    this.output = new ReadableStream<string>({ start: (c) => void (this.out = c) });
    this.input = new WritableStream<string>({ write: (chunk) => void this.typed.push(chunk) });
    this.exit = new Promise((r) => (this.resolveExit = r));
  }

  emit(text: string): void {
    this.out.enqueue(text);
  }

  finish(code: number): void {
    if (this.done) return;
    this.done = true;
    this.out.close();
    this.resolveExit(code);
  }
}

class FakeContainer implements WebContainerLike {
  readonly files = new Map<string, string | Uint8Array>();
  readonly processes: FakeProcess[] = [];
  killStops = true;
  readonly fs = {
    writeFile: vi.fn(async (path: string, data: string | Uint8Array) => {
      this.files.set(path, data);
    }),
  };
  readonly spawn = vi.fn(async (command: string, argsOrOptions?: unknown, maybeOptions?: unknown) => {
    const args = Array.isArray(argsOrOptions) ? (argsOrOptions as string[]) : [];
    const options = Array.isArray(argsOrOptions) ? maybeOptions : argsOrOptions;
    const p = new FakeProcess(command, args, options, this.killStops);
    this.processes.push(p);
    return p;
  }) as unknown as WebContainerLike['spawn'];
  readonly teardown = vi.fn();
  /** `mount` exists on the real API; the adapter must not use it. */
  readonly mount = vi.fn();

  proc(i: number): FakeProcess {
    const p = this.processes[i];
    if (!p) throw new Error(`no process ${i}`);
    return p;
  }
}

type BootMode = 'resolve' | 'hang' | 'reject' | 'manual';

function fakeClass(mode: BootMode, container = new FakeContainer()) {
  let release: (wc: WebContainerLike) => void = () => {};
  const boot = vi.fn((_options?: unknown): Promise<WebContainerLike> => {
    if (mode === 'resolve') return Promise.resolve(container);
    if (mode === 'reject') return Promise.reject(new Error('Unable to create more instances'));
    // hang: never settles, like boot() offline; manual: settles when the test says so.
    return new Promise((r) => (release = r));
  });
  const cls: WebContainerClass = { boot };
  return { cls, boot, container, release: () => release(container) };
}

const ISOLATED = { crossOriginIsolated: true, hasSharedArrayBuffer: true, onLine: true };

function runtime(cls: WebContainerClass, extra: NodeRuntimeOptions = {}) {
  const rt = createNodeRuntime({ WebContainer: cls, environment: ISOLATED, ...extra });
  const states: NodeRuntimeState['state'][] = [];
  rt.onStateChange((s) => states.push(s.state));
  return { rt, states };
}

const TERM = { cols: 100, rows: 30 };

/** Settles promises and stream callbacks (which do not use timers). */
async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('boot', () => {
  it('boots once, on demand: idle → booting → ready, with COEP require-corp', async () => {
    const { cls, boot } = fakeClass('resolve');
    const { rt, states } = runtime(cls);
    expect(rt.state()).toEqual({ state: 'idle' });
    expect(boot).not.toHaveBeenCalled();
    await expect(rt.boot()).resolves.toEqual({ state: 'ready' });
    await expect(rt.boot()).resolves.toEqual({ state: 'ready' });
    expect(boot).toHaveBeenCalledTimes(1);
    expect(boot.mock.calls[0]![0]).toMatchObject({ coep: 'require-corp' });
    expect(states).toEqual(['booting', 'ready']);
  });

  it('a boot that never settles is unavailable (timeout) after 20 s, and boot() is never called again', async () => {
    const { cls, boot } = fakeClass('hang');
    const { rt, states } = runtime(cls);
    const first = rt.boot();
    const second = rt.boot(); // while booting: the same promise
    await vi.advanceTimersByTimeAsync(MAX_BOOT_TIMEOUT_MS - 1);
    expect(rt.state()).toEqual({ state: 'booting' });
    await vi.advanceTimersByTimeAsync(1);
    const s = await first;
    expect(s).toMatchObject({ state: 'unavailable', reason: 'timeout' });
    expect(await second).toBe(s);
    if (s.state !== 'unavailable') throw new Error('not unavailable');
    expect(s.message).toContain('did not start within 20 seconds');
    expect(s.action).toMatch(/reload the page/);
    expect(s.action).toMatch(/Python lessons keep working/);

    // Later attempts (the Run button, Open shell) get the same answer at once.
    await expect(rt.boot()).resolves.toBe(s);
    const run = rt.run('console.log(1)', [], { ...TERM, onOutput: () => {} });
    await expect(run.exit).rejects.toBeInstanceOf(NodeRuntimeUnavailableError);
    await expect(run.exit).rejects.toMatchObject({ state: { reason: 'timeout' } });
    await expect(rt.openShell({ ...TERM, onOutput: () => {} }).exit).rejects.toBeInstanceOf(NodeRuntimeUnavailableError);
    expect(boot).toHaveBeenCalledTimes(1);
    expect(states).toEqual(['booting', 'unavailable']);
  });

  it('takes a shorter time limit, and cuts a longer one to 20 s', async () => {
    const short = runtime(fakeClass('hang').cls, { bootTimeoutMs: 5_000 }).rt;
    const long = runtime(fakeClass('hang').cls, { bootTimeoutMs: 60_000 }).rt;
    void short.boot();
    void long.boot();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(short.state()).toMatchObject({ state: 'unavailable', reason: 'timeout', message: expect.stringContaining('within 5 seconds') });
    expect(long.state()).toEqual({ state: 'booting' });
    await vi.advanceTimersByTimeAsync(15_000);
    expect(long.state()).toMatchObject({ state: 'unavailable', reason: 'timeout' });
  });

  it('adopts a boot that resolves after the time limit (without booting again)', async () => {
    const fake = fakeClass('manual');
    const { rt, states } = runtime(fake.cls);
    void rt.boot();
    await vi.advanceTimersByTimeAsync(MAX_BOOT_TIMEOUT_MS);
    expect(rt.state().state).toBe('unavailable');
    fake.release();
    await settle();
    expect(rt.state()).toEqual({ state: 'ready' });
    expect(states).toEqual(['booting', 'unavailable', 'ready']);
    const run = rt.run('x', [], { ...TERM, onOutput: () => {} });
    await settle();
    fake.container.proc(0).finish(0);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(run.exit).resolves.toBe(0);
    expect(fake.boot).toHaveBeenCalledTimes(1);
  });

  it('a boot that rejects is unavailable (boot-error) with the error in the sentence', async () => {
    const { cls, boot } = fakeClass('reject');
    const { rt } = runtime(cls);
    const s = await rt.boot();
    expect(s).toMatchObject({ state: 'unavailable', reason: 'boot-error', detail: 'Unable to create more instances' });
    if (s.state !== 'unavailable') throw new Error('not unavailable');
    expect(s.message).toBe('The Node.js runtime failed to start (Unable to create more instances).');
    await rt.boot();
    expect(boot).toHaveBeenCalledTimes(1);
  });

  it('loads the class lazily through a loader, once', async () => {
    const { cls, boot } = fakeClass('resolve');
    const loader = vi.fn(async () => cls);
    const rt = createNodeRuntime({ WebContainer: loader, environment: ISOLATED });
    expect(loader).not.toHaveBeenCalled();
    await rt.boot();
    await rt.boot();
    expect(loader).toHaveBeenCalledTimes(1);
    expect(boot).toHaveBeenCalledTimes(1);
  });

  it('a loader that fails (chunk not loadable) is a boot error', async () => {
    const rt = createNodeRuntime({ WebContainer: () => Promise.reject(new Error('Failed to fetch dynamically imported module')), environment: ISOLATED });
    await expect(rt.boot()).resolves.toMatchObject({ reason: 'boot-error' });
  });
});

describe('what the page lacks', () => {
  const cases: [Partial<typeof ISOLATED>, UnavailableReason][] = [
    [{ crossOriginIsolated: false, hasSharedArrayBuffer: false }, 'no-isolation'],
    [{ crossOriginIsolated: false }, 'no-isolation'],
    [{ hasSharedArrayBuffer: false }, 'unsupported-browser'],
    [{ onLine: false }, 'offline'],
  ];
  for (const [env, reason] of cases) {
    it(`${JSON.stringify(env)} → ${reason}, without calling boot()`, async () => {
      const { cls, boot } = fakeClass('resolve');
      const { rt, states } = runtime(cls, { environment: { ...ISOLATED, ...env } });
      await expect(rt.boot()).resolves.toMatchObject({ state: 'unavailable', reason });
      expect(boot).not.toHaveBeenCalled();
      expect(states).toEqual(['unavailable']);
      await expect(rt.run('x', [], { ...TERM, onOutput: () => {} }).exit).rejects.toMatchObject({ state: { reason } });
    });
  }

  it('an unknown isolation (old browser) with SharedArrayBuffer may try', () => {
    expect(checkEnvironment({ crossOriginIsolated: undefined, hasSharedArrayBuffer: true, onLine: undefined })).toBeNull();
  });

  it('says why in one sentence and what to do in another, for every reason', () => {
    const reasons: UnavailableReason[] = ['offline', 'timeout', 'no-isolation', 'unsupported-browser', 'boot-error'];
    for (const reason of reasons) {
      const s = unavailable(reason, { detail: 'x' });
      for (const sentence of [s.message, s.action]) {
        expect(sentence, reason).toMatch(/^[A-Z].*\.$/);
        expect(sentence, reason).not.toMatch(/\.\s+[A-Z]/); // one sentence
      }
    }
    expect(unavailable('no-isolation').action).toContain('Cross-Origin-Embedder-Policy: require-corp');
    expect(unavailable('unsupported-browser').message).toContain('SharedArrayBuffer');
  });
});

describe('run', () => {
  it('writes main.js with fs.writeFile (bytes, not mount) and spawns node main.js ARGS on a terminal', async () => {
    const { cls, container } = fakeClass('resolve');
    const { rt } = runtime(cls);
    const out: string[] = [];
    const run = rt.run("console.log('héllo')", ['3', 'two words'], { ...TERM, onOutput: (t) => out.push(t) });
    let started = false;
    void run.started.then(() => (started = true));
    await settle();
    expect(started).toBe(true);
    const data = container.files.get('main.js');
    expect(data).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(data as Uint8Array)).toBe("console.log('héllo')");
    expect(container.mount).not.toHaveBeenCalled();
    const p = container.proc(0);
    expect(p.command).toBe('node');
    expect(p.args).toEqual(['main.js', '3', 'two words']);
    expect(p.options).toMatchObject({ terminal: { cols: 100, rows: 30 } });

    p.emit('héllo\r\n');
    p.emit('/home/exitlab/main.js:2\r\n');
    await settle();
    expect(out).toEqual(['héllo\r\n', '/home/exitlab/main.js:2\r\n']);
    p.emit('last words\r\n');
    p.finish(3);
    await expect(run.exit).resolves.toBe(3);
    expect(out.join('')).toContain('last words');
  });

  it('boots on the first run, and later runs reuse the container (files persist)', async () => {
    const { cls, boot, container } = fakeClass('resolve');
    const { rt } = runtime(cls);
    const a = rt.run('one', [], { ...TERM, onOutput: () => {} });
    await settle();
    container.proc(0).finish(0);
    await a.exit;
    const b = rt.run('two', [], { ...TERM, onOutput: () => {} });
    await settle();
    container.proc(1).finish(1);
    await expect(b.exit).resolves.toBe(1);
    expect(boot).toHaveBeenCalledTimes(1);
    expect(container.fs.writeFile).toHaveBeenCalledTimes(2);
  });

  it('waits briefly for output still in flight after the exit code', async () => {
    const { cls, container } = fakeClass('resolve');
    const { rt } = runtime(cls, { outputGraceMs: 100 });
    const run = rt.run('x', [], { ...TERM, onOutput: () => {} });
    await settle();
    const p = container.proc(0);
    // Exit reported while the output stream is still open (a descendant holds it).
    (p as unknown as { resolveExit(c: number): void }).resolveExit(0);
    let code: number | null = null;
    void run.exit.then((c) => (code = c));
    await vi.advanceTimersByTimeAsync(99);
    expect(code).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(code).toBe(0);
  });

  it('typed input goes to the terminal, also when typed before the process exists', async () => {
    const { cls, container } = fakeClass('resolve');
    const { rt } = runtime(cls);
    const run = rt.run('x', [], { ...TERM, onOutput: () => {} });
    run.write('early\r');
    await settle();
    run.write('late\r');
    run.write('\x04');
    await settle();
    expect(container.proc(0).typed).toEqual(['early\r', 'late\r', '\x04']);
  });

  it('kill() calls the process kill(); exit reports what the WebContainer says', async () => {
    const { cls, container } = fakeClass('resolve');
    const { rt } = runtime(cls);
    const run = rt.run('x', [], { ...TERM, onOutput: () => {} });
    await settle();
    run.kill();
    expect(container.proc(0).kill).toHaveBeenCalledTimes(1);
    await expect(run.exit).resolves.toBe(143); // the fake's choice: the real code is unspecified
  });

  it('kill() before the process is spawned spawns nothing and gives 137', async () => {
    const fake = fakeClass('manual');
    const { rt } = runtime(fake.cls);
    const run = rt.run('x', [], { ...TERM, onOutput: () => {} });
    run.kill();
    await settle(); // boot() has been called
    fake.release();
    await expect(run.exit).resolves.toBe(137);
    expect(fake.container.spawn).not.toHaveBeenCalled();
  });

  it('a hot loop that kill() does not stop keeps running: exit stays pending', async () => {
    const container = new FakeContainer();
    container.killStops = false;
    const { rt } = runtime(fakeClass('resolve', container).cls);
    const run = rt.run('while (true) {}', [], { ...TERM, onOutput: () => {} });
    await settle();
    run.kill();
    let ended = false;
    void run.exit.then(() => (ended = true));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(container.proc(0).kill).toHaveBeenCalled();
    expect(ended).toBe(false);
  });

  it('signals: SIGINT types Ctrl+C, SIGKILL kills, SIGTERM cannot be sent', async () => {
    const { cls, container } = fakeClass('resolve');
    const { rt } = runtime(cls);
    const run = rt.run('x', [], { ...TERM, onOutput: () => {} });
    await settle();
    const p = container.proc(0);
    expect(run.sendSignal('SIGINT')).toBe('ctrl-c');
    expect(run.sendSignal('SIGTERM')).toBe('unsupported');
    expect(run.sendSignal('SIGUSR1')).toBe('unsupported');
    await settle();
    expect(p.typed).toEqual(['\x03']);
    expect(p.kill).not.toHaveBeenCalled();
    expect(run.sendSignal('SIGKILL')).toBe('kill');
    expect(p.kill).toHaveBeenCalledTimes(1);
  });

  it('spawn failing rejects exit with its error and leaves the runtime ready', async () => {
    const { cls, container } = fakeClass('resolve');
    (container.spawn as unknown as ReturnType<typeof vi.fn>).mockRejectedValueOnce(new Error('spawn failed'));
    const { rt } = runtime(cls);
    const run = rt.run('x', [], { ...TERM, onOutput: () => {} });
    await expect(run.exit).rejects.toThrow('spawn failed');
    await expect(run.started).resolves.toBeUndefined();
    expect(rt.state()).toEqual({ state: 'ready' });
  });
});

describe('openShell', () => {
  it('spawns jsh on a terminal of the given size; resize and input reach it', async () => {
    const { cls, container } = fakeClass('resolve');
    const { rt } = runtime(cls);
    const out: string[] = [];
    const shell = rt.openShell({ cols: 80, rows: 24, onOutput: (t) => out.push(t) });
    shell.resize(120, 40); // before the spawn: applied once it exists
    await settle();
    const p = container.proc(0);
    expect(p.command).toBe('jsh');
    expect(p.args).toEqual([]);
    expect(p.options).toMatchObject({ terminal: { cols: 80, rows: 24 } });
    expect(p.resize).toHaveBeenCalledWith({ cols: 120, rows: 40 });
    shell.write('node main.js; echo $?\r');
    p.emit('~/exitlab ❯ ');
    await settle();
    expect(p.typed).toEqual(['node main.js; echo $?\r']);
    expect(out).toEqual(['~/exitlab ❯ ']);
    shell.resize(100, 30);
    expect(p.resize).toHaveBeenLastCalledWith({ cols: 100, rows: 30 });
    p.finish(0);
    await expect(shell.exit).resolves.toBe(0);
  });
});

describe('getNodeRuntime', () => {
  it('is one runtime per page', () => {
    expect(getNodeRuntime()).toBe(getNodeRuntime());
    expect(getNodeRuntime().state()).toEqual({ state: 'idle' });
  });
});
