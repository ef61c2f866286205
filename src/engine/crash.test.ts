import { describe, expect, it } from 'vitest';
import { classifyCrash, crashRecord } from './crash';

describe('classifyCrash', () => {
  it('names a stack that ran out as such, never as memory', () => {
    expect(classifyCrash('RangeError: Maximum call stack size exceeded')).toBe('stack exhausted');
    expect(classifyCrash('InternalError: too much recursion')).toBe('stack exhausted');
  });
  it('tells out of memory, traps and the rest apart', () => {
    expect(classifyCrash('Cannot enlarge memory arrays to size 2147549184 bytes')).toBe('out of memory');
    expect(classifyCrash('RangeError: Array buffer allocation failed')).toBe('out of memory');
    expect(classifyCrash('RuntimeError: unreachable')).toBe('wasm trap');
    expect(classifyCrash('RuntimeError: memory access out of bounds')).toBe('wasm trap');
    expect(classifyCrash('TypeError: x is not a function')).toBeNull();
  });
  it('makes the exit record: status 1, cause crash, the kind first', () => {
    expect(crashRecord('RangeError: Maximum call stack size exceeded')).toEqual({
      status: 1,
      cause: 'crash',
      message: 'stack exhausted: RangeError: Maximum call stack size exceeded',
    });
    expect(crashRecord('the worker exited with code 0', true).message).toBe('worker lost: the worker exited with code 0');
    expect(crashRecord('TypeError: boom').message).toBe('TypeError: boom');
  });
});
