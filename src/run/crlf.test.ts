import { describe, expect, it } from 'vitest';
import { CrlfToLf } from './crlf';

describe('CrlfToLf', () => {
  it('turns \\r\\n into \\n, across chunks too', () => {
    const c = new CrlfToLf();
    expect(c.push('a\r\nb\r')).toBe('a\nb');
    expect(c.push('\nc')).toBe('\nc');
    expect(c.push('50%\r60%\r')).toBe('50%\r60%');
    expect(c.push('x')).toBe('\rx');
    expect(c.push('y\r')).toBe('y');
    expect(c.end()).toBe('\r');
    expect(c.end()).toBe('');
  });
});
