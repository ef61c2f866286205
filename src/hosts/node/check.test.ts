/**
 * `exitlab check` as CI runs it (real engine, temporary lesson directories), and
 * the lesson runner's script semantics against a fake engine (fast, exact timing).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastStderrLine } from '../../lessons/compare';
import { compareWithExpectation, runLessonProgram, type LessonRunResult } from '../../lessons/lesson-runner';
import type { Engine, ProcessListener, PythonProcess } from '../../engine/process';
import { SIGNALS, type ExitRecord, type RunRequest, type SignalName } from '../../engine/protocol';

const ROOT = resolve(__dirname, '../../..');
const BIN = join(ROOT, 'bin/exitlab.mjs');
let dir: string;
let mixed: string;

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PYTHON')) env[k] = v;
  return { ...env, NO_COLOR: '1' };
}

function check(...args: string[]): Promise<{ stdout: string; stderr: string; status: number | null }> {
  return new Promise((done) => {
    const child = spawn('node', [BIN, 'check', ...args], { cwd: dir, env: cleanEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end();
    child.on('close', (status) => done({ stdout, stderr, status }));
  });
}

/** A lesson file: frontmatter with the given programs (YAML text, indented under `programs:`). */
function lessonFile(order: number, id: string, programs: string): string {
  return [
    '---',
    `id: ${id}`,
    `title: "Lesson ${id}"`,
    `order: ${order}`,
    'runtime: python',
    `summary: "A test lesson."`,
    'programs:',
    programs.replace(/^\n/, '').trimEnd(),
    '---',
    'Prose.',
    '',
  ].join('\n');
}

/** Reads two lines (typeahead across two runs), then waits for SIGTERM with a handler. */
const PASSING = `
  - name: two-runs
    label: "Two runs"
    command: "python main.py first; python main.py second; echo \\"status $?\\""
    source: |
      import os, sys
      if os.path.exists("seen.txt"):
          print("found", open("seen.txt").read())
      open("seen.txt", "w").write(sys.argv[1])
      print(sys.argv[1], "read", input())
      sys.exit(3)
    script:
      - input: "one"
      - input: "two"
    expect:
      status: 0
      stdout: "first read one\\nfound first\\nsecond read two\\nstatus 3\\n"
  - name: term
    label: "SIGTERM"
    command: "python main.py"
    source: |
      import signal, sys, time
      def on_term(signum, frame):
          print("stopping")
          sys.exit(143)
      signal.signal(signal.SIGTERM, on_term)
      print("ready", flush=True)
      time.sleep(20)
    script:
      - signal: SIGTERM
        afterOutput: "ready"
      - signal: SIGKILL
        afterMs: 5000
    expect:
      status: 143
      stdout: "ready\\nstopping\\n"
`;

