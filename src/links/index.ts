/**
 * Share links, format v1. Pure functions: no DOM, no `location`,
 * no storage. The page passes `location.hash` in and gets a `LinkTarget` out.
 *
 *   #lesson/<id>
 *   #code/<payload>[&lesson=<id>][&program=<name>][&v=<n>][&h=<crc32 hex8>]
 *
 * `payload` is lz-string's `compressToEncodedURIComponent(source)`; `h` is the
 * CRC-32 of the source's UTF-8 bytes as 8 lowercase hex digits.
 *
 * Writing: `makeCodeLink` always writes `h`, and never writes `v` (absent means
 * 1, so v1 links stay as short as possible). `program` is percent-encoded
 * (`encodeURIComponent`); lesson ids need no encoding.
 *
 * Reading: unknown parameters are ignored, links without `h` are accepted,
 * parameter values are percent-decoded, and anything wrong gives
 * `{ kind: 'damaged', reason }` with the lesson id when the link names a valid
 * one (so the page can open that lesson's default content). Reading never throws.
 *
 * Note: lz-string encodes the empty string as a payload that decodes to "",
 * and a payload that decodes to nothing is damaged; so a link
 * made for an empty source reads back as damaged.
 */
import LZString from 'lz-string';
import { crc32, crc32Hex } from './crc32';
import { inflatePayload } from './lz';

export { crc32, crc32Hex };

export type LinkTarget =
  | { kind: 'none' }
  | { kind: 'lesson'; lessonId: string }
  | { kind: 'code'; source: string; lessonId?: string; program?: string; version: number }
  | { kind: 'damaged'; reason: string; lessonId?: string };

/** Longest hash (without '#') that is read; longer ones are damaged without being decoded. */
export const MAX_LINK_CHARS = 64_000;

/** Lesson ids: lowercase letters, digits and hyphens. */
export const LESSON_ID_PATTERN = /^[a-z0-9-]+$/;

/** The newest link format this code reads and writes. */
export const LINK_FORMAT_VERSION = 1;

/**
 * The longest program a code link may carry once decompressed. A program someone shares is a
 * few kilobytes; a link of MAX_LINK_CHARS can decompress to many megabytes, and decoding stops
 * at this limit so that such a link costs milliseconds, never the page.
 */
export const MAX_PROGRAM_CHARS = 1_000_000;

/** lz-string's URI-safe alphabet. */
const PAYLOAD_PATTERN = /^[A-Za-z0-9+\-$]+$/;
const HASH_PATTERN = /^[0-9a-fA-F]{8}$/;
const VERSION_PATTERN = /^[0-9]{1,9}$/;
// Control characters make no sense in a program name shown in the page.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

const KNOWN_PARAMS = ['lesson', 'program', 'v', 'h'] as const;

/*
 * What every link of the page shares (code links here, lesson links and embed links beside
 * them): `&key=value` parameters after the payload, the format version and the payload itself.
 */

/** Why a parameter was not taken: its value is empty or has broken %-escapes, or it came twice (the first is kept). */
export interface ParamProblem {
  key: string;
  why: 'unreadable' | 'repeated';
}

/** The `known` parameters among `segments` (each `key=value`), %-decoded; others are ignored. */
export function readParams<K extends string>(segments: readonly string[], known: readonly K[]): { values: Partial<Record<K, string>>; problems: ParamProblem[] } {
  const values: Partial<Record<K, string>> = {};
  const problems: ParamProblem[] = [];
  for (const segment of segments) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const key = eq < 0 ? segment : segment.slice(0, eq);
    if (!(known as readonly string[]).includes(key)) continue;
    const k = key as K;
    const value = eq < 0 ? null : safeDecode(segment.slice(eq + 1));
    if (value === null || value === '') problems.push({ key, why: 'unreadable' });
    else if (values[k] !== undefined) problems.push({ key, why: 'repeated' });
    else values[k] = value;
  }
  return { values, problems };
}

/** A `v` parameter: absent means 1; `null` when it is not a positive whole number. */
export function readVersion(v: string | undefined): number | null {
  if (v === undefined) return 1;
  return VERSION_PATTERN.test(v) && Number(v) >= 1 ? Number(v) : null;
}

