import { describe, expect, it } from 'vitest';
import { bootTimeoutFromQuery } from '../../hosts/webcontainer/runtime';

describe('?nodeBootTimeoutMs', () => {
  it('reads a non-negative number of milliseconds, or nothing', () => {
    expect(bootTimeoutFromQuery('?nodeBootTimeoutMs=3000')).toBe(3000);
    expect(bootTimeoutFromQuery('?a=1&nodeBootTimeoutMs=0')).toBe(0);
    expect(bootTimeoutFromQuery('?nodeBootTimeoutMs=soon')).toBeUndefined();
    expect(bootTimeoutFromQuery('?nodeBootTimeoutMs=-5')).toBeUndefined();
    expect(bootTimeoutFromQuery('')).toBeUndefined();
    expect(bootTimeoutFromQuery(undefined)).toBeUndefined();
  });
});
