/**
 * The `exitlab` command as a user runs it: real processes, real signals,
 * compared with native `python3 -E` where the point is fidelity.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORWARDED_SIGNALS } from '../../engine/protocol';
import { lastStderrLine, maskErrno } from '../../lessons/compare';

const ROOT = resolve(__dirname, '../../..');
const BIN = join(ROOT, 'bin/exitlab.mjs');
let dir: string;

/** The environment without PYTHON* variables (this machine sets PYTHONUNBUFFERED). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PYTHON')) env[k] = v;
  return { ...env, NO_COLOR: '1', ...extra };
}

interface Result {
  stdout: string;
  stderr: string;
  status: number | null;
  signal: NodeJS.Signals | null;
}

function write(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

/** Runs a command; optionally sends `signal` once `after` has appeared on stdout. */
function run(
  cmd: string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv; signal?: NodeJS.Signals; after?: string } = {},
): Promise<Result> {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd[0]!, cmd.slice(1), { cwd: dir, env: opts.env ?? cleanEnv() });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (opts.signal && !sent && opts.after !== undefined && stdout.includes(opts.after)) {
        sent = true;
        // A moment after the ready line, so the program has reached the call after it.
        const sig = opts.signal;
        setTimeout(() => child.kill(sig), 100);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
    child.on('close', (status, signal) => resolvePromise({ stdout, stderr, status, signal }));
  });
}

const exitlab = (file: string, ...args: string[]) => ['node', BIN, 'run', file, ...args];
const python = (file: string, ...args: string[]) => ['python3', '-E', file, ...args];