export type PayloadReading =
  | { ok: true; text: string }
  | { ok: false; why: 'escapes' | 'empty' | 'alphabet' | 'nothing' }
  | { ok: false; why: 'too large'; maxChars: number };

/**
 * A link's payload as text: %-decoded, '+' restored where mail clients and chat apps turned it
 * into a space, then decompressed, stopping as soon as the text would pass `maxChars`.
 */
export function readPayload(raw: string, maxChars: number): PayloadReading {
  const decoded = safeDecode(raw);
  if (decoded === null) return { ok: false, why: 'escapes' };
  const payload = decoded.replace(/ /g, '+');
  if (payload === '') return { ok: false, why: 'empty' };
  if (!PAYLOAD_PATTERN.test(payload)) return { ok: false, why: 'alphabet' };
  const inflated = inflatePayload(payload, maxChars);
  if (inflated.kind === 'too large') return { ok: false, why: 'too large', maxChars };
  if (inflated.kind === 'nothing' || inflated.text === '') return { ok: false, why: 'nothing' };
  return { ok: true, text: inflated.text };
}

function damaged(reason: string, lessonId?: string): LinkTarget {
  return lessonId === undefined ? { kind: 'damaged', reason } : { kind: 'damaged', reason, lessonId };
}

function safeDecode(text: string): string | null {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function quoteForReason(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(short);
}

/**
 * Reads a location hash (with or without its leading '#').
 * Hashes that are not Exit Lab links (empty, `#top`, ...) give `{ kind: 'none' }`.
 */
export function parseLocationHash(hash: string): LinkTarget {
  try {
    return parseHash(hash);
  } catch {
    return damaged('The link could not be read.');
  }
}

function parseHash(hash: string): LinkTarget {
  if (typeof hash !== 'string') return { kind: 'none' };
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text === '') return { kind: 'none' };

  const isLesson = text === 'lesson' || text.startsWith('lesson/');
  const isCode = text === 'code' || text.startsWith('code/');
  if (!isLesson && !isCode) return { kind: 'none' };

  if (text.length > MAX_LINK_CHARS) {
    return damaged(
      `The link is too long (${text.length} characters; at most ${MAX_LINK_CHARS} are read).`,
      isCode ? lessonFromOversized(text) : undefined,
    );
  }
  return isLesson ? parseLesson(text) : parseCode(text);
}

/** Best effort: the lesson of an oversized code link, without decoding its payload. */
function lessonFromOversized(text: string): string | undefined {
  const at = text.lastIndexOf('&lesson=');
  if (at < 0) return undefined;
  const end = text.indexOf('&', at + 1);
  const value = safeDecode(text.slice(at + 8, end < 0 ? undefined : end));
  return value !== null && LESSON_ID_PATTERN.test(value) ? value : undefined;
}

function parseLesson(text: string): LinkTarget {
  // Parameters after the id are not defined for lesson links: ignored.
  const rest = text.slice('lesson/'.length);
  const amp = rest.indexOf('&');
  const raw = amp < 0 ? rest : rest.slice(0, amp);
  if (raw === '') return damaged('The link names no lesson.');
  const id = safeDecode(raw);
  if (id === null || !LESSON_ID_PATTERN.test(id)) {
    return damaged(`The link names a lesson id that is not valid: ${quoteForReason(id ?? raw)}.`);
  }
  return { kind: 'lesson', lessonId: id };
}

const PAYLOAD_PROBLEMS: Record<Exclude<PayloadReading, { ok: true }>['why'], (max: number) => string> = {
  escapes: () => 'The link is malformed: its program text has broken %-escapes.',
  empty: () => 'The link contains no program.',
  alphabet: () => 'The link is damaged: its program text contains characters a share link never has.',
  nothing: () => 'The link is damaged: its program text decodes to nothing (the link may have been cut short).',
  'too large': (max) => `The program in the link is too large: it decompresses to more than ${max.toLocaleString('en-US')} characters, more than a shared program ever is. The link was not opened.`,
};

