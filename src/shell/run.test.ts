/**
 * The shell's semantics on a fake runtime: lists, `$?`, pipes into `cat`, `timeout`, signals and Stop.
 *
 * One file: the cases share the fake runtime's plans and the `start` helper, and together they
 * are the shell's specification.
 */
import { describe, expect, it } from 'vitest';
import type { ExitRecord } from '../engine/protocol';
import {
  FakeRuntime,
  flush,
  handles,
  ignores,
  type Plan,
} from './fake-runtime.test-helper';
import { parseCommandLine } from './parse';
import { deathSignal, echoOutput, runCommandLine, type RunOptions } from './run';

function start(line: string, plans: Plan[] = [], opts?: RunOptions) {
  const parsed = parseCommandLine(line);
  if (!parsed.ok) throw new Error(parsed.error);
  const rt = new FakeRuntime(plans);
  const run = runCommandLine(parsed.ast, rt, opts);
  return { rt, run };
}

/** Runs a line whose python jobs all exit at once with the given statuses. */
async function runQuick(line: string, statuses: number[] = [], opts?: RunOptions) {
  const { rt, run } = start(line, statuses.map((s) => ({ exitWith: s })), opts);
  const result = await run.done;
  return { rt, result };
}

describe('python jobs', () => {
  it('starts python with sys.argv and terminal mode', async () => {
    const { rt, result } = await runQuick(`python main.py a 'b c' ""`, [3]);
    expect(rt.starts).toHaveLength(1);
    expect(rt.starts[0]).toMatchObject({ file: 'main.py', argv: ['main.py', 'a', 'b c', ''], mode: 'tty' });
    expect(result).toEqual({ status: 3, last: { status: 3, cause: 'sys.exit' }, timedOut: false, aborted: null });
  });

  it('python3 and other .py files are passed as written', async () => {
    const { rt } = await runQuick('python3 tools/other.py x', [0]);
    expect(rt.starts[0]).toMatchObject({ file: 'tools/other.py', argv: ['tools/other.py', 'x'] });
  });

  it('| cat runs python in pipe mode', async () => {
    const { rt, result } = await runQuick('python main.py | cat', [3]);
    expect(rt.starts[0]!.mode).toBe('pipe');
    // bash without pipefail: the pipeline's status is cat's.
    expect(result.status).toBe(0);
    expect(result.last?.status).toBe(3);
  });

  it('python main.py | cat; echo $? prints 0, as bash does', async () => {
    const { rt } = await runQuick('python main.py | cat; echo $?', [3]);
    expect(rt.stdout).toBe('0\n');
  });

  it('runs jobs one after another, each in its own mode', async () => {
    const { rt, result } = await runQuick('python main.py; python main.py | cat; python main.py', [1, 2, 3]);
    expect(rt.starts.map((s) => s.mode)).toEqual(['tty', 'pipe', 'tty']);
    expect(result.status).toBe(3);
  });

  it('waits for each job before starting the next', async () => {
    const { rt, run } = start('python main.py; python main.py');
    await flush();
    expect(rt.starts).toHaveLength(1);
    expect(run.currentJob()).not.toBeNull();
    rt.job(0).exit(0);
    await flush();
    expect(rt.starts).toHaveLength(2);
    rt.job(1).exit(4);
    expect((await run.done).status).toBe(4);
    expect(run.currentJob()).toBeNull();
  });

  it('a job that dies of a signal has status 128+N', async () => {
    const { rt, run } = start('python main.py; echo $?');
    await flush();
    run.currentJob()!.sendSignal('SIGTERM');
    const result = await run.done;
    expect(rt.job(0).signals.map((s) => s.sig)).toEqual(['SIGTERM']);
    expect(rt.stdout).toBe('143\n');
    expect(result).toMatchObject({ status: 0, last: { status: 143, signal: 'SIGTERM' }, aborted: null });
  });

  it('the other signal buttons reach python', async () => {
    for (const [sig, status] of [['SIGHUP', 129], ['SIGUSR1', 138], ['SIGUSR2', 140], ['SIGKILL', 137]] as const) {
      const { rt, run } = start('python main.py');
      await flush();
      run.currentJob()!.sendSignal(sig);
      expect((await run.done).status).toBe(status);
      expect(rt.job(0).signals.map((s) => s.sig)).toEqual([sig]);
    }
  });

  it('signals sent after the job ended are dropped', async () => {
    const { rt, run } = start('python main.py');
    await flush();
    const job = run.currentJob()!;
    rt.job(0).exit(0);
    await run.done;
    job.sendSignal('SIGTERM');
    expect(rt.job(0).signals).toEqual([]);
    expect(run.currentJob()).toBeNull();
  });

  it('a job whose exit promise rejects is a crash', async () => {
    const parsed = parseCommandLine('python main.py; echo $?');
    if (!parsed.ok) throw new Error();
    const rt = new FakeRuntime();
    rt.startPython = () => ({ sendSignal() {}, exited: Promise.reject(new Error('worker died')) });
    const result = await runCommandLine(parsed.ast, rt).done;
    expect(result.last).toEqual({ status: 1, cause: 'crash', message: 'worker died' });
    expect(rt.stdout).toBe('1\n');
  });

  it('a runtime that cannot start python reports it', async () => {
    const parsed = parseCommandLine('python main.py || echo failed $?');
    if (!parsed.ok) throw new Error();
    const rt = new FakeRuntime();
    rt.throwOnStart = new Error('no engine');
    const result = await runCommandLine(parsed.ast, rt).done;
    expect(rt.stderr).toBe('exitlab shell: could not start python: no engine\n');
    expect(rt.stdout).toBe('failed 1\n');
    expect(result.last).toMatchObject({ cause: 'crash' });
  });
});

