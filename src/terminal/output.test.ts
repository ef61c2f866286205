import { describe, expect, it } from 'vitest';
import { AnsiStripper, stripAnsi } from './ansi';
import { TerminalOutput, utf8Length, type TerminalSink } from './output';

function fakeSink() {
  const writes: string[] = [];
  let clears = 0;
  const sink: TerminalSink = {
    write(data, done) {
      writes.push(data);
      done();
    },
    clear() {
      clears++;
      writes.length = 0;
    },
  };
  return {
    sink,
    writes,
    get clears() {
      return clears;
    },
    /** What the screen would show, approximately: ANSI removed, backspace-erase applied. */
    screen() {
      let s = stripAnsi(writes.join(''));
      for (;;) {
        const next = s.replace(/[^\x08]\x08 \x08/u, '');
        if (next === s) break;
        s = next;
      }
      return s;
    },
  };
}

/** A model whose scheduled flushes run when `tick()` is called. */
function model(limits = {}) {
  const queue: (() => void)[] = [];
  let now = 0;
  const out = new TerminalOutput({
    limits,
    schedule: (cb) => queue.push(cb),
    now: () => now,
  });
  return {
    out,
    tick() {
      const jobs = queue.splice(0);
      for (const j of jobs) j();
    },
    advance(ms: number) {
      now += ms;
    },
  };
}

describe('stripAnsi / AnsiStripper', () => {
  it('removes colour codes', () => {
    expect(stripAnsi('\x1b[1;31mTraceback\x1b[0m (most recent call last):')).toBe('Traceback (most recent call last):');
  });

  it('holds back a sequence split across chunks', () => {
    const s = new AnsiStripper();
    expect(s.push('red: \x1b[3')).toBe('red: ');
    expect(s.push('1mX\x1b[0m')).toBe('X');
    expect(s.end()).toBe('');
  });

  it('removes OSC titles', () => {
    expect(stripAnsi('a\x1b]0;title\x07b')).toBe('ab');
  });
});

