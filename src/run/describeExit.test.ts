import { describe, expect, it } from 'vitest';
import { describeExit, describeLine, finalLine, finalLineFor, statusHeadline } from './describeExit';

describe('describeExit', () => {
  it('names sys.exit with its value and line', () => {
    expect(describeExit({ status: 3, cause: 'sys.exit', value: '3', line: 12 })).toBe(
      'exit status 3 · sys.exit(3) at line 12',
    );
  });

  it('shows a string passed to sys.exit as its repr', () => {
    expect(describeExit({ status: 1, cause: 'sys.exit', value: "'bye'", line: 2 })).toBe(
      "exit status 1 · sys.exit('bye') at line 2",
    );
  });

  it('shows sys.exit() and sys.exit(None) without an argument', () => {
    expect(describeExit({ status: 0, cause: 'sys.exit', line: 1 })).toBe('exit status 0 · sys.exit() at line 1');
    expect(describeExit({ status: 0, cause: 'sys.exit', value: 'None', line: 1 })).toBe(
      'exit status 0 · sys.exit() at line 1',
    );
  });

  it('shortens a long value', () => {
    const text = describeExit({ status: 1, cause: 'sys.exit', value: `'${'x'.repeat(100)}'` });
    expect(text.length).toBeLessThan(80);
    expect(text).toContain('…)');
  });

  it('names an uncaught exception', () => {
    expect(describeExit({ status: 1, cause: 'exception', type: 'ValueError', line: 4 })).toBe(
      'exit status 1 · uncaught ValueError',
    );
  });

  it('reports a KeyboardInterrupt that killed the process with SIGINT', () => {
    expect(describeExit({ status: 130, cause: 'exception', type: 'KeyboardInterrupt', signal: 'SIGINT' })).toBe(
      'killed by SIGINT (130) · uncaught KeyboardInterrupt',
    );
  });

  it('reports a default-action signal', () => {
    expect(describeExit({ status: 143, cause: 'signal', signal: 'SIGTERM' })).toBe(
      'killed by SIGTERM (143) · no cleanup ran',
    );
    expect(describeExit({ status: 137, cause: 'signal', signal: 'SIGKILL' })).toBe(
      'killed by SIGKILL (137) · no cleanup ran',
    );
  });

  it('adds lost buffered output to a signal death', () => {
    expect(describeExit({ status: 143, cause: 'signal', signal: 'SIGTERM', lostBytes: 5 })).toBe(
      'killed by SIGTERM (143) · no cleanup ran, 5 bytes of buffered output lost',
    );
  });

  it('reports os._exit and the buffered output it lost', () => {
    expect(describeExit({ status: 0, cause: 'os._exit', value: '0', lostBytes: 12 })).toBe(
      'exit status 0 · os._exit(0): 12 bytes of buffered output lost',
    );
    expect(describeExit({ status: 4, cause: 'os._exit', lostBytes: 1 })).toBe(
      'exit status 4 · os._exit(4): 1 byte of buffered output lost',
    );
    expect(describeExit({ status: 4, cause: 'os._exit', lostBytes: 0 })).toBe('exit status 4 · os._exit(4)');
  });

  it('reports a normal end', () => {
    expect(describeExit({ status: 0, cause: 'end' })).toBe('exit status 0 · the program ran to its end');
  });

  it('reports a crash with its message', () => {
    expect(describeExit({ status: 1, cause: 'crash', message: 'out of memory' })).toBe(
      'exit status 1 · crashed: out of memory',
    );
    expect(describeExit({ status: 1, cause: 'crash' })).toBe('exit status 1 · the interpreter crashed');
  });

  it('always starts with `exit status N` or `killed by SIGNAME (N)`', () => {
    const re = /^(exit status \d+|killed by SIG[A-Z0-9]+ \(\d+\))( · .+)?$/;
    const records = [
      { status: 0, cause: 'end' as const },
      { status: 255, cause: 'sys.exit' as const, value: '-1', line: 1 },
      { status: 137, cause: 'signal' as const, signal: 'SIGKILL' as const },
      { status: 1, cause: 'crash' as const, message: 'worker\nexploded' },
    ];
    for (const r of records) expect(describeExit(r)).toMatch(re);
  });
});

describe('statusHeadline and finalLine', () => {
  it('says killed only when the status matches the signal', () => {
    expect(statusHeadline(143, 'SIGTERM')).toBe('killed by SIGTERM (143)');
    expect(statusHeadline(1, 'SIGTERM')).toBe('exit status 1');
    expect(statusHeadline(129, 'SIGHUP')).toBe('killed by SIGHUP (129)');
    expect(statusHeadline(142, 'SIGALRM')).toBe('killed by SIGALRM (142)');
    expect(statusHeadline(3)).toBe('exit status 3');
  });

  it('brackets the final line', () => {
    expect(finalLine(3)).toBe('[exit status 3]');
    expect(finalLine(143, 'SIGTERM')).toBe('[killed by SIGTERM (143)]');
  });
});

describe('describeLine', () => {
  it('uses the python record when the line ended with it', () => {
    const outcome = { status: 3, last: { status: 3, cause: 'sys.exit' as const, value: '3', line: 1 }, timedOut: false };
    expect(describeLine(outcome)).toBe('exit status 3 · sys.exit(3) at line 1');
    expect(finalLineFor(outcome)).toBe('[exit status 3]');
  });

  it('reports a fired timeout', () => {
    const outcome = { status: 124, last: { status: 143, cause: 'signal' as const, signal: 'SIGTERM' as const }, timedOut: true };
    expect(describeLine(outcome)).toBe('exit status 124 · timeout fired (python: killed by SIGTERM (143))');
    expect(finalLineFor(outcome)).toBe('[exit status 124]');
  });

  it('reports a later command', () => {
    const outcome = { status: 0, last: { status: 3, cause: 'sys.exit' as const, value: '3', line: 1 }, timedOut: false };
    expect(describeLine(outcome)).toBe('exit status 0 · python ended with exit status 3: sys.exit(3) at line 1');
    expect(finalLineFor(outcome)).toBe('[exit status 0]');
  });

  it('reports a line without python', () => {
    expect(describeLine({ status: 0, last: null, timedOut: false })).toBe('exit status 0');
  });

  it('says killed by a signal for a python killed last', () => {
    const outcome = { status: 143, last: { status: 143, cause: 'signal' as const, signal: 'SIGTERM' as const }, timedOut: false };
    expect(finalLineFor(outcome)).toBe('[killed by SIGTERM (143)]');
  });
});

describe('KeyboardInterrupt without a signal field', () => {
  it('is still a death by SIGINT, as the shell sees it', () => {
    expect(describeExit({ status: 130, cause: 'exception', type: 'KeyboardInterrupt' })).toBe(
      'killed by SIGINT (130) · uncaught KeyboardInterrupt',
    );
  });
});

describe('KeyboardInterrupt as the engine reports it', () => {
  it('says uncaught KeyboardInterrupt, not "no cleanup ran"', () => {
    expect(
      describeExit({ status: 130, cause: 'signal', signal: 'SIGINT', type: 'KeyboardInterrupt', line: 5 }),
    ).toBe('killed by SIGINT (130) · uncaught KeyboardInterrupt');
  });
});
