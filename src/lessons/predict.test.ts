import { describe, expect, it } from 'vitest';
import {
  explainStatus,
  headline,
  scorePrediction,
  statusChoices,
  stepChoices,
  stepLabel,
  stepsOf,
  type PredictableProgram,
} from './predict';

const handlers: PredictableProgram = {
  name: 'handlers',
  command: 'python main.py',
  expect: { status: 2, timeline: ['raise SystemExit', 'atexit notify_server', 'atexit close_log'] },
};
const killed: PredictableProgram = {
  name: 'killed',
  command: 'python main.py',
  expect: { status: 143, signal: 'SIGTERM', timeline: ['signal SIGTERM', 'skipped atexit remove_pid_file'] },
};
const withFinally: PredictableProgram = {
  name: 'exits',
  command: 'python main.py',
  expect: { status: 0, timeline: ['signal SIGTERM', 'raise SystemExit', 'finally', 'atexit save_pending'] },
};

describe('stepsOf', () => {
  it('splits cleanup steps that ran from skipped ones, dropping events that are not steps', () => {
    expect(stepsOf(['raise SystemExit', 'finally', 'caught SystemExit', 'signal SIGTERM', 'skipped atexit save', 'skipped unknown'])).toEqual({
      ran: ['finally', 'caught SystemExit'],
      skipped: ['atexit save'],
    });
  });
  it('counts a step once, and as ran when one run of the line ran it', () => {
    expect(stepsOf(['skipped atexit remove', 'raise SystemExit', 'atexit remove', 'finally', 'finally'])).toEqual({
      ran: ['atexit remove', 'finally'],
      skipped: [],
    });
  });
  it('knows buffered output and context managers', () => {
    expect(stepsOf(['skipped buffered-output', 'context-exit Lock.__exit__'])).toEqual({
      ran: ['context-exit Lock.__exit__'],
      skipped: ['buffered-output'],
    });
    expect(stepLabel('context-exit Lock.__exit__')).toBe('Lock.__exit__');
    expect(stepLabel('buffered-output')).toBe('buffered output written');
  });
});

describe('statusChoices', () => {
  it('always holds the real status, 0 and 1, sorted, at most six', () => {
    for (const p of [handlers, killed, withFinally]) {
      const c = statusChoices(p, [handlers, killed, withFinally]);
      expect(c).toContain(p.expect.status);
      expect(c).toContain(0);
      expect(c).toContain(1);
      expect(c.length).toBeLessThanOrEqual(6);
      expect(new Set(c).size).toBe(c.length);
      expect([...c].sort((a, b) => a - b)).toEqual(c);
    }
  });
  it('offers the other programs of the lesson and signal misreadings for a death by signal', () => {
    const c = statusChoices(killed, [handlers, killed]);
    expect(c).toContain(2); // the sibling's status
    expect(c).toEqual(expect.arrayContaining([143, 15])); // 128+15, and the bare signal number
    expect(c.some((n) => n === 130 || n === 137)).toBe(true);
  });
  it("offers timeout's 124 when the command line uses timeout", () => {
    const p: PredictableProgram = { name: 't', command: 'timeout 1 python main.py slow; echo $?', expect: { status: 0 } };
    expect(statusChoices(p)).toContain(124);
  });
  it('stays within 0..255', () => {
    const c = statusChoices({ name: 'x', command: 'python main.py', expect: { status: 255 } });
    expect(c.every((n) => n >= 0 && n <= 255)).toBe(true);
  });
});

describe('stepChoices', () => {
  it("lists the program's steps (ran and skipped) first, then the other programs' as distractors", () => {
    expect(stepChoices(killed, [handlers, killed])).toEqual([
      'atexit remove_pid_file',
      'atexit notify_server',
      'atexit close_log',
    ]);
    expect(stepChoices(handlers, [handlers, killed])).toEqual([
      'atexit notify_server',
      'atexit close_log',
      'atexit remove_pid_file',
    ]);
  });
  it('is empty without an expected timeline', () => {
    expect(stepChoices({ name: 'n', command: 'node main.js', expect: { status: 1 } })).toEqual([]);
  });
});