function parseCode(text: string): LinkTarget {
  const segments = text.slice('code/'.length).split('&');
  const rawPayload = segments[0] ?? '';

  // Parameters first, so that a damaged link still names its (valid) lesson.
  const { values: params, problems: paramProblems } = readParams(segments.slice(1), KNOWN_PARAMS);
  const problems = paramProblems.map((p) => (p.why === 'unreadable' ? `parameter "${p.key}" has no readable value` : `parameter "${p.key}" appears more than once`));
  let lessonId: string | undefined;
  if (params.lesson !== undefined) {
    if (LESSON_ID_PATTERN.test(params.lesson)) lessonId = params.lesson;
    else problems.push(`the lesson id ${quoteForReason(params.lesson)} is not valid`);
  }
  if (params.program !== undefined && CONTROL_CHARS.test(params.program)) {
    problems.push('the program name contains control characters');
  }
  const version = readVersion(params.v) ?? 1;
  if (readVersion(params.v) === null) {
    problems.push(`the format version ${quoteForReason(params.v ?? '')} is not a positive whole number`);
  }
  if (params.h !== undefined && !HASH_PATTERN.test(params.h)) {
    problems.push(`the checksum ${quoteForReason(params.h)} is not 8 hex digits`);
  }
  if (problems.length > 0) {
    return damaged(`The link is malformed: ${problems.join('; ')}.`, lessonId);
  }
  if (version > LINK_FORMAT_VERSION) {
    return damaged(
      `The link uses format v${version}, newer than this page understands (v${LINK_FORMAT_VERSION}).`,
      lessonId,
    );
  }

  const reading = readPayload(rawPayload, MAX_PROGRAM_CHARS);
  if (!reading.ok) return damaged(PAYLOAD_PROBLEMS[reading.why](MAX_PROGRAM_CHARS), lessonId);
  const source = reading.text;
  if (params.h !== undefined && crc32Hex(source) !== params.h.toLowerCase()) {
    return damaged(
      "The link is damaged: the program does not match the link's checksum (it may have been cut short or altered).",
      lessonId,
    );
  }

  const target: LinkTarget & { kind: 'code' } = { kind: 'code', source, version };
  if (lessonId !== undefined) target.lessonId = lessonId;
  if (params.program !== undefined) target.program = params.program;
  return target;
}

function checkLessonId(id: string): void {
  if (!LESSON_ID_PATTERN.test(id)) throw new RangeError(`invalid lesson id: ${JSON.stringify(id)}`);
}

/**
 * A share link for `source`: `base` (origin + pathname; anything from a '#' on
 * is dropped) + `#code/<payload>[&lesson=<id>][&program=<name>]&h=<crc>`.
 * Throws RangeError for a lesson id that does not match LESSON_ID_PATTERN.
 * A link whose hash exceeds MAX_LINK_CHARS reads back as damaged: check with
 * `codeLinkTooLong(link)` before offering it.
 */
export function makeCodeLink(
  base: string,
  source: string,
  opts: { lessonId?: string; program?: string } = {},
): string {
  const hashAt = base.indexOf('#');
  const cleanBase = hashAt < 0 ? base : base.slice(0, hashAt);
  let link = `${cleanBase}#code/${LZString.compressToEncodedURIComponent(source)}`;
  if (opts.lessonId !== undefined) {
    checkLessonId(opts.lessonId);
    link += `&lesson=${opts.lessonId}`;
  }
  if (opts.program !== undefined && opts.program !== '') {
    link += `&program=${encodeURIComponent(opts.program)}`;
  }
  link += `&h=${crc32Hex(source)}`;
  return link;
}

/** Whether a link made by makeCodeLink is too long to be read back (its hash exceeds MAX_LINK_CHARS). */
export function codeLinkTooLong(link: string): boolean {
  const at = link.indexOf('#');
  return at >= 0 && link.length - at - 1 > MAX_LINK_CHARS;
}

/** `#lesson/<id>`. Throws RangeError for an id that does not match LESSON_ID_PATTERN. */
export function makeLessonHash(id: string): string {
  checkLessonId(id);
  return `#lesson/${id}`;
}
