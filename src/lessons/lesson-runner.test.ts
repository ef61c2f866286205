import { describe, expect, it } from 'vitest';
import { createFakeEngine, type FakeEngine, type FakeProcess, type FakeScript } from '../engine/testing/fake-engine';
import { lastStderrLine } from './compare';
import { compareWithExpectation, runLessonProgram, timelineSteps, type LessonRunResult } from './lesson-runner';
import type { SignalName, TimelineEvent } from '../engine/protocol';

const events: TimelineEvent[] = [
  { kind: 'signal', signal: 'SIGTERM', handler: 'on_term', line: 4 },
  { kind: 'raise', exception: 'SystemExit', value: '0', line: 5 },
  { kind: 'finally', line: 9 },
  { kind: 'context-exit', name: 'Lock.__exit__', line: 7, suppressed: false },
  { kind: 'atexit', name: 'save', registeredLine: 2 },
  { kind: 'flush', stream: 'stdout', bytes: 10 },
  { kind: 'skipped', what: 'atexit', name: 'remove' },
  { kind: 'skipped', what: 'buffered-output', bytes: 3 },
  { kind: 'exit', status: 0, cause: 'sys.exit' },
];

describe('timelineSteps', () => {
  it('writes one short line per step a learner cares about, leaving out flushes and the exit', () => {
    expect(timelineSteps(events)).toEqual([
      'signal SIGTERM',
      'raise SystemExit',
      'finally',
      'context-exit Lock.__exit__',
      'atexit save',
      'skipped atexit remove',
      'skipped buffered-output',
    ]);
  });

  it('a timeline that differs from the expectation is a mismatch named "timeline"', () => {
    const got: LessonRunResult = {
      stdout: '', stderr: '', status: 0, signal: null, records: [], timedOut: false, problems: [], files: [], timeline: events,
    };
    const same = compareWithExpectation({ status: 0, stdout: '', timeline: timelineSteps(events) }, got);
    expect(same).toEqual([]);
    const [mismatch] = compareWithExpectation({ status: 0, stdout: '', timeline: ['atexit save', 'finally'] }, got);
    expect(mismatch).toMatchObject({ field: 'timeline', expected: '["atexit save","finally"]' });
  });
});

describe('runLessonProgram over the fake engine', () => {
  it('follows the script: types input when asked, signals after the output appears, and gathers the outcome', async () => {
    const engine = createFakeEngine(async (p) => {
      const name = await p.readLine();
      p.stdout(`hello ${name?.trim()}\nready\n`);
      const sig = await p.nextSignal();
      p.timeline({ kind: 'signal', signal: sig, handler: 'on_term', line: 3 });
      p.stderr('bye\n');
      p.exit({ status: 143, cause: 'signal', signal: 'SIGTERM' });
    });
    const got = await runLessonProgram(
      engine,
      {
        command: 'python main.py',
        source: 'print(input())\n',
        script: [{ input: 'Ada' }, { signal: 'SIGTERM', afterOutput: 'ready' }],
      },
      { settleMs: 0 },
    );
    expect(engine.spawned[0]?.request).toMatchObject({ source: 'print(input())\n', filename: '/home/pyodide/main.py' });
    expect(engine.spawned[0]?.stdin).toEqual(['Ada\n']);
    expect(got).toMatchObject({ stdout: 'hello Ada\nready\n', stderr: 'bye\n', status: 143, signal: 'SIGTERM', problems: [], timedOut: false });
    expect(timelineSteps(got.timeline)).toEqual(['signal SIGTERM']);
  });

  it('a program that never ends is stopped at the time limit, and said so', async () => {
    const engine = createFakeEngine(() => undefined); // runs until killed
    const got = await runLessonProgram(
      engine,
      { command: 'python main.py', source: 'pass\n', script: [{ signal: 'SIGINT', afterOutput: 'never printed' }] },
      { timeoutMs: 50 },
    );
    expect(got.timedOut).toBe(true);
    expect(engine.spawned[0]?.signals).toContain('SIGKILL');
    expect(got.problems).toEqual(['time limit: still running after 0.05 s']);
  });
});

