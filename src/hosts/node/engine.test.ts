/**
 * The engine pool as a host drives it: a fresh interpreter for every run,
 * nothing leaking between runs, SIGKILL, stdin typeahead and EOF.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnginePool } from '../../engine/host';
import type { ProcessListener } from '../../engine/process';
import { NOTICE_TEXT, SANDBOX_DOC, type EngineNotice, type ExitRecord, type RunRequest, type TimelineEvent } from '../../engine/protocol';
import { createNodeEngine } from './engine';

const ROOT = resolve(__dirname, '../../..');
let engine: EnginePool;

beforeAll(() => {
  spawnSync('node', [join(ROOT, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
  engine = createNodeEngine(
    {
      workerFile: join(ROOT, 'dist-cli/worker.mjs'),
      harnessDir: join(ROOT, 'src/engine/harness'),
      cacheDir: join(ROOT, 'node_modules/.cache/exitlab'),
    },
    // A small output ring (the CLI's is 1 MiB), so that a flood arrives in many deliveries
    // whatever the timing, and a sink that pauses really holds the program back.
    { warm: 1, outputCapacity: 16 * 1024 },
  );
  engine.fill();
});
afterAll(() => engine.dispose());

interface Outcome {
  stdout: string;
  stderr: string;
  record: ExitRecord;
  timeline: TimelineEvent[];
}

function request(source: string, mode: 'tty' | 'pipe' = 'pipe'): RunRequest {
  return {
    source,
    filename: '/home/pyodide/main.py',
    argv: ['main.py'],
    stdio: { stdin: mode === 'tty', stdout: mode === 'tty', stderr: mode === 'tty' },
    cwd: '/home/pyodide',
    files: [],
  };
}

function start(req: RunRequest, extra: ProcessListener = {}) {
  const dec = new TextDecoder();
  let stdout = '';
  let stderr = '';
  const timeline: TimelineEvent[] = [];
  const proc = engine.spawn(req, {
    ...extra,
    stdout: (d) => {
      stdout += dec.decode(d);
      extra.stdout?.(d);
    },
    stderr: (d) => {
      stderr += dec.decode(d);
    },
    timeline: (e) => timeline.push(e),
  });
  const outcome = proc.exited.then((record): Outcome => ({ stdout, stderr, record, timeline }));
  return { proc, outcome, output: () => stdout, errors: () => stderr };
}

const run = (source: string, mode: 'tty' | 'pipe' = 'pipe') => start(request(source, mode)).outcome;

function until(cond: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  return new Promise((ok, fail) => {
    const tick = () => (cond() ? ok() : Date.now() > end ? fail(new Error('timed out')) : setTimeout(tick, 5));
    tick();
  });
}

describe('engine pool', () => {
  it('gives every run a fresh interpreter: no modules, handlers, atexit or stdin leak', async () => {
    const first = start(
      request(
        [
          'import atexit, signal, sys, types',
          'sys.modules["leftover"] = types.ModuleType("leftover")',
          'atexit.register(print, "first run atexit")',
          'signal.signal(signal.SIGTERM, signal.SIG_IGN)',
          'import time',
          'print("first", flush=True)',
          'time.sleep(0.3)',
        ].join('\n'),
      ),
    );
    // Typeahead the first program never reads, and a signal it ignores.
    first.proc.writeStdin(new TextEncoder().encode('unread line\n'));
    await until(() => first.output().includes('first'));
    first.proc.sendSignal('SIGTERM');
    const a = await first.outcome;
    expect(a.stdout).toBe('first\nfirst run atexit\n');

    const second = start(
      request(
        [
          'import atexit, signal, sys, time',
          'print("leftover" in sys.modules, atexit._ncallbacks() <= 2, signal.getsignal(signal.SIGTERM))',
          'time.sleep(0.2)',
          'print(repr(sys.stdin.read()))',
        ].join('\n'),
      ),
    );
    second.proc.writeStdin(null); // end of input at once: nothing typed for the first run may show up
    const b = await second.outcome;
    expect(b.stdout).toBe("False True 0\n''\n"); // str(Handlers.SIG_DFL) is '0', natively too
    expect(b.record).toMatchObject({ status: 0, cause: 'end' });
  });

  it('SIGKILL ends a busy loop at once with 137 and says what it cannot know', async () => {
    const { proc, outcome, output } = start(request('print("spinning", flush=True)\nwhile True:\n    pass\n'));
    await until(() => output().includes('spinning'));
    const sent = performance.now();
    proc.sendSignal('SIGKILL');
    const o = await outcome;
    expect(performance.now() - sent).toBeLessThan(200);
    expect(o.record).toEqual({ status: 137, cause: 'signal', signal: 'SIGKILL' });
    expect(o.timeline.map((e) => e.kind)).toEqual(['skipped', 'exit']);
    expect(o.timeline[0]).toEqual({ kind: 'skipped', what: 'unknown' });
  });

  it('a default SIGTERM stops a busy loop without running finally, and reports lost output', async () => {
    // "lost" is in stdout's buffer before "ready" (on stderr) says the loop is about to start.
    const { proc, outcome, errors } = start(
      request('import sys\ntry:\n    print("lost")\n    sys.stderr.write("ready\\n"); sys.stderr.flush()\n    while True: pass\nfinally:\n    print("finally")\n'),
    );
    await until(() => errors().includes('ready'));
    proc.sendSignal('SIGTERM');
    const o = await outcome;
    expect(o.stdout).toBe('');
    expect(o.stderr).toBe('ready\n');
    // On failure, say whether the interpreter acted (a `signal` event) or the host gave up on it.
    expect(o.record, JSON.stringify(o.timeline)).toMatchObject({ status: 143, cause: 'signal', signal: 'SIGTERM', lostBytes: 5 });
    expect(o.timeline.filter((e) => e.kind === 'skipped')).toEqual([
      { kind: 'skipped', what: 'finally', line: 7 },
      { kind: 'skipped', what: 'buffered-output', bytes: 5 },
    ]);
  });

  it('keeps typed lines until the program asks, and Ctrl+D on a terminal ends one read only', async () => {
    const enc = new TextEncoder();
    const { proc, outcome } = start(
      request(
        [
          'import time',
          'time.sleep(0.3)  # lines typed meanwhile are kept, as a terminal keeps them',
          'print(input("a? "))',
          'try:',
          '    input("b? ")',
          'except EOFError as e:',
          '    print("EOF", repr(str(e)))',
          'print(input("c? "))',
        ].join('\n'),
        'tty',
      ),
    );
    proc.writeStdin(enc.encode('typed early\n'));
    proc.writeStdin(null);
    proc.writeStdin(enc.encode('after eof\n'));
    const o = await outcome;
    expect(o.stdout).toBe("typed early\nEOF ''\nafter eof\n");
    // On a terminal the prompts go to stderr, as CPython's readline path writes them.
    expect(o.stderr).toBe('a? b? c? ');
  });

  it('runs a program that writes files and hands the working directory back', async () => {
    const files: { path: string; data: Uint8Array }[] = [];
    const req = request('with open("saved.txt", "w") as f:\n    f.write("pending work")\n');
    req.files = [{ path: 'old.txt', data: new TextEncoder().encode('from last run') }];
    const { outcome } = start(req, { files: (f) => files.push(...f) });
    await outcome;
    const byName = Object.fromEntries(files.map((f) => [f.path, new TextDecoder().decode(f.data)]));
    expect(byName).toEqual({ 'old.txt': 'from last run', 'saved.txt': 'pending work' });
  });

  it('keeps files the program closed before it was killed (SIGKILL), as a disk does', async () => {
    let files: { path: string; data: Uint8Array }[] = [];
    const req = request(
      'with open("draft.txt", "w") as f:\n    f.write("saved before the kill")\nprint("saved", flush=True)\nwhile True:\n    pass\n',
    );
    req.files = [];
    const { proc, outcome, output } = start(req, { files: (f) => (files = f) });
    await until(() => output().includes('saved'));
    proc.sendSignal('SIGKILL');
    await outcome;
    expect(files.map((f) => [f.path, new TextDecoder().decode(f.data)])).toEqual([['draft.txt', 'saved before the kill']]);
  });

  it('streams a flood of output in order, and a full sink holds the program back like a full pipe', async () => {
    const chunks: string[] = [];
    let paused = 0;
    const dec = new TextDecoder();
    const proc = engine.spawn(request('for i in range(30000):\n    print(i)\n'), {
      stdout(data) {
        chunks.push(dec.decode(data));
        if (paused < 3) {
          paused++;
          setTimeout(() => proc.resumeOutput?.(), 50);
          return false;
        }
        return true;
      },
    });
    const record = await proc.exited;
    expect(record.status).toBe(0);
    expect(paused).toBe(3);
    const text = chunks.join('');
    expect(text).toBe(Array.from({ length: 30000 }, (_, i) => `${i}\n`).join(''));
    // Far fewer deliveries than prints: the ring batches them.
    expect(chunks.length).toBeLessThan(3000);
  });

  it('reports a fatal WebAssembly error in the interpreter as cause crash, and the next run works', async () => {
    // Reading past the end of linear memory traps (a segfault natively); Pyodide cannot go on after it.
    const o = await run('import ctypes\nprint("about to crash", flush=True)\nctypes.string_at(0xFFFFFFF0, 64)\n');
    expect(o.stdout.startsWith('about to crash\n')).toBe(true);
    expect(o.record).toEqual({ status: 1, cause: 'crash', message: expect.stringMatching(/memory access out of bounds/) });
    const next = await run('print("fine")');
    expect(next.stdout).toBe('fine\n');
  });

  it('reports a crash of the worker as cause crash, and the next run works', async () => {
    // The worker thread itself ends mid-run (through Pyodide's `js` module: Node's process.exit
    // in a worker ends only that thread), so no exit record ever comes from it.
    const o = await run('import js\nprint("about to die", flush=True)\njs.process.exit(7)\nprint("not reached")\n');
    expect(o.stdout).toBe('about to die\n');
    expect(o.record).toEqual({ status: 1, cause: 'crash', message: expect.stringMatching(/worker exited with code 7/) });
    const next = await run('print("fine")');
    expect(next.stdout).toBe('fine\n');
  });

  it('reports a worker that ends with code 0 mid-run as a crash too (the run does not hang)', async () => {
    const o = await run('import js\njs.process.exit(0)\n');
    expect(o.record).toEqual({ status: 1, cause: 'crash', message: expect.stringMatching(/worker exited with code 0/) });
  });

  it("says once, beside Python's own error, what the sandbox cannot do; a caught error is still said, a working call is not", async () => {
    const program = [
      'import os, socket, subprocess, sys',
      'for attempt in (lambda: os.fork(), lambda: os.fork(), lambda: subprocess.run(["ls"]),',
      '                lambda: socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)):',
      '    try:',
      '        attempt()',
      '    except OSError as e:',
      '        print(type(e).__name__, e.errno)',
      'socket.socket().close()  # an ordinary socket object can be made: nothing to say',
      'import multiprocessing',
      'multiprocessing.Process(target=print).start()',
    ].join('\n');
    const notices: EngineNotice[] = [];
    const o = await start(request(program), { notice: (n) => notices.push(n) }).outcome;
    expect(o.stdout).toBe('OSError 52\nOSError 52\nOSError 138\nOSError 28\n');
    expect(o.stderr.trimEnd().split('\n').pop()).toBe("ModuleNotFoundError: No module named '_multiprocessing'");
    expect(o.stderr).not.toMatch(/_exitlab|sandbox\.py/);
    expect(notices).toEqual(['sandbox-fork', 'sandbox-subprocess', 'sandbox-raw-socket', 'sandbox-multiprocessing']);
    for (const n of notices) expect(NOTICE_TEXT[n]).toContain(SANDBOX_DOC);
    expect(existsSync(resolve(ROOT, SANDBOX_DOC))).toBe(true);
  });
});