const WRONG = `
  - name: exits
    label: "Exits"
    command: "python main.py"
    source: |
      import sys
      print("bye")
      print("oops", file=sys.stderr)
      sys.exit(4)
    expect:
      status: 5
      stdout: "bye\\n"
      stderrLast: "oops!"
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'exitlab-check-'));
  spawnSync('node', [join(ROOT, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
  mixed = lessonsDir('mixed', { '01-good.md': lessonFile(1, 'good', PASSING), '02-wrong.md': lessonFile(2, 'wrong', WRONG) });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lessonsDir(name: string, files: Record<string, string>): string {
  const d = join(dir, name);
  mkdirSync(d);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(d, file), text);
  return name;
}

describe('exitlab check', () => {
  it('passes lessons whose programs match, following their scripts (typeahead, files, signals)', async () => {
    const got = await check(mixed, '--only', 'good');
    expect(got.stderr).toBe('');
    expect(got.stdout).toMatch(/^ok {2}good\/two-runs$/m);
    expect(got.stdout).toMatch(/^ok {2}good\/term$/m);
    expect(got.stdout).not.toMatch(/wrong/);
    expect(got.stdout.trimEnd().split('\n').pop()).toBe('exitlab check: 2 passed, 0 failed');
    expect(got.status).toBe(0);
  });

  it('names each mismatch (lesson, program, field, expected, got) and exits 1', async () => {
    const got = await check(mixed, '--only', 'wrong', '--timeout-ms', '20000');
    expect(got.stdout).toMatch(/^FAIL wrong\/exits: status: expected 5 got 4; stderrLast: expected "oops!" got "oops"$/m);
    expect(got.stdout.trimEnd().split('\n').pop()).toBe('exitlab check: 0 passed, 1 failed');
    expect(got.status).toBe(1);
  });

  it('exits 2 naming the file and the field of an invalid lesson', async () => {
    const bad = lessonFile(1, 'bad', WRONG.replace('status: 5', 'status: "five"'));
    const d = lessonsDir('invalid', { '01-bad.md': bad });
    const got = await check(d);
    expect(got.status).toBe(2);
    expect(got.stderr).toContain('invalid/01-bad.md');
    expect(got.stderr).toContain('programs[0].expect.status');
    expect(got.stdout).toBe('');
  });

  it('exits 2 on bad arguments', async () => {
    const got = await check('--timeout-ms', 'soon');
    expect(got.status).toBe(2);
    expect(got.stderr).toMatch(/--timeout-ms/);
  });
});

// ---------------------------------------------------------------------------
// The lesson runner's semantics, against a fake engine with a manual clock.

class Clock {
  now = 0;
  private timers: { at: number; seq: number; fn: () => void; live: boolean }[] = [];
  private seq = 0;
  setTimer = (ms: number, fn: () => void): (() => void) => {
    const t = { at: this.now + ms, seq: this.seq++, fn, live: true };
    this.timers.push(t);
    return () => {
      t.live = false;
    };
  };
  /** Lets promises settle, then fires due timers one at a time until `until` (or nothing is left). */
  async run(until = Infinity): Promise<void> {
    for (;;) {
      for (let i = 0; i < 20; i++) await Promise.resolve();
      const live = this.timers.filter((t) => t.live).sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = live[0];
      if (!next || next.at > until) return;
      this.now = Math.max(this.now, next.at);
      next.live = false;
      next.fn();
    }
  }
}

/** A fake python: a behaviour drives it through this handle. */
interface FakeProc {
  request: RunRequest;
  print(text: string): void;
  eprint(text: string): void;
  /** Resolves with the next line typed (without newline), or null at end of input. */
  input(): Promise<string | null>;
  exit(record: ExitRecord | number): void;
  onSignal: (sig: SignalName) => void;
  signals: SignalName[];
  writeFile(path: string, text: string): void;
}

type Behaviour = (p: FakeProc) => void;

function fakeEngine(behaviour: Behaviour): Engine & { procs: FakeProc[] } {
  const procs: FakeProc[] = [];
  return {
    procs,
    status: () => ({ state: 'ready', percent: 100, interactive: true }),
    onStatus: () => () => undefined,
    spawn(request: RunRequest, listener: ProcessListener): PythonProcess {
      let resolveExit!: (r: ExitRecord) => void;
      const exited = new Promise<ExitRecord>((r) => (resolveExit = r));
      let done = false;
      const stdin: (Uint8Array | null)[] = [];
      let reader: ((v: string | null) => void) | null = null;
      const files = new Map((request.files ?? []).map((f) => [f.path, f.data]));
      const enc = new TextEncoder();
      const pump = (): void => {
        if (!reader || stdin.length === 0) return;
        const chunk = stdin.shift()!;
        const r = reader;
        reader = null;
        r(chunk === null ? null : new TextDecoder().decode(chunk).replace(/\n$/, ''));
      };
      const proc: FakeProc = {
        request,
        signals: [],
        print: (t) => listener.stdout?.(enc.encode(t)),
        eprint: (t) => listener.stderr?.(enc.encode(t)),
        input: () =>
          new Promise((r) => {
            reader = r;
            listener.inputRequest?.();
            pump();
          }),
        exit(record) {
          if (done) return;
          done = true;
          const rec = typeof record === 'number' ? { status: record, cause: 'end' as const } : record;
          listener.files?.([...files].map(([path, data]) => ({ path, data })));
          resolveExit(rec);
        },
        onSignal: (sig) => proc.exit({ status: 128 + SIGNALS[sig], cause: 'signal', signal: sig }),
        writeFile: (path, text) => files.set(path, enc.encode(text)),
      };
      procs.push(proc);
      queueMicrotask(() => behaviour(proc));
      return {
        exited,
        started: Promise.resolve(),
        sendSignal(sig) {
          if (done) return;
          proc.signals.push(sig);
          if (sig === 'SIGKILL') proc.exit({ status: 137, cause: 'signal', signal: 'SIGKILL' });
          else proc.onSignal(sig);
        },
        writeStdin(data) {
          stdin.push(data);
          pump();
        },
      };
    },
  };
}

async function runFake(
  behaviour: Behaviour,
  program: { command: string; script?: unknown[] },
  timeoutMs = 30_000,
  clock = new Clock(),
): Promise<{ result: LessonRunResult; engine: ReturnType<typeof fakeEngine> }> {
  const engine = fakeEngine(behaviour);
  const pending = runLessonProgram(
    engine,
    { command: program.command, source: 'print()', script: (program.script ?? []) as never },
    { timeoutMs, now: () => clock.now, setTimer: clock.setTimer },
  );
  let result: LessonRunResult | null = null;
  void pending.then((r) => (result = r));
  while (result === null) await clock.run();
  return { result, engine };
}

describe('runLessonProgram (fake engine)', () => {
  it('writes main.py in the working directory, passes argv and the mode, and keeps files between runs', async () => {
    const { result, engine } = await runFake(
      (p) => {
        const seen = p.request.files?.map((f) => f.path).join(',') ?? '';
        p.print(`${p.request.argv.join(' ')} ${p.request.stdio.stdout ? 'tty' : 'pipe'} [${seen}]\n`);
        p.writeFile(`out-${p.request.argv[1]}.txt`, 'x');
        p.exit(Number(p.request.argv[1]));
      },
      { command: 'python main.py 1; python main.py 2 | cat; echo $?' },
    );
    expect(engine.procs.map((p) => [p.request.filename, p.request.cwd])).toEqual([
      ['/home/pyodide/main.py', '/home/pyodide'],
      ['/home/pyodide/main.py', '/home/pyodide'],
    ]);
    expect(result.stdout).toBe('main.py 1 tty []\nmain.py 2 pipe [out-1.txt]\n0\n');
    expect(result.records.map((r) => r.status)).toEqual([1, 2]);
    expect(result).toMatchObject({ status: 0, signal: null, timedOut: false, problems: [] });
  });

  it('keeps typeahead for the next run: each read takes one line or one end of input', async () => {
    const { result } = await runFake(
      async (p) => {
        const lines: (string | null)[] = [];
        for (;;) {
          const l = await p.input();
          lines.push(l);
          if (l === null) break;
        }
        p.print(`${JSON.stringify(lines)}\n`);
        p.exit(0);
      },
      { command: 'python main.py; python main.py', script: [{ input: 'a' }, { input: null }, { input: 'b' }, { input: null }] },
    );
    expect(result.stdout).toBe('["a",null]\n["b",null]\n');
  });

  it('signals the current python after its output (+50 ms); later afterMs steps are moot once it ended', async () => {
    const { result, engine } = await runFake(
      (p) => {
        p.print('working 1\n');
        p.onSignal = (sig) => {
          p.print(`got ${sig}\n`);
          p.exit(0);
        };
      },
      {
        command: 'python main.py',
        script: [
          { signal: 'SIGTERM', afterOutput: 'working 1' },
          { signal: 'SIGKILL', afterMs: 2000 },
        ],
      },
    );
    expect(engine.procs[0]!.signals).toEqual(['SIGTERM']);
    expect(result).toMatchObject({ stdout: 'working 1\ngot SIGTERM\n', status: 0, problems: [] });
  });

  it('waits settleMs after the text appears, and counts afterMs from the previous step', async () => {
    const clock = new Clock();
    const times: [SignalName, number][] = [];
    const { result } = await runFake(
      (p) => {
        clock.setTimer(100, () => p.print('ready\n'));
        p.onSignal = (sig) => times.push([sig, clock.now]);
      },
      {
        command: 'python main.py',
        script: [
          { signal: 'SIGTERM', afterOutput: 'ready' },
          { signal: 'SIGKILL', afterMs: 1000 },
        ],
      },
      30_000,
      clock,
    );
    expect(times).toEqual([['SIGTERM', 150]]);
    expect(clock.now).toBe(1150);
    expect(result).toMatchObject({ status: 137, signal: 'SIGKILL' });
    expect(result.records).toEqual([{ status: 137, cause: 'signal', signal: 'SIGKILL' }]);
  });

  it('reports script steps that never happened, and the time limit (SIGKILL)', async () => {
    const { result } = await runFake(() => undefined, {
      command: 'python main.py; echo after',
      script: [{ signal: 'SIGTERM', afterOutput: 'never printed' }],
    }, 5000);
    expect(result.timedOut).toBe(true);
    expect(result.status).toBe(137);
    expect(result.stdout).toBe('');
    const mismatches = compareWithExpectation({ status: 0, stdout: '' }, result);
    expect(mismatches.map((m) => m.field)).toEqual(['time', 'status', 'signal']);

    const ended = await runFake((p) => p.exit(0), {
      command: 'python main.py',
      script: [{ signal: 'SIGTERM', afterOutput: 'never printed' }],
    });
    expect(ended.result.problems).toEqual(['script[0]: never happened ({"signal":"SIGTERM","afterOutput":"never printed"})']);
  });

  it('compares stderr by its last line: suffix allowed, SyntaxWarnings ignored, errno masked', () => {
    const base: LessonRunResult = {
      stdout: '', stderr: '', status: 1, signal: null, records: [], timedOut: false, problems: [], files: [], timeline: [],
    };
    const stderr = [
      'Traceback (most recent call last):',
      "NameError: name 'sys' is not defined. Did you forget to import 'sys'?",
      '/home/pyodide/main.py:3: SyntaxWarning: invalid escape sequence',
      '  x = "\\d"',
      '',
    ].join('\n');
    expect(lastStderrLine(stderr)).toBe("NameError: name 'sys' is not defined. Did you forget to import 'sys'?");
    const expectation = { status: 1, stdout: '', stderrLast: "NameError: name 'sys' is not defined" };
    expect(compareWithExpectation(expectation, { ...base, stderr })).toEqual([]);
    expect(
      compareWithExpectation(
        { status: 1, stdout: '', stderrLast: "OSError: [Errno 2] No such file or directory: 'x'" },
        { ...base, stderr: "OSError: [Errno 44] No such file or directory: 'x'\n" },
      ),
    ).toEqual([]);
    expect(compareWithExpectation({ status: 1, stdout: '', stderrLast: 'other' }, { ...base, stderr: 'oops\n' })).toEqual([
      { field: 'stderrLast', expected: '"other"', got: '"oops"' },
    ]);
  });
});

// ---------------------------------------------------------------------------
// Node lessons (`runtime: node`): run with the local node, real signals, a temporary directory.

const NODE_LESSON = `---
id: node-demo
title: "Node demo"
order: 1
runtime: node
summary: "A test lesson for node."
programs:
  - name: files-and-argv
    label: "Files and argv"
    command: "node main.js first; echo \\"status $?\\"; node main.js second | cat"
    source: |
      const fs = require('node:fs');
      if (fs.existsSync('seen.txt')) console.log('found', fs.readFileSync('seen.txt', 'utf8'));
      fs.writeFileSync('seen.txt', process.argv[2]);
      console.log(process.argv[2], require('node:path').basename(process.argv[1]));
      process.exitCode = 3;
    expect:
      status: 0
      stdout: "first main.js\\nstatus 3\\nfound first\\nsecond main.js\\n"
  - name: term
    label: "SIGTERM"
    command: "node main.js; echo $?"
    source: |
      let n = 0;
      setInterval(() => console.log(\`tick \${++n}\`), 300);
    script:
      - signal: SIGTERM
        afterOutput: "tick 2"
    expect:
      status: 0
      signal: SIGTERM
      stdout: "tick 1\\ntick 2\\n143\\n"
  - name: stdin
    label: "stdin"
    command: "node main.js"
    source: |
      let text = '';
      process.stdin.on('data', (d) => (text += d));
      process.stdin.on('end', () => console.log(\`read \${JSON.stringify(text)}\`));
    script:
      - input: "one"
      - input: null
    expect:
      status: 0
      stdout: "read \\"one\\\\n\\"\\n"
  - name: wrong
    label: "Wrong"
    command: "node main.js"
    source: |
      console.log('bye');
      process.exit(4);
    expect:
      status: 5
      stdout: "bye\\n"
---
Prose.
`;

describe('exitlab check: node lessons', () => {
  it('runs them with the local node: argv, files between runs, | cat, echo $?, signals, stdin', async () => {
    const d = lessonsDir('node', { '01-node-demo.md': NODE_LESSON });
    const got = await check(d);
    expect(got.stderr).toBe('');
    expect(got.stdout).toMatch(/^ok {2}node-demo\/files-and-argv$/m);
    expect(got.stdout).toMatch(/^ok {2}node-demo\/term$/m);
    expect(got.stdout).toMatch(/^ok {2}node-demo\/stdin$/m);
    expect(got.stdout).toMatch(/^FAIL node-demo\/wrong: status: expected 5 got 4$/m);
    expect(got.stdout).not.toMatch(/^skip/m);
    // Only node lessons: no Python interpreter is booted.
    expect(got.stdout).not.toMatch(/Pyodide/);
    expect(got.stdout).toContain(`Node.js ${process.version} for node lessons`);
    expect(got.stdout.trimEnd().split('\n').pop()).toBe('exitlab check: 3 passed, 1 failed');
    expect(got.status).toBe(1);
  });
});
