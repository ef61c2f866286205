import { describe, expect, it } from 'vitest';
import { getPipeMode, setPipeMode } from './format';

describe('getPipeMode', () => {
  it('is true when every python command is piped into cat', () => {
    expect(getPipeMode('python main.py | cat')).toBe(true);
    expect(getPipeMode('python main.py|cat; echo $?')).toBe(true);
    expect(getPipeMode('timeout 5 python main.py | cat && echo ok')).toBe(true);
    expect(getPipeMode('python main.py | cat; python main.py | cat')).toBe(true);
  });
  it('is false otherwise', () => {
    expect(getPipeMode('python main.py')).toBe(false);
    expect(getPipeMode('python main.py | cat; python main.py')).toBe(false);
    expect(getPipeMode('echo hi | cat')).toBe(false);
    expect(getPipeMode('')).toBe(false);
    expect(getPipeMode('ls | cat')).toBe(false);
  });
});

describe('setPipeMode', () => {
  const cases: [string, string][] = [
    ['python main.py', 'python main.py | cat'],
    ['python main.py a "b c"', 'python main.py a "b c" | cat'],
    ['python main.py; echo $?', 'python main.py | cat; echo $?'],
    ['python main.py && echo ok || echo "failed $?"', 'python main.py | cat && echo ok || echo "failed $?"'],
    ['timeout -k 2 5 python3 main.py x', 'timeout -k 2 5 python3 main.py x | cat'],
    ['python main.py; python main.py 2', 'python main.py | cat; python main.py 2 | cat'],
    ['python main.py  # try it', 'python main.py | cat  # try it'],
  ];
  for (const [tty, pipe] of cases) {
    it(`toggles ${JSON.stringify(tty)}`, () => {
      expect(setPipeMode(tty, true)).toBe(pipe);
      expect(getPipeMode(setPipeMode(tty, true))).toBe(true);
      expect(setPipeMode(pipe, false)).toBe(tty);
      expect(getPipeMode(setPipeMode(pipe, false))).toBe(false);
    });
  }

  it('is idempotent', () => {
    expect(setPipeMode('python main.py | cat', true)).toBe('python main.py | cat');
    expect(setPipeMode('python main.py', false)).toBe('python main.py');
  });

  it('completes a line that is partly piped', () => {
    expect(setPipeMode('python main.py | cat; python main.py', true)).toBe('python main.py | cat; python main.py | cat');
  });

  it('removes every cat, whatever the spacing', () => {
    expect(setPipeMode('python main.py|cat|cat && echo $?', false)).toBe('python main.py && echo $?');
  });

  it('leaves echo pipes and unparseable lines alone', () => {
    expect(setPipeMode('echo hi | cat', false)).toBe('echo hi | cat');
    expect(setPipeMode('echo hi', true)).toBe('echo hi');
    expect(setPipeMode('python main.py > x', true)).toBe('python main.py > x');
    expect(setPipeMode("python main.py 'oops", true)).toBe("python main.py 'oops");
  });
});
