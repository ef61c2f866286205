/**
 * Lesson links: a whole lesson file (frontmatter and prose) in the hash, as pure functions.
 *
 *   #lessonfile/<payload>&v=<n>&h=<crc32 hex8>
 *
 * `payload` is lz-string's `compressToEncodedURIComponent(text)` of the lesson file's text, `v`
 * the link format's version (written always here: a lesson link is long anyway) and `h` the
 * CRC-32 of the text's UTF-8 bytes. A link whose text is longer than MAX_LESSON_CHARS, whose
 * checksum differs, or whose version is newer is damaged (with the reason). Reading never throws.
 * What the text says is checked by the lesson schema afterwards, not here.
 */
import LZString from 'lz-string';
import { crc32Hex } from './crc32';
import { LINK_FORMAT_VERSION, MAX_LINK_CHARS, readParams, readPayload, readVersion } from './index';

/** The longest lesson file a link may carry (the curriculum's longest is under 12,000). */
export const MAX_LESSON_CHARS = 100_000;

export type LessonLinkTarget = { kind: 'none' } | { kind: 'lessonfile'; text: string } | { kind: 'damaged'; reason: string };

export function isLessonLink(hash: string): boolean {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  return text === 'lessonfile' || text.startsWith('lessonfile/');
}

/** `#lessonfile/…` for a lesson file's text. */
export function makeLessonLinkHash(text: string): string {
  return `#lessonfile/${LZString.compressToEncodedURIComponent(text)}&v=${LINK_FORMAT_VERSION}&h=${crc32Hex(text)}`;
}

export function parseLessonLinkHash(hash: string): LessonLinkTarget {
  try {
    return parse(hash);
  } catch {
    return { kind: 'damaged', reason: 'The lesson link could not be read.' };
  }
}

function parse(hash: string): LessonLinkTarget {
  if (!isLessonLink(hash)) return { kind: 'none' };
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.length > MAX_LINK_CHARS) {
    return { kind: 'damaged', reason: `The lesson link is too long (${text.length} characters; at most ${MAX_LINK_CHARS} are read).` };
  }
  const [rawPayload = '', ...segments] = text.slice('lessonfile/'.length).split('&');
  const { values: params, problems } = readParams(segments, ['v', 'h'] as const);
  if (problems.length > 0) return { kind: 'damaged', reason: `The lesson link is malformed: its parameter "${problems[0]?.key ?? ''}" is ${problems[0]?.why === 'repeated' ? 'there twice' : 'unreadable'}.` };
  const version = readVersion(params.v);
  if (version === null) return { kind: 'damaged', reason: 'The lesson link is malformed: its format version is not a positive whole number.' };
  if (version > LINK_FORMAT_VERSION) {
    return { kind: 'damaged', reason: `The lesson link uses format v${version}, newer than this page understands (v${LINK_FORMAT_VERSION}).` };
  }
  const h = params.h;
  if (h === undefined || !/^[0-9a-f]{8}$/i.test(h)) return { kind: 'damaged', reason: 'The lesson link is malformed: it has no checksum.' };
  const reading = readPayload(rawPayload, MAX_LESSON_CHARS);
  if (!reading.ok) {
    if (reading.why === 'too large') return { kind: 'damaged', reason: `The lesson in the link is too large (more than ${MAX_LESSON_CHARS} characters).` };
    if (reading.why === 'nothing' || reading.why === 'empty') return { kind: 'damaged', reason: 'The lesson link is damaged: it decodes to nothing (it may have been cut short).' };
    return { kind: 'damaged', reason: 'The lesson link is damaged: it contains characters a lesson link never has.' };
  }
  if (crc32Hex(reading.text) !== h.toLowerCase()) {
    return { kind: 'damaged', reason: "The lesson link is damaged: the lesson does not match the link's checksum." };
  }
  return { kind: 'lessonfile', text: reading.text };
}
