import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { inflatePayload } from './lz';

/** A small deterministic generator, so a failure names a case that can be run again. */
function generator(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const ALPHABETS = ['ab\n', 'print(x)\n', 'é✓ \u0000\uffff𝄞'];

describe('inflatePayload', () => {
  it('gives back exactly what lz-string compressed, for ASCII, BMP and astral text', () => {
    const rnd = generator(1);
    for (let t = 0; t < 1500; t++) {
      const alphabet = ALPHABETS[t % ALPHABETS.length] as string;
      let text = '';
      const length = rnd(500) + 1;
      for (let i = 0; i < length; i++) text += t % 4 === 3 ? String.fromCharCode(rnd(0x10000)) : alphabet[rnd(alphabet.length)];
      expect(inflatePayload(LZString.compressToEncodedURIComponent(text), 1e9), `case ${t}`).toEqual({ kind: 'text', text });
    }
  });

  it('never reads a cut or altered payload as some other text than lz-string does', () => {
    const rnd = generator(2);
    for (let t = 0; t < 1500; t++) {
      let text = '';
      for (let i = rnd(300) + 1; i > 0; i--) text += 'abc\n'[rnd(4)];
      let payload = LZString.compressToEncodedURIComponent(text);
      payload = t % 2 ? payload.slice(0, rnd(payload.length)) : payload.replace(/./, '$');
      const got = inflatePayload(payload, 1e9);
      if (got.kind === 'text') expect(got.text, payload).toBe(LZString.decompressFromEncodedURIComponent(payload));
      else expect(got.kind).toBe('nothing');
    }
    expect(inflatePayload('', 10).kind).toBe('nothing');
    expect(inflatePayload('<script>', 10).kind).toBe('nothing');
  });

  it('stops at the limit: a link of a few thousand characters that stands for a megabyte and more', () => {
    const bomb = LZString.compressToEncodedURIComponent('print(1)\n'.repeat(130_000));
    expect(bomb.length).toBeLessThan(10_000);
    const started = performance.now();
    expect(inflatePayload(bomb, 1_000_000)).toEqual({ kind: 'too large', maxChars: 1_000_000 });
    // Not a timing assertion of the product: a guard that the cap is checked as output grows.
    expect(performance.now() - started).toBeLessThan(1000);
    const fits = 'print(1)\n'.repeat(111_111);
    expect(inflatePayload(LZString.compressToEncodedURIComponent(fits), 1_000_000)).toEqual({ kind: 'text', text: fits });
    expect(inflatePayload(LZString.compressToEncodedURIComponent(fits), fits.length - 1).kind).toBe('too large');
  });
});