describe('scorePrediction', () => {
  const choices = stepChoices(withFinally, [withFinally, killed]);

  it('all right, with the order: "You called it"', () => {
    const s = scorePrediction({ status: 0, steps: ['finally', 'atexit save_pending'], stepsAnswered: true }, choices, {
      status: 0,
      timeline: withFinally.expect.timeline ?? [],
    });
    expect(s.status).toEqual({ predicted: 0, actual: 0, right: true });
    expect(s.steps?.every((v) => v.right)).toBe(true);
    expect(s.order).toEqual({ right: true, predicted: ['finally', 'atexit save_pending'], actual: ['finally', 'atexit save_pending'] });
    expect(s.right).toBe(s.total);
    expect(headline(s)).toBe('You called it: atexit save_pending ran after finally.');
  });

  it('a wrong order is wrong even when the set is right', () => {
    const s = scorePrediction({ status: 0, steps: ['atexit save_pending', 'finally'], stepsAnswered: true }, choices, {
      status: 0,
      timeline: withFinally.expect.timeline ?? [],
    });
    expect(s.order?.right).toBe(false);
    expect(s.right).toBe(s.total - 1);
    expect(headline(s)).toMatch(/right/);
  });

  it('a step predicted to run that was skipped is wrong, and says it was skipped', () => {
    const c = stepChoices(killed, [killed]);
    const s = scorePrediction({ status: 0, steps: ['atexit remove_pid_file'], stepsAnswered: true }, c, {
      status: 143,
      timeline: ['signal SIGTERM', 'skipped atexit remove_pid_file'],
    });
    expect(s.status?.right).toBe(false);
    expect(s.steps).toEqual([{ step: 'atexit remove_pid_file', predicted: true, ran: false, skipped: true, right: false }]);
    expect(s.right).toBe(0);
    expect(headline(s)).toMatch(/^Not this time/);
  });

  it('unpicked distractors that never came up are not counted', () => {
    const c = stepChoices(killed, [handlers, killed]);
    expect(c).toHaveLength(3);
    const s = scorePrediction({ status: 0, steps: ['atexit remove_pid_file'], stepsAnswered: true }, c, {
      status: 143,
      timeline: ['signal SIGTERM', 'skipped atexit remove_pid_file'],
    });
    expect(s.steps?.map((v) => v.step)).toEqual(['atexit remove_pid_file']);
    expect([s.right, s.total]).toEqual([0, 2]);
  });

  it('"none of them" when nothing at all came up counts as one right answer', () => {
    const s = scorePrediction({ status: 0, steps: [], stepsAnswered: true }, ['finally', 'atexit x'], { status: 0, timeline: [] });
    expect(s.steps).toEqual([]);
    expect([s.right, s.total]).toEqual([2, 2]);
  });

  it('"none of them" is an answer: right when nothing ran', () => {
    const c = stepChoices(killed, [killed]);
    const s = scorePrediction({ status: 143, steps: [], stepsAnswered: true }, c, {
      status: 143,
      timeline: ['signal SIGTERM', 'skipped atexit remove_pid_file'],
    });
    expect(s.right).toBe(2);
    expect(s.total).toBe(2);
    expect(headline(s)).toBe('You called it: exit status 143.');
  });

  it('scores only what was predicted, and names steps the learner could not pick', () => {
    const s = scorePrediction({ status: 1, steps: [], stepsAnswered: false }, choices, {
      status: 1,
      timeline: ['raise SystemExit', 'finally', 'context-exit Lock.__exit__'],
    });
    expect(s.steps).toBeNull();
    expect(s.total).toBe(1);
    expect(s.right).toBe(1);
    expect(s.surprises).toEqual(['context-exit Lock.__exit__']);
  });

  it('no prediction at all scores nothing', () => {
    const s = scorePrediction({ status: null, steps: [], stepsAnswered: false }, choices, { status: 0, timeline: [] });
    expect(s.total).toBe(0);
    expect(headline(s)).toBe('Here is how it ended.');
  });
});

describe('explainStatus', () => {
  it('reads 128+N and 124', () => {
    expect(explainStatus(143)).toBe('128 + SIGTERM (15)');
    expect(explainStatus(130)).toBe('128 + SIGINT (2)');
    expect(explainStatus(124)).toMatch(/timeout/);
    expect(explainStatus(3)).toBe('');
  });
});
