/**
 * Share links: making and reading `#code/` and `#lesson/` links, and every way a link can be damaged.
 *
 * One file: the cases are pairs of one format's writer and reader, and read best side by side.
 */
import { describe, expect, it } from 'vitest';
import LZString from 'lz-string';
import {
  codeLinkTooLong,
  crc32,
  crc32Hex,
  makeCodeLink,
  makeLessonHash,
  MAX_LINK_CHARS,
  MAX_PROGRAM_CHARS,
  parseLocationHash,
  type LinkTarget,
} from './index';
import { parseLessonLinkHash } from './lesson-link';

const BASE = 'https://exitlab.example/play/';

function hashOf(link: string): string {
  return link.slice(link.indexOf('#'));
}

function roundTrip(source: string, opts?: { lessonId?: string; program?: string }): LinkTarget {
  return parseLocationHash(hashOf(makeCodeLink(BASE, source, opts)));
}

function payloadOf(source: string): string {
  return LZString.compressToEncodedURIComponent(source);
}

function expectDamaged(t: LinkTarget, reason: RegExp, lessonId?: string): void {
  expect(t.kind).toBe('damaged');
  if (t.kind !== 'damaged') return;
  expect(t.reason).toMatch(reason);
  expect(t.lessonId).toBe(lessonId);
}

