import { describe, expect, it } from 'vitest';
import { createFakeEngine } from '../engine/testing/fake-engine';
import { compareWithExpectation, runLessonProgram, timelineSteps, type LessonRunResult } from './lesson-runner';
import type { TimelineEvent } from '../engine/protocol';

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
