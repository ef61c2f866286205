import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastStderrLine, maskErrno } from './compare';

const SAMPLES = [
  'Traceback (most recent call last):\n  File "/tmp/main.py", line 1, in <module>\nNameError: name \'sys\' is not defined\n',
  "python3: can't open file '/tmp/x.py': [Errno 2] No such file or directory\n",
  'OSError: [Errno -3] Temporary failure in name resolution  \n\n',
  '/tmp/main.py:2: SyntaxWarning: "is" with \'int\' literal. Did you mean "=="?\n  if x is 1:\n     ^^^^^^\n',
  'first\n/tmp/main.py:2: SyntaxWarning: invalid escape sequence \'\\d\'\n  s = "\\d"\n',
  'SystemExit: [Errno 2] and [Errno 44] both\r\n',
  '',
  '\n \n',
];

describe('the last stderr line', () => {
  it('is the last line that is not blank, as written, without SyntaxWarning reports, errno numbers masked', () => {
    expect(SAMPLES.map(lastStderrLine)).toEqual([
      "NameError: name 'sys' is not defined",
      "python3: can't open file '/tmp/x.py': [Errno 2] No such file or directory",
      'OSError: [Errno -3] Temporary failure in name resolution  ',
      null,
      'first',
      'SystemExit: [Errno 2] and [Errno 44] both',
      null,
      null,
    ]);
    expect(maskErrno('OSError: [Errno -3] x [Errno 44]')).toBe('OSError: [Errno N] x [Errno N]');
  });

  it('is the same rule as the native side’s scripts/stderr_rule.py', () => {
    const script = join(resolve(__dirname, '../..'), 'scripts/stderr_rule.py');
    const r = spawnSync('python3', ['-E', script], { input: JSON.stringify(SAMPLES), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const native = JSON.parse(r.stdout) as [string | null, string | null][];
    expect(native).toEqual(SAMPLES.map((s) => {
      const line = lastStderrLine(s);
      return [line, line === null ? null : maskErrno(line)];
    }));
  });
});
