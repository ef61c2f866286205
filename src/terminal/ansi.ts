/**
 * Removing ANSI escape sequences from program output, for the plain-text
 * transcript (which carries no ANSI codes). Streaming: a sequence split across
 * two chunks is held back until it is complete.
 */

const ESC = '\x1b';

// CSI: ESC [ params intermediates final; OSC: ESC ] ... BEL or ESC \; DCS/SOS/PM/APC: ESC P|X|^|_ ... ESC \;
// other two-character escapes: ESC + one byte in 0x20..0x7e (with optional intermediates).
const COMPLETE =
  // eslint-disable-next-line no-control-regex
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\|\x1b[ -/]*(?![[\]PX^_])[0-~]|\x9b[0-?]*[ -/]*[@-~]/g;

/** Strips complete escape sequences from a whole string (no streaming). */
export function stripAnsi(text: string): string {
  if (!text.includes(ESC) && !text.includes('\x9b')) return text;
  // Whatever is left of a broken sequence loses its ESC, so no control byte reaches the transcript.
  return text.replace(COMPLETE, '').replace(/\x1b/g, '');
}

/** Whether `tail` (which starts with ESC) could still become a complete sequence. */
function isIncompletePrefix(tail: string): boolean {
  if (tail.length === 1) return true;
  const second = tail[1] ?? '';
  if (second === '[') return /^\x1b\[[0-?]*[ -/]*$/.test(tail);
  if (second === ']') return !/[\x07]/.test(tail) && !tail.slice(2).includes(ESC + '\\');
  if ('PX^_'.includes(second)) return !tail.slice(2).includes(ESC + '\\');
  return /^\x1b[ -/]*$/.test(tail);
}

/** Longest kept incomplete sequence; anything longer is not an escape worth waiting for. */
const MAX_PENDING = 256;

export class AnsiStripper {
  private pending = '';

  push(chunk: string): string {
    let text = this.pending + chunk;
    this.pending = '';
    if (!text.includes(ESC) && !text.includes('\x9b')) return text;
    const lastEsc = text.lastIndexOf(ESC);
    if (lastEsc >= 0) {
      const tail = text.slice(lastEsc);
      if (tail.length <= MAX_PENDING && isIncompletePrefix(tail) && !COMPLETE_AT_START.test(tail)) {
        this.pending = tail;
        text = text.slice(0, lastEsc);
      }
    }
    return stripAnsi(text);
  }

  /** Whatever is held back, as plain text (at the end of a stream). */
  end(): string {
    const rest = this.pending;
    this.pending = '';
    return rest.replace(/\x1b/g, '');
  }
}

// eslint-disable-next-line no-control-regex
const COMPLETE_AT_START = /^(?:\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\|\x1b[ -/]*(?![[\]PX^_])[0-~])/;
