import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { crc32Hex } from './crc32';
import { parseLocationHash } from './index';
import { MAX_LESSON_CHARS, makeLessonLinkHash, parseLessonLinkHash } from './lesson-link';

const LESSON = '---\nid: mine\ntitle: "Mine"\n---\nSome *prose* with ünïcode ✓.\n';

describe('lesson links', () => {
  it('round-trip a lesson file exactly, and the playground leaves them alone', () => {
    const hash = makeLessonLinkHash(LESSON);
    expect(hash).toMatch(/^#lessonfile\/[A-Za-z0-9+\-$]+&v=1&h=[0-9a-f]{8}$/);
    expect(parseLessonLinkHash(hash)).toEqual({ kind: 'lessonfile', text: LESSON });
    expect(parseLocationHash(hash)).toEqual({ kind: 'none' });
    expect(parseLessonLinkHash('#code/abc')).toEqual({ kind: 'none' });
  });

  it('says why a link is damaged: checksum, truncation, version, size, characters', () => {
    const hash = makeLessonLinkHash(LESSON);
    const reasons = [
      hash.replace(/&h=[0-9a-f]{8}/, '&h=00000000'),
      hash.replace(/&v=1&/, '&v=9&'),
      hash.replace(/&h=[0-9a-f]{8}/, ''),
      `#lessonfile/${LZString.compressToEncodedURIComponent(LESSON).slice(0, 12)}&v=1&h=${crc32Hex(LESSON)}`,
      `#lessonfile/<script>&v=1&h=${crc32Hex(LESSON)}`,
    ].map((h) => parseLessonLinkHash(h));
    for (const r of reasons) expect(r.kind).toBe('damaged');
    expect(JSON.stringify(reasons)).toMatch(/checksum.*newer.*no checksum/);
    const big = 'x'.repeat(MAX_LESSON_CHARS + 1);
    expect(parseLessonLinkHash(makeLessonLinkHash(big))).toMatchObject({ kind: 'damaged', reason: expect.stringMatching(/too large/) });
    expect(parseLessonLinkHash(`#lessonfile/${'A'.repeat(70_000)}`)).toMatchObject({ kind: 'damaged', reason: expect.stringMatching(/too long/) });
  });
});
