/**
 * Writing a program's `expect` into a lesson's frontmatter (a `yaml` Document), touching only
 * what changes so that a lesson file keeps its look: used by `npm run lessons:expect` (native
 * outcomes) and by the page's lesson editor ("Check", the engine's outcomes).
 */
import { isMap, isScalar, isSeq, Scalar, YAMLMap, YAMLSeq, type Document } from 'yaml';
import { maskErrno } from './compare';
import type { Expectation } from './schema';

/** How the YAML library writes a frontmatter back: unchanged where nothing was set. */
export const YAML_OUT = { lineWidth: 0, flowCollectionPadding: false, doubleQuotedAsJSON: true } as const;

export function isEmptyExpect(node: unknown): boolean {
  return node === undefined || node === null || (isScalar(node) && node.value === null) || (isMap(node) && node.items.length === 0);
}

/**
 * Gives every program without an `expect` (or with an empty one) a placeholder that passes the
 * schema (status 0, empty stdout), so that the rest of the lesson can be checked and its
 * programs run before anything is known about them. Returns the programs it filled.
 */
export function fillEmptyExpects(doc: Document): { index: number; name: string }[] {
  const programs = doc.get('programs', true);
  if (!isSeq(programs)) return [];
  const filled: { index: number; name: string }[] = [];
  programs.items.forEach((p, index) => {
    if (!isMap(p) || !isEmptyExpect(p.get('expect', true))) return;
    const placeholder = new YAMLMap();
    placeholder.set('status', 0);
    placeholder.set('stdout', quoted(''));
    doc.setIn(['programs', index, 'expect'], placeholder);
    filled.push({ index, name: String(p.get('name') ?? `#${index + 1}`) });
  });
  return filled;
}

export function quoted(value: string): Scalar {
  const s = new Scalar(value);
  s.type = Scalar.QUOTE_DOUBLE;
  return s;
}

function flowList(values: string[]): YAMLSeq {
  const seq = new YAMLSeq();
  seq.flow = true;
  for (const v of values) seq.items.push(quoted(v));
  return seq;
}

/**
 * Writes `want` into the program's `expect` map, touching only fields whose value changes. An
 * expectation that was already there keeps leaving out what it left out (a `stderrLast` or a
 * `timeline` its author chose not to pin).
 */
export function writeExpect(doc: Document, index: number, want: Expectation): string[] {
  const path = ['programs', index, 'expect'];
  let map = doc.getIn(path, true);
  const fresh = isEmptyExpect(map);
  if (!isMap(map)) {
    map = new YAMLMap();
    doc.setIn(path, map);
  }
  const m = map as YAMLMap;
  const changed: string[] = [];
  const set = (key: keyof Expectation, node: unknown, same: boolean): void => {
    if (same) return;
    m.set(key, node);
    changed.push(key);
  };
  const cur = (key: string): unknown => {
    const v: unknown = m.get(key, true);
    return isScalar(v) ? v.value : isSeq(v) ? v.toJSON() : v;
  };
  set('status', want.status, cur('status') === want.status);
  if (want.signal === undefined) {
    if (m.has('signal')) { m.delete('signal'); changed.push('signal'); }
  } else set('signal', want.signal, cur('signal') === want.signal);
  set('stdout', quoted(want.stdout), cur('stdout') === want.stdout);
  // A kept stderr line that still passes both rules is left as it was.
  const had = cur('stderrLast');
  if (!fresh && had === undefined) {
    // left out on purpose
  } else if (want.stderrLast === undefined) {
    if (m.has('stderrLast')) { m.delete('stderrLast'); changed.push('stderrLast'); }
  } else {
    const wanted = maskErrno(want.stderrLast);
    const keeps = typeof had === 'string' && (maskErrno(had).startsWith(wanted) || wanted.startsWith(maskErrno(had)));
    set('stderrLast', quoted(want.stderrLast), keeps);
  }
  if (want.verifiedWith !== undefined) set('verifiedWith', quoted(want.verifiedWith), cur('verifiedWith') === want.verifiedWith);
  if (want.timeline !== undefined && (fresh || m.has('timeline'))) {
    set('timeline', flowList(want.timeline), JSON.stringify(cur('timeline')) === JSON.stringify(want.timeline));
  }
  // Fields in the order lessons write them.
  const ORDER = ['status', 'signal', 'stdout', 'stderrLast', 'verifiedWith', 'timeline'];
  m.items.sort((a, b) => ORDER.indexOf(String((a.key as Scalar).value ?? a.key)) - ORDER.indexOf(String((b.key as Scalar).value ?? b.key)));
  return changed;
}

