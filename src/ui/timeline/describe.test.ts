import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../engine/protocol';
import { catchesEverything, describeTimeline, exceptClause, LESSON_LINKS, ordinal } from './describe';

const texts = (events: TimelineEvent[], source?: string) =>
  describeTimeline(events, source !== undefined ? { source } : {}).map((i) => i.text);

describe('describeTimeline', () => {
  it('tells a sys.exit through finally, __exit__ and atexit, in order', () => {
    const source = [
      'import atexit, sys', // 1
      'class Connection:', // 2
      '    def __enter__(self): return self', // 3
      '    def __exit__(self, *a): print("closed")', // 4
      'def cleanup(): print("bye")', // 5
      'def save(): print("saved")', // 6
      'def other(): pass', // 7
      'with Connection():', // 8
      '    try:', // 9
      '        pass', // 10
      '    finally:', // 11
      '        sys.exit(3)', // 12
      'atexit.register(cleanup)', // 13
    ].join('\n');
    const events = [
      { kind: 'raise', exception: 'SystemExit', value: '3', line: 12 },
      { kind: 'finally', line: 9 },
      { kind: 'context-exit', name: 'Connection.__exit__', line: 8, suppressed: false },
      { kind: 'atexit', name: 'other', registeredLine: 14, order: 1, of: 3, failed: false },
      { kind: 'atexit', name: 'cleanup', registeredLine: 12, order: 2, of: 3, failed: false },
      { kind: 'atexit', name: 'save', registeredLine: 11, order: 3, of: 3, failed: false },
      { kind: 'flush', stream: 'stdout', bytes: 23 },
      { kind: 'flush', stream: 'stderr', bytes: 0 },
      { kind: 'exit', status: 3, cause: 'sys.exit', value: '3', line: 12 },
    ] as TimelineEvent[];
    expect(texts(events, source)).toEqual([
      '`sys.exit(3)` at line 12 raised SystemExit',
      '`finally` at line 9 ran while SystemExit was on its way out',
      '`Connection.__exit__` ran (line 8) and let SystemExit continue',
      '`other()` ran — registered at line 14, so it runs 1st of 3',
      '`cleanup()` ran — registered at line 12, so it runs 2nd of 3',
      '`save()` ran — registered at line 11, so it runs 3rd of 3',
      'stdout flushed at exit: 23 bytes still in its buffer were written',
      'stderr flushed at exit: nothing was left in its buffer',
      'Exit status 3 — sys.exit(3) at line 12',
    ]);
    const items = describeTimeline(events, { source });
    expect(items.map((i) => i.kind)).toEqual(events.map((e) => e.kind));
    expect(items.map((i) => i.line)).toEqual([12, 9, 8, 14, 12, 11, undefined, undefined, 12]);
    expect(items[2]!.name).toBe('Connection.__exit__');
    expect(items.every((i) => i.warning === undefined)).toBe(true);
    expect(items.at(-1)!.tone).toBe('exit-fail');
  });

  it('without the source, names the exception and its value', () => {
    expect(texts([{ kind: 'raise', exception: 'SystemExit', value: "'bye'", line: 4 }])).toEqual([
      "SystemExit('bye') raised at line 4",
    ]);
  });

  it('says which atexit handler is the only one, and which one failed', () => {
    expect(
      texts([
        { kind: 'atexit', name: 'print', registeredLine: 3, order: 1, of: 1, failed: false } as TimelineEvent,
        { kind: 'atexit', name: 'boom', registeredLine: 5, order: 1, of: 2, failed: true } as TimelineEvent,
      ]),
    ).toEqual([
      '`print()` ran — registered at line 3, the only atexit handler',
      '`boom()` raised an exception — registered at line 5, so it runs 1st of 2; the other handlers still run',
    ]);
  });

  it('describes signals: a handler, the default action, SIGINT becoming KeyboardInterrupt, SIG_IGN', () => {
    expect(
      texts([
        { kind: 'signal', signal: 'SIGTERM', handler: 'on_term' },
        { kind: 'signal', signal: 'SIGTERM', handler: null, line: 10 },
        { kind: 'signal', signal: 'SIGINT', handler: null, line: 4 },
        { kind: 'raise', exception: 'KeyboardInterrupt', line: 4 },
        { kind: 'signal', signal: 'SIGHUP', handler: 'SIG_IGN' },
      ]),
    ).toEqual([
      'SIGTERM arrived; handler `on_term()` ran',
      'SIGTERM at line 10, default action: the process was killed',
      "SIGINT arrived at line 4; Python's default handler raised KeyboardInterrupt",
      'KeyboardInterrupt raised at line 4',
      'SIGHUP arrived and was ignored (`SIG_IGN`)',
    ]);
  });

  it('lists what os._exit skipped, struck through, and the lost bytes', () => {
    const events = [
      { kind: 'skipped', what: 'finally', line: 9 },
      { kind: 'skipped', what: 'context-exit', name: 'Connection()', line: 18 },
      { kind: 'skipped', what: 'atexit', name: 'save', registeredLine: 15 },
      { kind: 'skipped', what: 'buffered-output', bytes: 12 },
      { kind: 'exit', status: 3, cause: 'os._exit', value: '3', lostBytes: 12, line: 21 },
    ] as TimelineEvent[];
    const items = describeTimeline(events);
    expect(items.map((i) => i.text)).toEqual([
      'os._exit skipped: `finally` at line 9',
      'os._exit skipped: `with Connection()` at line 18 — its `__exit__` never ran',
      'os._exit skipped: atexit handler `save()` (registered at line 15)',
      '12 bytes of buffered output were lost',
      'Exit status 3 — os._exit(3): 12 bytes of buffered output lost',
    ]);
    expect(items.slice(0, 4).every((i) => i.tone === 'skipped')).toBe(true);
    expect(items[2]!.lines).toEqual([15]);
    expect(items[3]!.icon).toBe('lost');
  });

  it('names the signal that skipped the cleanup, and says when it cannot know', () => {
    expect(
      texts([
        { kind: 'signal', signal: 'SIGTERM', handler: null },
        { kind: 'skipped', what: 'finally', line: 3 },
        { kind: 'skipped', what: 'buffered-output', bytes: 1 },
        { kind: 'exit', status: 143, cause: 'signal', signal: 'SIGTERM' },
        { kind: 'skipped', what: 'unknown' },
        { kind: 'exit', status: 137, cause: 'signal', signal: 'SIGKILL' },
      ]),
    ).toEqual([
      'SIGTERM, default action: the process was killed',
      'SIGTERM skipped: `finally` at line 3',
      '1 byte of buffered output was lost',
      'Killed by SIGTERM (143) — no cleanup ran',
      'SIGKILL skipped whatever cleanup was pending (the engine could not see inside the call that was running)',
      'Killed by SIGKILL (137) — no cleanup ran',
    ]);
  });

  it('warns plainly when a bare except swallows the exit, and links the lesson', () => {
    const source = ['import sys', 'try:', '    sys.exit(2)', 'except:  # oops', '    pass'].join('\n');
    const items = describeTimeline(
      [
        { kind: 'raise', exception: 'SystemExit', value: '2', line: 3 },
        { kind: 'caught', exception: 'SystemExit', line: 4 },
        { kind: 'flush', stream: 'stdout', bytes: 0 },
        { kind: 'exit', status: 0, cause: 'end' },
      ],
      { source },
    );
    expect(items[1]!.text).toBe('`except:` at line 4 caught SystemExit');
    expect(items[1]!.tone).toBe('warning');
    expect(items[1]!.warning?.href).toBe(LESSON_LINKS.bareExcept);
    expect(items[1]!.warning?.text).toMatch(/^The exit was swallowed: a bare `except:` catches SystemExit too/);
    expect(items[3]!.text).toBe('Exit status 0 — the program ran to its end');
    expect(items[3]!.tone).toBe('exit-ok');
  });

  it('warns for except BaseException, not for an explicit except SystemExit', () => {
    const source = ['try:', '    raise SystemExit(1)', 'except BaseException as e:', '    pass', 'except SystemExit:'].join('\n');
    const [, base, explicit] = describeTimeline(
      [
        { kind: 'raise', exception: 'SystemExit', value: '1', line: 2 },
        { kind: 'caught', exception: 'SystemExit', line: 3 },
        { kind: 'caught', exception: 'SystemExit', line: 5 },
      ],
      { source },
    );
    expect(base!.text).toBe('`except BaseException:` at line 3 caught SystemExit');
    expect(base!.warning?.text).toContain('`except BaseException` catches SystemExit too');
    expect(explicit!.text).toBe('`except SystemExit:` at line 5 caught SystemExit: the program chose not to end here');
    expect(explicit!.warning).toBeUndefined();
  });

  it('warns when a bare except swallows Ctrl+C', () => {
    const [item] = describeTimeline([{ kind: 'caught', exception: 'KeyboardInterrupt', line: 6 }]);
    expect(item!.warning?.text).toMatch(/^Ctrl\+C was swallowed: a bare `except:` catches KeyboardInterrupt too/);
  });

  it('warns when __exit__ swallows the exit', () => {
    const items = describeTimeline([
      { kind: 'raise', exception: 'SystemExit', value: '3', line: 12 },
      { kind: 'context-exit', name: 'Connection.__exit__', line: 8, suppressed: true },
      { kind: 'context-exit', name: 'Other.__exit__', line: 2, suppressed: false },
    ]);
    expect(items[1]!.text).toBe('`Connection.__exit__` (line 8) returned True: it swallowed SystemExit');
    expect(items[1]!.warning?.href).toBe(LESSON_LINKS.contextManagers);
    // Nothing is in flight any more.
    expect(items[2]!.text).toBe('`Other.__exit__` ran (line 2)');
  });

  it('warns when a return in finally discards the exit', () => {
    const items = describeTimeline([
      { kind: 'raise', exception: 'SystemExit', value: '1', line: 4 },
      { kind: 'finally', line: 6 },
      { kind: 'caught', exception: 'SystemExit', line: 7, via: 'return-in-finally' } as TimelineEvent,
    ]);
    expect(items[2]!.text).toBe('`return` in the `finally` at line 7 discarded SystemExit');
    expect(items[2]!.warning?.href).toBe(LESSON_LINKS.finallyTraps);
    expect(items[2]!.warning?.text).toContain('goes on as if nothing happened');
  });

  it('keeps one item per event, exit last', () => {
    const events: TimelineEvent[] = [
      { kind: 'raise', exception: 'SystemExit', line: 1 },
      { kind: 'flush', stream: 'stdout', bytes: 0 },
      { kind: 'flush', stream: 'stderr', bytes: 0 },
      { kind: 'exit', status: 0, cause: 'sys.exit', value: 'None', line: 1 },
    ];
    const items = describeTimeline(events);
    expect(items).toHaveLength(events.length);
    expect(items.at(-1)!.kind).toBe('exit');
    expect(items.at(-1)!.text).toBe('Exit status 0 — sys.exit() at line 1');
  });
});

describe('helpers', () => {
  it('ordinal', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
      '111th',
    ]);
  });

  it('exceptClause and catchesEverything', () => {
    expect(exceptClause('    except:  # no')).toBe('except');
    expect(exceptClause('except (SystemExit, KeyError) as e:')).toBe('except (SystemExit, KeyError)');
    expect(exceptClause('print(1)')).toBeNull();
    expect(catchesEverything('except', 'SystemExit')).toBe(true);
    expect(catchesEverything('except BaseException', 'SystemExit')).toBe(true);
    expect(catchesEverything('except (SystemExit, KeyError)', 'SystemExit')).toBe(false);
    expect(catchesEverything(null, 'SystemExit')).toBe(true);
  });
});
