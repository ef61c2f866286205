/**
 * Reading lz-string's `compressToEncodedURIComponent` payloads with a limit on what they
 * decompress to. A link of a few dozen kilobytes can decompress to many megabytes (the format
 * is LZW-like: each code may stand for a longer string than the one before), so the output is
 * counted as it is produced and decoding stops the moment it passes `maxChars`, before the
 * whole text exists. Written from the format: 6-bit characters of the URI-safe alphabet, read
 * most significant bit first; codes start 2 bits wide (then 3, growing as the dictionary
 * doubles); code 0 brings a new 8-bit character, 1 a new 16-bit one, 2 ends the text.
 * `lz.test.ts` checks it against lz-string itself.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i] as const));

export type Inflated = { kind: 'text'; text: string } | { kind: 'nothing' } | { kind: 'too large'; maxChars: number };

/**
 * Decompresses `payload` (already %-decoded, '+' restored). `nothing` for what lz-string would
 * give as null or "": a payload that is cut short, malformed, or not in its alphabet.
 */
export function inflatePayload(payload: string, maxChars: number): Inflated {
  if (payload === '') return { kind: 'nothing' };
  let index = 0;
  let value = 0;
  let mask = 0; // the next bit of `value` to read; 0 when a new character is needed
  let ended = false;
  const bits = (count: number): number => {
    let out = 0;
    for (let i = 0; i < count; i++) {
      if (mask === 0) {
        if (index >= payload.length) {
          ended = true;
          return 0;
        }
        const v = VALUE.get(payload[index++] as string);
        if (v === undefined) {
          ended = true;
          return 0;
        }
        value = v;
        mask = 32;
      }
      if (value & mask) out |= 1 << i;
      mask >>= 1;
    }
    return out;
  };

  const dictionary: string[] = ['', '', ''];
  let width = 2;
  let enlargeIn = 4;
  const grow = (): void => {
    enlargeIn--;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** width;
      width++;
    }
  };

  const first = bits(2);
  if (first === 2 || ended) return { kind: 'nothing' };
  let previous = String.fromCharCode(bits(first === 0 ? 8 : 16));
  if (ended) return { kind: 'nothing' };
  dictionary.push(previous);
  width = 3;
  const parts = [previous];
  let length = previous.length;
  for (;;) {
    let code = bits(width);
    if (ended) return { kind: 'nothing' };
    if (code === 2) return { kind: 'text', text: parts.join('') };
    if (code === 0 || code === 1) {
      const c = String.fromCharCode(bits(code === 0 ? 8 : 16));
      if (ended) return { kind: 'nothing' };
      dictionary.push(c);
      code = dictionary.length - 1;
      grow();
    }
    let entry: string;
    if (code < dictionary.length) entry = dictionary[code] as string;
    else if (code === dictionary.length) entry = previous + previous.charAt(0);
    else return { kind: 'nothing' };
    length += entry.length;
    if (length > maxChars) return { kind: 'too large', maxChars };
    parts.push(entry);
    dictionary.push(previous + entry.charAt(0));
    grow();
    previous = entry;
  }
}