describe('sequences, && and ||', () => {
  it('&& runs the right side only after success', async () => {
    expect((await runQuick('python main.py && python main.py', [1])).rt.starts).toHaveLength(1);
    expect((await runQuick('python main.py && python main.py', [0, 5])).result.status).toBe(5);
  });

  it('|| runs the right side only after failure', async () => {
    expect((await runQuick('python main.py || python main.py', [0])).rt.starts).toHaveLength(1);
    const { rt, result } = await runQuick('python main.py || echo "failed with $?"', [2]);
    expect(rt.stdout).toBe('failed with 2\n');
    expect(result.status).toBe(0);
  });

  it('a skipped command leaves $? alone', async () => {
    expect((await runQuick('false && echo no; echo $?')).rt.stdout).toBe('1\n');
    expect((await runQuick('python main.py || echo no; echo $?', [0])).rt.stdout).toBe('0\n');
  });

  it('groups && and || left to right with equal precedence', async () => {
    // (true || false) && echo x: prints x (C precedence would not).
    expect((await runQuick('true || false && echo x')).rt.stdout).toBe('x\n');
    // (false && echo a) || echo b
    expect((await runQuick('false && echo a || echo b')).rt.stdout).toBe('b\n');
    // (false || false) && echo c: prints nothing, status 1
    const r = await runQuick('false || false && echo c');
    expect(r.rt.stdout).toBe('');
    expect(r.result.status).toBe(1);
    // ; separates and-or lists
    expect((await runQuick('false && echo a; echo b')).rt.stdout).toBe('b\n');
  });

  it('true and false', async () => {
    expect((await runQuick('true')).result.status).toBe(0);
    expect((await runQuick('false')).result.status).toBe(1);
    expect((await runQuick('')).result).toEqual({ status: 0, last: null, timedOut: false, aborted: null });
  });
});

