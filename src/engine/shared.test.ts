import { describe, expect, it } from 'vitest';
import { controlViews, createControlBuffer, drainOutput, writeOutput } from './shared';

const enc = new TextEncoder();
const dec = new TextDecoder();

function ring(capacity: number) {
  const v = controlViews(createControlBuffer(capacity));
  const got: [number, string][] = [];
  const drain = (): void =>
    drainOutput(v, (stream, data) => {
      const last = got[got.length - 1];
      // Neighbouring deliveries of one stream may come from two drains: join them for comparison.
      if (last && last[0] === stream) last[1] += dec.decode(data);
      else got.push([stream, dec.decode(data)]);
    });
  let wakes = 0;
  const write = (stream: 1 | 2, text: string): void =>
    writeOutput(v, stream, enc.encode(text), () => wakes++, () => drain());
  return { v, got, drain, write, wakes: () => wakes };
}

describe('output ring', () => {
  it('delivers records in order, merging neighbours of one stream', () => {
    const r = ring(1024);
    r.write(1, 'a');
    r.write(1, 'b');
    r.write(2, 'E');
    r.write(1, 'c');
    const delivered: [number, string][] = [];
    drainOutput(r.v, (stream, data) => delivered.push([stream, dec.decode(data)]));
    expect(delivered).toEqual([
      [1, 'ab'],
      [2, 'E'],
      [1, 'c'],
    ]);
    expect(r.wakes()).toBe(1); // only the write into an empty ring wakes the host
  });

  it('survives wrapping around and a full ring (the writer waits for the reader)', () => {
    const r = ring(97); // odd size: headers and payloads straddle the end
    const want: [number, string][] = [];
    for (let i = 0; i < 300; i++) {
      const stream = i % 7 === 0 ? 2 : 1;
      const text = `${i}:${'x'.repeat(i % 50)}\n`;
      r.write(stream, text);
      const last = want[want.length - 1];
      if (last && last[0] === stream) last[1] += text;
      else want.push([stream, text]);
      if (i % 5 === 0) r.drain();
    }
    r.drain();
    expect(r.got).toEqual(want);
  });

  it('hands over views that later drains do not overwrite', () => {
    const r = ring(64);
    const kept: Uint8Array[] = [];
    r.write(1, 'first');
    drainOutput(r.v, (_s, d) => kept.push(d));
    r.write(1, 'second');
    drainOutput(r.v, (_s, d) => kept.push(d));
    expect(kept.map((d) => dec.decode(d))).toEqual(['first', 'second']);
  });
});
