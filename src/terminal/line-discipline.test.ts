import { describe, expect, it } from 'vitest';
import { LineDiscipline } from './line-discipline';

function setup() {
  const log: string[] = [];
  let shown = '';
  const ld = new LineDiscipline({
    echo: (t) => {
      shown += t;
      log.push(`echo:${JSON.stringify(t)}`);
    },
    erase: () => {
      shown = shown.slice(0, -1);
      log.push('erase');
      return true;
    },
    send: (d) => log.push(`send:${JSON.stringify(d)}`),
    interrupt: () => log.push('interrupt'),
  });
  return { ld, log, shown: () => shown };
}

describe('LineDiscipline', () => {
  it('sends a line on Enter, with echo', () => {
    const { ld, log, shown } = setup();
    ld.input('A');
    ld.input('da');
    ld.input('\r');
    expect(log.filter((l) => l.startsWith('send'))).toEqual(['send:"Ada\\n"']);
    expect(shown()).toBe('Ada\n');
  });

  it('handles backspace', () => {
    const { ld, log, shown } = setup();
    ld.input('Adx\x7fa\r');
    expect(log).toContain('send:"Ada\\n"');
    expect(shown()).toBe('Ada\n');
  });

  it('sends each pasted line on its newline, keeping the rest typed', () => {
    const { ld, log } = setup();
    ld.input('one\r\ntwo\nthree');
    expect(log.filter((l) => l.startsWith('send'))).toEqual(['send:"one\\n"', 'send:"two\\n"']);
    expect(ld.pending()).toBe('three');
  });

  it('Ctrl+D sends end of input on an empty line, the typed text otherwise', () => {
    const { ld, log } = setup();
    ld.input('\x04');
    ld.input('ab\x04');
    expect(log.filter((l) => l.startsWith('send'))).toEqual(['send:null', 'send:"ab"']);
  });

  it('Ctrl+C shows ^C, drops the line and interrupts', () => {
    const { ld, log, shown } = setup();
    ld.input('abc\x03');
    expect(log).toContain('interrupt');
    expect(ld.pending()).toBe('');
    expect(shown()).toBe('abc^C');
  });

  it('swallows arrow keys', () => {
    const { ld } = setup();
    ld.input('a\x1b[Db\x1bOA');
    expect(ld.pending()).toBe('ab');
  });
});