const THIRTY_LINES = `import signal
import sys
import time


def on_term(signum, frame):
    print(f"got signal {signum}, cleaning up")
    sys.exit(143)


signal.signal(signal.SIGTERM, on_term)


def work(n):
    total = 0
    for i in range(n):
        total += i * i
        time.sleep(0.1)
    return total


try:
    print("starting")
    result = work(100)
    print("result", result)
except KeyboardInterrupt:
    print("interrupted")
    raise
finally:
    print("finally runs")
`;

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
  it('handles empty input and returns unsigned numbers', () => {
    expect(crc32(new Uint8Array())).toBe(0);
    expect(crc32(new Uint8Array([0xff, 0xff, 0xff, 0xff]))).toBe(0xffffffff);
    expect(crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).toBe(
      0x414fa339,
    );
  });
  it('crc32Hex hashes UTF-8 and pads to 8 lowercase digits', () => {
    expect(crc32Hex('123456789')).toBe('cbf43926');
    expect(crc32Hex('')).toBe('00000000');
    expect(crc32Hex('é')).toBe(crc32(new Uint8Array([0xc3, 0xa9])).toString(16).padStart(8, '0'));
    expect(crc32Hex('x')).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('makeCodeLink / parseLocationHash round trip', () => {
  const sources: Record<string, string> = {
    ascii: 'import sys\nsys.exit(3)\n',
    unicode: 'print("héllo, wörld — ünïcödé ✓ 日本語")\n',
    emoji: 'print("exit 🚪🐍👋🏽 👨‍👩‍👧")\n',
    'empty lines': '\n\nprint(1)\n\n\n# end\n\n',
    'single newline': '\n',
    'no trailing newline': 'raise SystemExit',
    'link-looking text': 'print("#code/abc&h=00000000&lesson=x")\n',
    'lone surrogate': 'x = "\ud800"\n',
    thirty: THIRTY_LINES,
  };
  for (const [name, source] of Object.entries(sources)) {
    it(`round-trips ${name}`, () => {
      expect(roundTrip(source)).toEqual({ kind: 'code', source, version: 1 });
    });
  }

  it('carries lesson and program', () => {
    expect(roundTrip('print(1)\n', { lessonId: 'sigterm-101', program: 'handler' })).toEqual({
      kind: 'code',
      source: 'print(1)\n',
      lessonId: 'sigterm-101',
      program: 'handler',
      version: 1,
    });
  });

  it('percent-encodes program names that need it', () => {
    const link = makeCodeLink(BASE, 'print(1)\n', { program: 'a&b=c d/é' });
    expect(link).toContain('&program=a%26b%3Dc%20d%2F%C3%A9');
    const t = parseLocationHash(hashOf(link));
    expect(t).toMatchObject({ kind: 'code', program: 'a&b=c d/é' });
  });

  it('writes the documented shape: payload, lesson, program, h; no v', () => {
    const source = 'print(1)\n';
    const link = makeCodeLink(BASE, source, { lessonId: 'intro', program: 'main' });
    expect(link).toBe(
      `${BASE}#code/${payloadOf(source)}&lesson=intro&program=main&h=${crc32Hex(source)}`,
    );
    expect(link).not.toMatch(/[&]v=/);
  });

  it('drops any hash already on the base', () => {
    const link = makeCodeLink(`${BASE}#lesson/old`, 'print(1)\n');
    expect(link.startsWith(`${BASE}#code/`)).toBe(true);
    expect(link.split('#')).toHaveLength(2);
  });

  it('accepts the hash with or without the leading #', () => {
    const link = makeCodeLink(BASE, 'print(2)\n');
    const h = hashOf(link);
    expect(parseLocationHash(h)).toEqual(parseLocationHash(h.slice(1)));
    expect(parseLocationHash(h.slice(1))).toMatchObject({ kind: 'code', source: 'print(2)\n' });
  });

  it('keeps a typical 30-line program link under 2,000 characters', () => {
    expect(THIRTY_LINES.split('\n').length).toBeGreaterThanOrEqual(30);
    const link = makeCodeLink(BASE, THIRTY_LINES, { lessonId: 'signals-and-cleanup', program: 'main' });
    expect(link.length).toBeLessThan(2000);
    expect(codeLinkTooLong(link)).toBe(false);
  });

  it('rejects invalid lesson ids when writing', () => {
    expect(() => makeCodeLink(BASE, 'x', { lessonId: 'Bad Id' })).toThrow(RangeError);
    expect(() => makeLessonHash('UPPER')).toThrow(RangeError);
    expect(() => makeLessonHash('')).toThrow(RangeError);
  });
});

describe('parseLocationHash: accepted forms', () => {
  it('gives none for empty and foreign hashes', () => {
    expect(parseLocationHash('')).toEqual({ kind: 'none' });
    expect(parseLocationHash('#')).toEqual({ kind: 'none' });
    expect(parseLocationHash('#top')).toEqual({ kind: 'none' });
    expect(parseLocationHash('#lessons')).toEqual({ kind: 'none' });
    expect(parseLocationHash('#codex/abc')).toEqual({ kind: 'none' });
  });

  it('reads lesson links', () => {
    expect(parseLocationHash(makeLessonHash('sys-exit-3'))).toEqual({
      kind: 'lesson',
      lessonId: 'sys-exit-3',
    });
    expect(parseLocationHash('lesson/abc')).toEqual({ kind: 'lesson', lessonId: 'abc' });
    expect(parseLocationHash('#lesson/abc&utm_source=x')).toEqual({ kind: 'lesson', lessonId: 'abc' });
    expect(parseLocationHash('#lesson/ab%2Dc')).toEqual({ kind: 'lesson', lessonId: 'ab-c' });
  });

  it('accepts code links without h', () => {
    const source = 'print("no checksum")\n';
    expect(parseLocationHash(`#code/${payloadOf(source)}&lesson=intro`)).toEqual({
      kind: 'code',
      source,
      lessonId: 'intro',
      version: 1,
    });
  });

  it('ignores unknown parameters, in any position', () => {
    const source = 'print(1)\n';
    const h = crc32Hex(source);
    const t = parseLocationHash(
      `#code/${payloadOf(source)}&utm_source=mail&x&&lesson=intro&fbclid=abc==&h=${h}&zzz=`,
    );
    expect(t).toEqual({ kind: 'code', source, lessonId: 'intro', version: 1 });
  });

  it('accepts v=1 explicitly and an uppercase checksum', () => {
    const source = 'print(1)\n';
    const t = parseLocationHash(`#code/${payloadOf(source)}&v=1&h=${crc32Hex(source).toUpperCase()}`);
    expect(t).toEqual({ kind: 'code', source, version: 1 });
  });

  it('tolerates spaces for + and percent-encoded payloads', () => {
    // The URI-safe alphabet is A-Z a-z 0-9 + - ($ only pads base64, never used here).
    let source = '';
    for (let i = 0; i < 5000 && source === ''; i++) {
      const s = `print(${i} * "${String.fromCodePoint(0x4e00 + ((i * 7919) % 20000))}")\n`;
      if (payloadOf(s).includes('+')) source = s;
    }
    expect(source).not.toBe('');
    const p = payloadOf(source);
    expect(parseLocationHash(`#code/${p.replace(/\+/g, ' ')}&h=${crc32Hex(source)}`)).toMatchObject({
      kind: 'code',
      source,
    });
    expect(parseLocationHash(`#code/${encodeURIComponent(p)}&h=${crc32Hex(source)}`)).toMatchObject({
      kind: 'code',
      source,
    });
    expect(parseLocationHash(`#code/${p.replace(/\+/g, '%2B')}&h=${crc32Hex(source)}`)).toMatchObject({
      kind: 'code',
      source,
    });
  });
});

describe('parseLocationHash: damaged links', () => {
  const source = 'import sys\nprint("bye")\nsys.exit(3)\n';
  const payload = payloadOf(source);
  const h = crc32Hex(source);

  it('truncated payload (with h): damaged, unless only padding bits were cut', () => {
    let damagedCount = 0;
    for (let n = 1; n < payload.length; n++) {
      const t = parseLocationHash(`#code/${payload.slice(0, n)}&lesson=intro&h=${h}`);
      if (t.kind === 'code') {
        // The last character can carry only padding: the program is then intact.
        expect(t.source).toBe(source);
        expect(n).toBeGreaterThanOrEqual(payload.length - 1);
      } else {
        expectDamaged(t, /cut short/, 'intro');
        damagedCount++;
      }
    }
    expect(damagedCount).toBeGreaterThanOrEqual(payload.length - 2);
    expectDamaged(
      parseLocationHash(`#code/${payload.slice(0, payload.length >> 1)}&h=${h}`),
      /cut short/,
    );
  });

  it('truncated link (payload cut, parameters lost) never throws', () => {
    for (let n = 0; n <= payload.length; n++) {
      const t = parseLocationHash(`#code/${payload.slice(0, n)}`);
      expect(['code', 'damaged']).toContain(t.kind);
    }
    // Cutting the whole tail makes it decode to nothing.
    expectDamaged(parseLocationHash(`#code/${payload.slice(0, 2)}`), /decodes to nothing|cut short/);
  });

  it('payload that decodes to nothing', () => {
    expectDamaged(parseLocationHash('#code/AAAA'), /decodes to nothing/);
    expectDamaged(parseLocationHash(`#code/${payloadOf('')}`), /decodes to nothing/);
    expect(parseLocationHash(hashOf(makeCodeLink(BASE, '')))).toMatchObject({ kind: 'damaged' });
  });

  it('empty payload', () => {
    expectDamaged(parseLocationHash('#code/'), /no program/);
    expectDamaged(parseLocationHash('#code'), /no program/);
    expectDamaged(parseLocationHash('#code/&lesson=intro'), /no program/, 'intro');
  });

  it('characters outside the payload alphabet', () => {
    expectDamaged(parseLocationHash(`#code/${payload}!*~`), /characters/);
    expectDamaged(parseLocationHash(`#code/${payload.slice(0, 5)}%E2%9C%93${payload.slice(5)}`), /characters/);
  });

  it('broken percent escapes', () => {
    expectDamaged(parseLocationHash(`#code/${payload}%E2`), /malformed/);
    expectDamaged(parseLocationHash(`#code/${payload}&program=%zz`), /malformed.*program/);
  });

  it('checksum mismatch', () => {
    const other = crc32Hex(source + ' ');
    expectDamaged(parseLocationHash(`#code/${payload}&h=${other}&lesson=intro`), /checksum/, 'intro');
  });

  it('a payload swapped for another valid one', () => {
    expectDamaged(parseLocationHash(`#code/${payloadOf('print(2)\n')}&h=${h}`), /checksum/);
  });

  it('malformed parameters', () => {
    expectDamaged(parseLocationHash(`#code/${payload}&h=xyz`), /malformed.*checksum/);
    expectDamaged(parseLocationHash(`#code/${payload}&h=${h}0`), /malformed.*checksum/);
    expectDamaged(parseLocationHash(`#code/${payload}&h=`), /malformed.*"h"/);
    expectDamaged(parseLocationHash(`#code/${payload}&lesson`), /malformed.*"lesson"/);
    expectDamaged(parseLocationHash(`#code/${payload}&v=abc`), /malformed.*version/);
    expectDamaged(parseLocationHash(`#code/${payload}&v=0`), /malformed.*version/);
    expectDamaged(parseLocationHash(`#code/${payload}&v=-1`), /malformed.*version/);
    expectDamaged(parseLocationHash(`#code/${payload}&h=${h}&h=${h}`), /more than once/);
    expectDamaged(parseLocationHash(`#code/${payload}&program=a%0Ab`), /control characters/);
  });

  it('a damaged link keeps a valid lesson id, whatever else is wrong', () => {
    expectDamaged(parseLocationHash(`#code/${payload}&lesson=intro&v=x`), /malformed/, 'intro');
    expectDamaged(parseLocationHash(`#code/!!&lesson=intro`), /characters/, 'intro');
  });

  it('bad lesson ids', () => {
    expectDamaged(parseLocationHash('#lesson/'), /no lesson/);
    expectDamaged(parseLocationHash('#lesson'), /no lesson/);
    expectDamaged(parseLocationHash('#lesson/Intro'), /not valid/);
    expectDamaged(parseLocationHash('#lesson/a_b'), /not valid/);
    expectDamaged(parseLocationHash('#lesson/a%2Fb'), /not valid/);
    expectDamaged(parseLocationHash('#lesson/%E2'), /not valid/);
    expectDamaged(parseLocationHash(`#code/${payload}&lesson=../x`), /lesson id/);
  });

  it('newer format versions', () => {
    expectDamaged(parseLocationHash(`#code/${payload}&v=2&lesson=intro`), /v2, newer/, 'intro');
  });

  it('oversized links', () => {
    const huge = `#code/${'A'.repeat(MAX_LINK_CHARS + 10)}&lesson=intro`;
    expectDamaged(parseLocationHash(huge), /too long/, 'intro');
    expectDamaged(parseLocationHash(`#lesson/${'a'.repeat(MAX_LINK_CHARS + 1)}`), /too long/);
    // A real program big enough not to fit.
    let big = '';
    for (let i = 0; big.length < 400_000; i++) big += `v${i} = ${(i * 2654435761) % 1000003}  # ${i.toString(36)}\n`;
    const link = makeCodeLink(BASE, big);
    expect(codeLinkTooLong(link)).toBe(true);
    expectDamaged(parseLocationHash(hashOf(link)), /too long/);
  });

  it('never throws on odd input', () => {
    const odd = [
      '#code/%',
      '#code/&&&&',
      '#code/' + '$'.repeat(100),
      '#code/' + '-'.repeat(5000),
      '#code/\u0000',
      '#lesson/\ud800',
      '#code/Q&h=%',
      '#code/Q&=x',
      undefined as unknown as string,
      null as unknown as string,
    ];
    for (const h of odd) {
      expect(() => parseLocationHash(h)).not.toThrow();
    }
    // Random garbage in the payload alphabet.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
    let seed = 12345;
    for (let i = 0; i < 300; i++) {
      let p = '';
      const len = 1 + (i % 60);
      for (let j = 0; j < len; j++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        p += alphabet[seed % alphabet.length];
      }
      const t = parseLocationHash(`#code/${p}&h=00000000`);
      expect(['code', 'damaged']).toContain(t.kind);
    }
  });
});

describe('links that decompress to more than a program ever is', () => {
  // A few thousand characters of link for a program over the limit (an 11 MB one is in e2e/links).
  const bombSource = 'print(1)\n'.repeat(120_000);
  const bombPayload = LZString.compressToEncodedURIComponent(bombSource);

  it('are refused, with the lesson they name kept and the sizes in the reason', () => {
    expect(bombPayload.length).toBeLessThan(MAX_LINK_CHARS);
    const target = parseLocationHash(`#code/${bombPayload}&lesson=exit-codes&h=${crc32Hex(bombSource)}`);
    expect(target).toEqual({
      kind: 'damaged',
      lessonId: 'exit-codes',
      reason: expect.stringContaining(`more than ${MAX_PROGRAM_CHARS.toLocaleString('en-US')} characters`),
    });
  });

  it('as lesson links too', () => {
    const target = parseLessonLinkHash(`#lessonfile/${bombPayload}&v=1&h=${crc32Hex(bombSource)}`);
    expect(target).toMatchObject({ kind: 'damaged', reason: expect.stringMatching(/too large/) });
  });

  it('and a program just under the limit still opens', () => {
    const source = `${'x = 1\n'.repeat(Math.floor(MAX_PROGRAM_CHARS / 6) - 1)}`;
    expect(parseLocationHash(makeCodeLink('', source))).toMatchObject({ kind: 'code', source });
  });
});