describe('echo and $?', () => {
  it('$? is the status of the previous command', async () => {
    const { rt } = await runQuick('python main.py; echo $?; echo "again: $?"; false; echo $? \'$?\'', [3]);
    expect(rt.stdout).toBe("3\nagain: 0\n1 $?\n");
  });

  it('$? starts at 0 or at initialStatus', async () => {
    expect((await runQuick('echo $?')).rt.stdout).toBe('0\n');
    expect((await runQuick('echo $?', [], { initialStatus: 42 })).rt.stdout).toBe('42\n');
  });

  it('$? is expanded in python arguments too', async () => {
    const { rt } = await runQuick('false; python main.py $? x$?', [0]);
    expect(rt.starts[0]!.argv).toEqual(['main.py', '1', 'x1']);
  });

  it('echo in a pipe into cat', async () => {
    expect((await runQuick('echo hi | cat')).rt.stdout).toBe('hi\n');
  });

  it('implements bash echo options', () => {
    expect(echoOutput([])).toBe('\n');
    expect(echoOutput(['a', 'b'])).toBe('a b\n');
    expect(echoOutput(['-n', 'a'])).toBe('a');
    expect(echoOutput(['--', 'a'])).toBe('-- a\n');
    expect(echoOutput(['-x', 'a'])).toBe('-x a\n');
    expect(echoOutput(['a\\tb'])).toBe('a\\tb\n');
    expect(echoOutput(['-e', 'a\\tb\\n'])).toBe('a\tb\n\n');
    expect(echoOutput(['-ne', 'a\\x41\\0101\\u00e9'])).toBe('aAAé');
    expect(echoOutput(['-e', 'a\\cb'])).toBe('a');
    expect(echoOutput(['-e', '\\q\\\\'])).toBe('\\q\\\n');
    expect(echoOutput(['-eE', 'a\\tb'])).toBe('a\\tb\n');
    expect(echoOutput(['-n', '-e', 'x'])).toBe('x');
  });
});

describe('Ctrl+C (SIGINT to the foreground job)', () => {
  it('abandons the rest of the line when the job dies of it', async () => {
    const { rt, run } = start('python main.py; echo after');
    await flush();
    run.currentJob()!.sendSignal('SIGINT');
    const result = await run.done;
    expect(rt.stdout).toBe('');
    expect(result).toMatchObject({ status: 130, aborted: 'sigint', last: { type: 'KeyboardInterrupt' } });
  });

  it('lets the line go on when the program catches it and exits', async () => {
    const { rt, run } = start('python main.py; echo after $?', [{ onSignal: handles(['SIGINT'], 1) }]);
    await flush();
    run.currentJob()!.sendSignal('SIGINT');
    const result = await run.done;
    expect(rt.stdout).toBe('after 1\n');
    expect(result.aborted).toBeNull();
  });

  it('in a pipe, cat dies of it too: the line stops with 130', async () => {
    const { rt, run } = start('python main.py | cat; echo after', [{ onSignal: handles(['SIGINT'], 0) }]);
    await flush();
    run.currentJob()!.sendSignal('SIGINT');
    const result = await run.done;
    expect(rt.stdout).toBe('');
    expect(result).toMatchObject({ status: 130, aborted: 'sigint' });
  });
});

describe('stop()', () => {
  it('kills the job with SIGKILL and runs nothing more', async () => {
    const { rt, run } = start('python main.py; echo after; python main.py', [{ onSignal: ignores(['SIGTERM', 'SIGINT']) }]);
    await flush();
    run.stop();
    const result = await run.done;
    expect(rt.job(0).signals.map((s) => s.sig)).toEqual(['SIGKILL']);
    expect(rt.starts).toHaveLength(1);
    expect(rt.stdout).toBe('');
    expect(result).toMatchObject({ status: 137, aborted: 'stop', last: { status: 137, signal: 'SIGKILL' } });
  });

  it('in a pipe too, and under timeout (timers cancelled)', async () => {
    const { rt, run } = start('timeout -k 1 5 python main.py | cat');
    await flush();
    run.stop();
    const result = await run.done;
    expect(result).toMatchObject({ status: 137, aborted: 'stop', timedOut: false });
    expect(rt.clock.pending()).toBe(0);
  });

  it('after the end it does nothing', async () => {
    const { rt, run } = start('python main.py', [{ exitWith: 0 }]);
    const result = await run.done;
    run.stop();
    expect(result.status).toBe(0);
    expect(rt.job(0).signals).toEqual([]);
  });
});