/** The last stderr line by the rule every comparison with python3 uses. */
function lastLine(text: string): string {
  return lastStderrLine(text) ?? '';
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'exitlab-cli-'));
  // Build once up front so no test pays for it.
  spawnSync('node', [join(ROOT, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exitlab run', () => {
  it('ends with the status of sys.exit and the program output', async () => {
    const f = write('three.py', 'import sys\nprint("about to exit", sys.argv[1:])\nsys.exit(3)\n');
    const got = await run(exitlab(f, 'a', 'b c'));
    const native = await run(python(f, 'a', 'b c'));
    expect(got).toMatchObject({ status: 3, signal: null, stdout: native.stdout });
  });

  it('on the path without shared memory or suspension, a signal the program sends itself acts as in python3', async () => {
    // The last-resort path (a browser with neither): no host can send signals, but the
    // program's own os.kill and signal.raise_signal still reach it.
    const programs = {
      'self-term.py': 'import os, signal\ntry:\n    os.kill(os.getpid(), signal.SIGTERM)\nfinally:\n    print("finally ran")\n',
      'self-raise.py': 'import signal\ntry:\n    signal.raise_signal(signal.SIGTERM)\nexcept BaseException as e:\n    print("caught", type(e))\nprint("after")\n',
      'self-handled.py':
        'import os, signal, sys\nsignal.signal(signal.SIGTERM, lambda s, f: (print("handled"), sys.exit(5)))\nos.kill(os.getpid(), signal.SIGTERM)\nprint("after")\n',
    };
    for (const [name, source] of Object.entries(programs)) {
      const f = write(name, source);
      const native = await run(python(f));
      const got = await run(exitlab(f), { env: cleanEnv({ EXITLAB_ENGINE: 'none' }) });
      expect({ name, ...got, stderr: lastLine(got.stderr) }).toEqual({ name, ...native, stderr: lastLine(native.stderr) });
    }
  });

  it('dies of SIGTERM like python3 when no handler is installed, and runs no cleanup', async () => {
    const f = write(
      'term.py',
      'import time, atexit\natexit.register(print, "atexit ran")\ntry:\n    print("ready", flush=True)\n    time.sleep(20)\nfinally:\n    print("finally ran")\n',
    );
    const got = await run(exitlab(f), { signal: 'SIGTERM', after: 'ready' });
    expect(got.signal).toBe('SIGTERM');
    expect(got.status).toBeNull();
    expect(got.stdout).toBe('ready\n');
    expect(got.stdout + got.stderr).not.toMatch(/finally ran|atexit ran/);
  });

  it('runs the handler for a real SIGTERM during sleep, then the sleep resumes (PEP 475)', async () => {
    const f = write(
      'handler.py',
      [
        'import signal, time',
        'def on_term(signum, frame):',
        '    print("handler", signal.Signals(signum).name, flush=True)',
        'signal.signal(signal.SIGTERM, on_term)',
        'start = time.monotonic()',
        'print("ready", flush=True)',
        'time.sleep(1.5)',
        'print("slept at least 1.5 s:", time.monotonic() - start >= 1.5)',
      ].join('\n'),
    );
    const got = await run(exitlab(f), { signal: 'SIGTERM', after: 'ready' });
    expect(got).toMatchObject({ status: 0, signal: null });
    expect(got.stdout).toBe('ready\nhandler SIGTERM\nslept at least 1.5 s: True\n');
  });

  // Every signal of the table that the command passes on reaches the program as it reaches
  // python3: a real signal sent to the exitlab process, the same program under python3 -E.
  it.each(FORWARDED_SIGNALS)('the signal table round-trips: %s sent to the process reaches the handler', async (name) => {
    const f = write(
      `forward-${name}.py`,
      [
        'import signal, sys, time',
        `signal.signal(signal.${name}, lambda s, f: (print("got", signal.Signals(s).name, flush=True), sys.exit(3)))`,
        'print("ready", flush=True)',
        'time.sleep(10)',
      ].join('\n'),
    );
    const native = await run(python(f), { signal: name, after: 'ready' });
    expect(native).toMatchObject({ status: 3, stdout: `ready\ngot ${name}\n` });
    expect(await run(exitlab(f), { signal: name, after: 'ready' })).toEqual(native);
  });

  it('turns SIGINT into KeyboardInterrupt: finally and atexit run, then it dies of SIGINT', async () => {
    const f = write(
      'ctrlc.py',
      'import time, atexit\natexit.register(print, "atexit ran")\ntry:\n    print("ready", flush=True)\n    time.sleep(20)\nfinally:\n    print("finally ran")\n',
    );
    const got = await run(exitlab(f), { signal: 'SIGINT', after: 'ready' });
    expect(got.signal).toBe('SIGINT');
    expect(got.stdout).toBe('ready\nfinally ran\natexit ran\n');
    expect(lastLine(got.stderr)).toBe('KeyboardInterrupt');
  });

  it('reads piped stdin, keeping lines sent before the program asks, and reports EOF like python3', async () => {
    const f = write('ask.py', 'a = input("first? ")\nb = input("second? ")\nprint(a, b)\ninput()\n');
    const input = 'one\ntwo\n';
    const got = await run(exitlab(f), { input });
    const native = await run(python(f), { input });
    expect(got.stdout).toBe(native.stdout);
    expect(got.status).toBe(native.status);
    expect(lastLine(got.stderr)).toBe('EOFError: EOF when reading a line');
  });

  it('gives the same message and status as python3 for a missing file and a syntax error', async () => {
    const missing = await run(exitlab(join(dir, 'nope.py')));
    const nativeMissing = await run(python(join(dir, 'nope.py')));
    expect(missing.status).toBe(nativeMissing.status);
    expect(missing.stderr.split(': ').slice(1).join(': ')).toBe(nativeMissing.stderr.split(': ').slice(1).join(': '));

    const f = write('syntax.py', 'print("never")\nif True\n    pass\n');
    const got = await run(exitlab(f));
    const native = await run(python(f));
    expect(got.status).toBe(native.status);
    expect(got.stdout).toBe('');
    expect(lastLine(got.stderr)).toBe(lastLine(native.stderr));
  });

  it('behaves like python3 when its stdout is closed early (| head -1)', async () => {
    const f = write('many.py', 'for i in range(200000):\n    print(i)\n');
    const viaShell = (cmd: string) =>
      run(['bash', '-c', `${cmd} | head -1; echo "status=\${PIPESTATUS[0]}"`]);
    const got = await viaShell(`node ${BIN} run ${f}`);
    const native = await viaShell(`python3 -E ${f}`);
    expect(got.stdout).toBe(native.stdout);
    expect(maskErrno(lastStderrLine(got.stderr) ?? '')).toBe(
      maskErrno(lastStderrLine(native.stderr) ?? ''),
    );
  });

  it('honours PYTHONUNBUFFERED as python3 does (os._exit keeps or loses buffered output)', async () => {
    const f = write('lost.py', 'import os\nprint("buffered line")\nos._exit(0)\n');
    expect((await run(exitlab(f))).stdout).toBe('');
    expect((await run(exitlab(f), { env: cleanEnv({ PYTHONUNBUFFERED: '1' }) })).stdout).toBe('buffered line\n');
  });

  it('--json prints one record with output, status, cause and timeline, and ends the same way', async () => {
    const f = write('json.py', 'import sys\nprint("out")\nprint("err", file=sys.stderr)\nsys.exit(4)\n');
    const got = await run(['node', BIN, 'run', '--json', f]);
    expect(got.status).toBe(4);
    const record = JSON.parse(got.stdout) as Record<string, unknown>;
    expect(record).toMatchObject({ stdout: 'out\n', stderr: 'err\n', status: 4, signal: null, cause: 'sys.exit' });
    const timeline = record.timeline as { kind: string }[];
    expect(timeline[timeline.length - 1]).toMatchObject({ kind: 'exit', status: 4, cause: 'sys.exit' });
  });

  it('--timeline writes JSON Lines to stderr after the run, exit last', async () => {
    const f = write('tl.py', 'import os, atexit\natexit.register(print, "skipped")\nprint("x", end="")\nos._exit(2)\n');
    const got = await run(['node', BIN, 'run', '--timeline', f]);
    expect(got.status).toBe(2);
    const events = got.stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.map((e) => e.kind)).toEqual(['skipped', 'skipped', 'exit']);
    expect(events[0]).toMatchObject({ what: 'atexit', name: 'print', registeredLine: 2 });
    expect(events[1]).toMatchObject({ what: 'buffered-output', bytes: 1 });
    expect(events[2]).toMatchObject({ status: 2, cause: 'os._exit', lostBytes: 1, line: 4 });
  });

  it('builds the snapshot once, keyed by pyodide version and harness hash, written atomically', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'exitlab-cache-'));
    try {
      const f = write('hello.py', 'print("hello")\n');
      const env = cleanEnv({ EXITLAB_CACHE_DIR: cache });
      expect((await run(exitlab(f), { env })).stdout).toBe('hello\n');
      const files = readdirSync(cache);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^snapshot-pyodide-314\.0\.7-harness-[0-9a-f]{16}\.bin$/);
      expect((await run(exitlab(f), { env })).stdout).toBe('hello\n');
      expect(readdirSync(cache)).toEqual(files);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('shows only the program\'s frames in tracebacks, even through a signal handler during sleep', async () => {
    const f = write(
      'frames.py',
      [
        'import signal, time',
        'def on_term(signum, frame):',
        '    raise RuntimeError("stopped by SIGTERM")',
        'def wait():',
        '    time.sleep(20)',
        'signal.signal(signal.SIGTERM, on_term)',
        'print("ready", flush=True)',
        'wait()',
      ].join('\n'),
    );
    const got = await run(exitlab(f), { signal: 'SIGTERM', after: 'ready' });
    const native = await run(python(f), { signal: 'SIGTERM', after: 'ready' });
    const frames = (text: string) => text.split('\n').filter((l) => l.startsWith('  File '));
    expect(got.status).toBe(1);
    expect(frames(got.stderr)).toEqual(frames(native.stderr));
    expect(got.stderr).not.toMatch(/_exitlab|\.mjs|file:\/\/|pyodide/);
    expect(lastLine(got.stderr)).toBe('RuntimeError: stopped by SIGTERM');
  });

  it('runs .js files with the local node, ending the same way', async () => {
    const f = write('prog.js', 'console.log("from node"); process.exitCode = 6;\n');
    expect(await run(exitlab(f))).toMatchObject({ stdout: 'from node\n', status: 6 });
  });

  it('answers --help and --version with exit 0, and names an unknown option or command with exit 2', async () => {
    for (const args of [['run', '--help'], ['run', '-h'], ['check', '--help']]) {
      const got = await run(['node', BIN, ...args]);
      expect(got, args.join(' ')).toMatchObject({ status: 0, stderr: '' });
      expect(got.stdout).toMatch(new RegExp(`^usage: exitlab ${args[0]}`));
    }
    expect((await run(['node', BIN, 'run', '--help'])).stdout).toMatch(/--timeline .*\n.*JSON Lines/);
    const version = await run(['node', BIN, '--version']);
    expect(version).toMatchObject({ status: 0, stdout: expect.stringMatching(/^exitlab \d+\.\d+\.\d+ \(Pyodide \d+\.\d+\.\d+\)\n$/) });
    const cases: [string[], RegExp][] = [
      [['run', '--bogus', 'x.py'], /^exitlab run: unknown option --bogus\n/],
      [['check', '--bogus'], /unknown option --bogus/],
      [['--bogus'], /^exitlab: unknown option --bogus\n/],
      [['frob'], /^exitlab: unknown command frob\n/],
      [[], /^exitlab: no command given\n/],
    ];
    for (const [args, message] of cases) {
      const got = await run(['node', BIN, ...args]);
      expect(got.status, args.join(' ')).toBe(2);
      expect(got.stderr).toMatch(message);
      expect(got.stderr).toMatch(/usage: exitlab/);
    }
    // After FILE, options belong to the program.
    const f = write('argv.py', 'import sys\nprint(sys.argv[1:])\n');
    expect(await run(['node', BIN, 'run', f, '--help', '-V'])).toMatchObject({ status: 0, stdout: "['--help', '-V']\n" });
  });

  it('prints usage and exits 2 for bad arguments', async () => {
    const got = await run(['node', BIN, 'run', '--stdout', 'sideways', 'x.py']);
    expect(got.status).toBe(2);
    expect(got.stderr).toMatch(/usage: exitlab run/);
    expect(existsSync(BIN)).toBe(true);
  });
});
