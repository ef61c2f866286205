import { describe, expect, it } from 'vitest';
import { compareWithExpectation, timelineSteps, type LessonRunResult } from './lesson-runner';
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
