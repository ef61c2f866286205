import { describe, expect, it } from 'vitest';
import { MAX_SPLIT, MIN_SPLIT, clampSplit, pipeModeOf, withPipeMode } from './settings';

describe('settings slice helpers', () => {
  it('keeps the editor share of the width within its bounds (a broken value is the middle)', () => {
    expect(clampSplit(0.05)).toBe(MIN_SPLIT);
    expect(clampSplit(0.95)).toBe(MAX_SPLIT);
    expect(clampSplit(0.6)).toBe(0.6);
    expect(clampSplit(Number.NaN)).toBe(0.5);
  });

  it('switches a command line between the terminal and a pipe into cat', () => {
    expect(pipeModeOf('python main.py')).toBe(false);
    const piped = withPipeMode('python main.py', true);
    expect(piped).toBe('python main.py | cat');
    expect(pipeModeOf(piped)).toBe(true);
    expect(withPipeMode(piped, false)).toBe('python main.py');
  });
});