// The script's timing, on a manual clock.

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

const encoder = new TextEncoder();
const end = (p: FakeProcess, status: number): void => p.exit({ status, cause: 'end' });

async function runOnClock(
  script: FakeScript,
  program: { command: string; script?: unknown[] },
  timeoutMs = 30_000,
  clock = new Clock(),
): Promise<{ result: LessonRunResult; engine: FakeEngine }> {
  const engine = createFakeEngine(script);
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

describe('runLessonProgram: command lines, input and signal timing', () => {
  it('writes main.py in the working directory, passes argv and the mode, and keeps files between runs', async () => {
    const { result, engine } = await runOnClock(
      (p) => {
        const seen = p.request.files?.map((f) => f.path).join(',') ?? '';
        p.stdout(`${p.request.argv.join(' ')} ${p.request.stdio.stdout ? 'tty' : 'pipe'} [${seen}]\n`);
        p.files([...(p.request.files ?? []), { path: `out-${p.request.argv[1]}.txt`, data: encoder.encode('x') }]);
        end(p, Number(p.request.argv[1]));
      },
      { command: 'python main.py 1; python main.py 2 | cat; echo $?' },
    );
    expect(engine.spawned.map((p) => [p.request.filename, p.request.cwd])).toEqual([
      ['/home/pyodide/main.py', '/home/pyodide'],
      ['/home/pyodide/main.py', '/home/pyodide'],
    ]);
    expect(result.stdout).toBe('main.py 1 tty []\nmain.py 2 pipe [out-1.txt]\n0\n');
    expect(result.records.map((r) => r.status)).toEqual([1, 2]);
    expect(result).toMatchObject({ status: 0, signal: null, timedOut: false, problems: [] });
  });

  it('keeps typeahead for the next run: each read takes one line or one end of input', async () => {
    const { result } = await runOnClock(
      async (p) => {
        const lines: (string | null)[] = [];
        for (;;) {
          const l = await p.readLine();
          lines.push(l === null ? null : l.replace(/\n$/, ''));
          if (l === null) break;
        }
        p.stdout(`${JSON.stringify(lines)}\n`);
        end(p, 0);
      },
      { command: 'python main.py; python main.py', script: [{ input: 'a' }, { input: null }, { input: 'b' }, { input: null }] },
    );
    expect(result.stdout).toBe('["a",null]\n["b",null]\n');
  });

  it('signals the current python after its output (+50 ms); later afterMs steps are moot once it ended', async () => {
    const { result, engine } = await runOnClock(
      async (p) => {
        p.stdout('working 1\n');
        const sig = await p.nextSignal();
        p.stdout(`got ${sig}\n`);
        end(p, 0);
      },
      {
        command: 'python main.py',
        script: [
          { signal: 'SIGTERM', afterOutput: 'working 1' },
          { signal: 'SIGKILL', afterMs: 2000 },
        ],
      },
    );
    expect(engine.spawned[0]!.signals).toEqual(['SIGTERM']);
    expect(result).toMatchObject({ stdout: 'working 1\ngot SIGTERM\n', status: 0, problems: [] });
  });

  it('waits settleMs after the text appears, and counts afterMs from the previous step', async () => {
    const clock = new Clock();
    const times: [SignalName, number][] = [];
    const { result } = await runOnClock(
      async (p) => {
        clock.setTimer(100, () => p.stdout('ready\n'));
        for (;;) times.push([await p.nextSignal(), clock.now]);
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
    const { result } = await runOnClock(() => undefined, {
      command: 'python main.py; echo after',
      script: [{ signal: 'SIGTERM', afterOutput: 'never printed' }],
    }, 5000);
    expect(result.timedOut).toBe(true);
    expect(result.status).toBe(137);
    expect(result.stdout).toBe('');
    const mismatches = compareWithExpectation({ status: 0, stdout: '' }, result);
    expect(mismatches.map((m) => m.field)).toEqual(['time', 'status', 'signal']);

    const ended = await runOnClock((p) => end(p, 0), {
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