describe('timeout (GNU coreutils semantics)', () => {
  it('a command that ends in time keeps its status; the timer is cancelled', async () => {
    const { rt, run } = start('timeout 5 python main.py; echo $?');
    await rt.clock.advance(1000);
    rt.job(0).exit(3);
    await flush();
    const result = await run.done;
    expect(rt.stdout).toBe('3\n');
    expect(result.timedOut).toBe(false);
    expect(rt.clock.pending()).toBe(0);
    expect(rt.job(0).signals).toEqual([]);
  });

  it('sends SIGTERM when time runs out and exits 124', async () => {
    const { rt, run } = start('timeout 5 python main.py; echo $?');
    await rt.clock.advance(4999);
    expect(rt.job(0).signals).toEqual([]);
    await rt.clock.advance(1);
    expect(rt.job(0).signals).toEqual([{ sig: 'SIGTERM', at: 5000 }]);
    const result = await run.done;
    expect(rt.stdout).toBe('124\n');
    expect(result).toMatchObject({ status: 0, timedOut: true, last: { status: 143, signal: 'SIGTERM' } });
  });

  it('the status of the timeout itself is 124', async () => {
    const { rt, run } = start('timeout 2 python main.py');
    await rt.clock.advance(2000);
    expect(await run.done).toMatchObject({ status: 124, timedOut: true });
  });

  it('124 even when a handler exits 0; --preserve-status keeps 0', async () => {
    let { rt, run } = start('timeout 1 python main.py', [{ onSignal: handles(['SIGTERM'], 0) }]);
    await rt.clock.advance(1000);
    expect((await run.done).status).toBe(124);
    ({ rt, run } = start('timeout --preserve-status 1 python main.py', [{ onSignal: handles(['SIGTERM'], 0) }]));
    await rt.clock.advance(1000);
    expect(await run.done).toMatchObject({ status: 0, timedOut: true });
  });

  it('--preserve-status gives 128+N when the command dies of the signal', async () => {
    const { rt, run } = start('timeout --preserve-status 1 python main.py');
    await rt.clock.advance(1000);
    expect((await run.done).status).toBe(143);
  });

  it('-k: SIGKILL after the grace period gives 137, with or without --preserve-status', async () => {
    for (const opts of ['', '--preserve-status', '--foreground']) {
      const { rt, run } = start(`timeout -k 3 ${opts} 2 python main.py`, [{ onSignal: ignores(['SIGTERM']) }]);
      await rt.clock.advance(2000);
      expect(rt.job(0).signals).toEqual([{ sig: 'SIGTERM', at: 2000 }]);
      await rt.clock.advance(2999);
      expect(rt.job(0).done).toBe(false);
      await rt.clock.advance(1);
      expect(rt.job(0).signals).toEqual([
        { sig: 'SIGTERM', at: 2000 },
        { sig: 'SIGKILL', at: 5000 },
      ]);
      expect(await run.done, opts).toMatchObject({ status: 137, timedOut: true, last: { signal: 'SIGKILL' } });
    }
  });

  it('-k: no SIGKILL when the command ends within the grace period', async () => {
    const { rt, run } = start('timeout -k 3 2 python main.py', [{ onSignal: handles(['SIGTERM'], 7) }]);
    await rt.clock.advance(10_000);
    expect(rt.job(0).signals.map((s) => s.sig)).toEqual(['SIGTERM']);
    expect((await run.done).status).toBe(124);
    expect(rt.clock.pending()).toBe(0);
  });

  it('without -k a command that ignores the signal keeps running; still 124 when it ends', async () => {
    const { rt, run } = start('timeout 1 python main.py', [{ onSignal: ignores(['SIGTERM']) }]);
    await rt.clock.advance(60_000);
    expect(rt.job(0).done).toBe(false);
    expect(rt.job(0).signals.map((s) => s.sig)).toEqual(['SIGTERM']);
    rt.job(0).exit(0);
    expect((await run.done).status).toBe(124);
  });

  it('-s KILL gives 137', async () => {
    const { rt, run } = start('timeout -s KILL 1 python main.py');
    await rt.clock.advance(1000);
    expect(rt.job(0).signals.map((s) => s.sig)).toEqual(['SIGKILL']);
    expect((await run.done).status).toBe(137);
  });

  it('-s INT sends SIGINT (KeyboardInterrupt) and still gives 124; the line goes on', async () => {
    const { rt, run } = start('timeout -s INT 1 python main.py; echo $?');
    await rt.clock.advance(1000);
    expect(rt.job(0).signals.map((s) => s.sig)).toEqual(['SIGINT']);
    const result = await run.done;
    expect(rt.stdout).toBe('124\n');
    expect(result.aborted).toBeNull();
  });

  it('other signals: HUP, USR1 by number', async () => {
    const { rt, run } = start('timeout -s 10 1 python main.py');
    await rt.clock.advance(1000);
    expect(rt.job(0).signals.map((s) => s.sig)).toEqual(['SIGUSR1']);
    expect((await run.done).status).toBe(124);
  });

  it('duration suffixes and fractions', async () => {
    for (const [d, ms] of [['1.5', 1500], ['2m', 120_000], ['1h', 3_600_000], ['0.25s', 250]] as const) {
      const { rt, run } = start(`timeout ${d} python main.py`);
      await rt.clock.advance(ms - 1);
      expect(rt.job(0).signals, d).toEqual([]);
      await rt.clock.advance(1);
      expect(rt.job(0).signals.map((s) => s.sig), d).toEqual(['SIGTERM']);
      await run.done;
    }
  });

  it('duration 0 disables the timeout', async () => {
    const { rt, run } = start('timeout 0 python main.py');
    await rt.clock.advance(1e9);
    expect(rt.job(0).signals).toEqual([]);
    expect(rt.clock.pending()).toBe(0);
    rt.job(0).exit(0);
    expect(await run.done).toMatchObject({ status: 0, timedOut: false });
  });

  it('very long durations are chained past setTimeout’s limit', async () => {
    const { rt, run } = start('timeout 30d python main.py');
    await flush();
    expect(rt.clock.requested[0]).toBe(2_147_483_647);
    await rt.clock.advance(30 * 86_400_000 - 1);
    expect(rt.job(0).signals).toEqual([]);
    await rt.clock.advance(1);
    expect(rt.job(0).signals.map((s) => s.sig)).toEqual(['SIGTERM']);
    await run.done;
  });

  it('works with | cat (pipe mode; the pipeline status is still cat’s)', async () => {
    const { rt, run } = start('timeout 1 python main.py | cat; echo $?');
    await flush();
    expect(rt.starts[0]!.mode).toBe('pipe');
    await rt.clock.advance(1000);
    const result = await run.done;
    expect(rt.stdout).toBe('0\n');
    expect(result.timedOut).toBe(true);
  });

  it('passes argv through', async () => {
    const { rt, run } = start(`timeout 9 python3 main.py --x 'y z'`, [{ exitWith: 0 }]);
    await run.done;
    expect(rt.starts[0]).toMatchObject({ file: 'main.py', argv: ['main.py', '--x', 'y z'] });
  });

  it('--verbose reports each signal it sends', async () => {
    const { rt, run } = start('timeout -v -k 1 1 python main.py', [{ onSignal: ignores(['SIGTERM']) }]);
    await rt.clock.advance(2000);
    await run.done;
    expect(rt.stderr).toBe(
      'timeout: sending signal TERM to command ‘python’\ntimeout: sending signal KILL to command ‘python’\n',
    );
  });

  it('a signal from the page that kills the command is not a timeout: 128+N', async () => {
    const { rt, run } = start('timeout 5 python main.py; echo $?');
    await rt.clock.advance(1000);
    run.currentJob()!.sendSignal('SIGTERM');
    const result = await run.done;
    expect(rt.stdout).toBe('143\n');
    expect(result.timedOut).toBe(false);
    expect(rt.clock.pending()).toBe(0);
  });

  it('Ctrl+C under timeout -k starts the kill timer, as GNU timeout does', async () => {
    const { rt, run } = start('timeout -k 2 60 python main.py', [{ onSignal: ignores(['SIGINT']) }]);
    await rt.clock.advance(1000);
    run.currentJob()!.sendSignal('SIGINT');
    expect(rt.job(0).signals).toEqual([{ sig: 'SIGINT', at: 1000 }]);
    await rt.clock.advance(2000);
    expect(rt.job(0).signals.map((s) => s.sig)).toEqual(['SIGINT', 'SIGKILL']);
    // Killed by timeout's SIGKILL after it timed out (the kill alarm counts as the timeout).
    expect(await run.done).toMatchObject({ status: 137 });
  });

  it('Ctrl+C under timeout: the job dies of SIGINT, timeout re-raises it, the line stops', async () => {
    const { rt, run } = start('timeout 60 python main.py; echo after');
    await flush();
    run.currentJob()!.sendSignal('SIGINT');
    const result = await run.done;
    expect(rt.stdout).toBe('');
    expect(result).toMatchObject({ status: 130, aborted: 'sigint', timedOut: false });
  });

  it('usage errors give 125 and GNU’s messages without starting python', async () => {
    const cases: [string, string][] = [
      ['timeout 5x python main.py', 'timeout: invalid time interval ‘5x’\n'],
      ['timeout -s FOO 5 python main.py', 'timeout: ‘FOO’: invalid signal\n'],
      ['timeout -k 1q 5 python main.py', 'timeout: invalid time interval ‘1q’\n'],
      ['timeout -z 5 python main.py', "timeout: invalid option -- 'z'\n"],
      ['timeout 5', ''],
    ];
    for (const [line, message] of cases) {
      const { rt, result } = await runQuick(`${line}; echo $?`);
      expect(rt.stderr, line).toBe(`${message}Try 'timeout --help' for more information.\n`);
      expect(rt.stdout, line).toBe('125\n');
      expect(rt.starts, line).toHaveLength(0);
      expect(result.last).toBeNull();
    }
  });

  it('DURATION may use $?', async () => {
    const { rt, run } = start('python main.py; timeout $? python main.py', [{ exitWith: 2 }]);
    await rt.clock.advance(1999);
    expect(rt.job(1).signals).toEqual([]);
    await rt.clock.advance(1);
    expect(rt.job(1).signals.map((s) => s.sig)).toEqual(['SIGTERM']);
    await run.done;
  });
});

describe('deathSignal', () => {
  it('tells deaths by signal from exits', () => {
    const r = (x: Partial<ExitRecord>): ExitRecord => ({ status: 0, cause: 'end', ...x });
    expect(deathSignal(r({ status: 143, cause: 'signal', signal: 'SIGTERM' }))).toBe('SIGTERM');
    expect(deathSignal(r({ status: 130, cause: 'exception', type: 'KeyboardInterrupt' }))).toBe('SIGINT');
    expect(deathSignal(r({ status: 130, cause: 'sys.exit' }))).toBeNull();
    expect(deathSignal(r({ status: 1, cause: 'exception', type: 'KeyboardInterrupt' }))).toBeNull();
    expect(deathSignal(r({ status: 0, cause: 'end' }))).toBeNull();
  });
});