describe('TerminalOutput', () => {
  it('starts with the command line and ends with the final line', () => {
    const { out, tick } = model();
    const term = fakeSink();
    out.attach(term.sink);
    out.reset('python main.py');
    out.write('stdout', 'hello\n');
    out.write('stderr', 'oops\n');
    tick();
    out.line('[exit status 3]', 'status-fail');
    out.flush(true);
    expect(out.text()).toBe('$ python main.py\nhello\noops\n[exit status 3]');
    expect(term.screen()).toBe(out.text());
    // stderr in a distinct colour in the terminal only
    expect(term.writes.join('')).toContain('\x1b[31moops\n\x1b[39m');
  });

  it('puts the final line on a line of its own', () => {
    const { out } = model();
    out.reset('python main.py');
    out.write('stdout', 'no newline');
    out.line('[exit status 0]', 'status-ok');
    out.flush(true);
    expect(out.text()).toBe('$ python main.py\nno newline\n[exit status 0]');
  });

  it('echoes typed input where a terminal echoes it, and erases with backspace', () => {
    const { out, tick } = model();
    const term = fakeSink();
    out.attach(term.sink);
    out.reset('python main.py');
    out.write('stdout', 'Name? ');
    tick();
    out.echo('Adx');
    expect(out.erase()).toBe(true);
    out.echo('a\n');
    expect(out.erase()).toBe(false); // nothing to erase after Enter
    out.write('stdout', 'Hello, Ada!\n');
    out.flush(true);
    expect(out.text()).toBe('$ python main.py\nName? Ada\nHello, Ada!\n');
    expect(term.screen()).toBe(out.text());
  });

  it('erases an echoed character flushed in an earlier frame', () => {
    const { out, tick } = model();
    out.reset('python main.py');
    out.echo('ab');
    tick();
    expect(out.erase()).toBe(true);
    tick();
    expect(out.text()).toBe('$ python main.py\na');
  });

  it('does not erase program output', () => {
    const { out } = model();
    out.reset('python main.py');
    out.echo('a');
    out.write('stdout', 'x');
    expect(out.erase()).toBe(false);
    out.flush(true);
    expect(out.text()).toBe('$ python main.py\nax');
  });

  it('strips ANSI from the transcript but not the terminal', () => {
    const { out } = model();
    const term = fakeSink();
    out.attach(term.sink);
    out.reset('python main.py');
    out.write('stderr', '\x1b[35mValueError\x1b[0m: bad\n');
    out.flush(true);
    expect(out.text()).toBe('$ python main.py\nValueError: bad\n');
    expect(term.writes.join('')).toContain('\x1b[35mValueError');
  });

  it('writes at most one frame budget per flush', () => {
    const { out, tick } = model({ frameChars: 10, backlogChars: 1000, keepChars: 100 });
    const term = fakeSink();
    out.attach(term.sink);
    out.reset('p');
    out.write('stdout', 'x'.repeat(25));
    tick();
    expect(out.text()).toBe('$ p\n' + 'x'.repeat(10));
    tick();
    tick();
    expect(out.text()).toBe('$ p\n' + 'x'.repeat(25));
  });

  it('hands the terminal small writes, never splitting a surrogate pair', () => {
    const { out, tick } = model({ frameChars: 1000, sinkChunkChars: 4 });
    const term = fakeSink();
    out.attach(term.sink);
    out.reset('p');
    term.writes.length = 0;
    out.write('stdout', 'abc\u{1F600}defghij');
    tick();
    expect(term.writes.every((w) => w.length <= 4)).toBe(true);
    expect(term.writes.some((w) => w.includes('\u{1F600}'))).toBe(true);
    expect(term.writes.join('')).toBe('abc\u{1F600}defghij');
  });

  it('cuts a flood and says how many bytes were not shown', () => {
    const { out, tick } = model({ frameChars: 50, backlogChars: 100, keepChars: 20 });
    const term = fakeSink();
    out.attach(term.sink);
    out.reset('python flood.py');
    for (let i = 0; i < 30; i++) out.write('stdout', `line ${String(i).padStart(2, '0')}\n`); // 8 chars each
    tick();
    out.flush(true);
    const text = out.text();
    expect(text).toMatch(/\[output cut: \d+ bytes not shown\]\n/);
    expect(text.endsWith('line 29\n')).toBe(true);
    const cut = Number(/cut: (\d+) bytes/.exec(text)![1]);
    const shownLines = text.split('\n').filter((l) => l.startsWith('line ')).length;
    expect(cut + shownLines * 8).toBe(30 * 8);
    expect(out.cutBytes()).toBe(cut);
    expect(term.screen()).toBe(text);
  });

  it('keeps the transcript under its caps, with a notice after the command line', () => {
    const { out } = model({ maxLines: 5, maxChars: 1000 });
    out.reset('python main.py');
    for (let i = 0; i < 12; i++) {
      out.write('stdout', `${i}\n`);
      out.flush(true);
    }
    const text = out.text();
    const lines = text.split('\n');
    expect(lines[0]).toBe('$ python main.py');
    expect(lines[1]).toMatch(/^\[output cut: \d+ bytes not shown\]$/);
    expect(lines.slice(2)).toEqual(['7', '8', '9', '10', '11', '']);
    expect(Number(/cut: (\d+)/.exec(text)![1])).toBe(utf8Length('0\n1\n2\n3\n4\n5\n6\n'));
  });

  it('trims inside one huge chunk at a line boundary', () => {
    const { out } = model({ maxChars: 20, maxLines: 1000 });
    out.reset('p');
    out.write('stdout', 'aaaaaaaaa\nbbbbbbbbb\nccccccccc\n');
    out.flush(true);
    expect(out.text()).toBe('$ p\n[output cut: 10 bytes not shown]\nbbbbbbbbb\nccccccccc\n');
  });

  it('replays the transcript into a terminal attached later', () => {
    const { out } = model();
    out.reset('python main.py');
    out.write('stdout', 'hi\n');
    out.flush(true);
    const term = fakeSink();
    out.attach(term.sink);
    expect(term.screen()).toBe('$ python main.py\nhi\n');
  });

  it('counts UTF-8 bytes', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
  });
});
