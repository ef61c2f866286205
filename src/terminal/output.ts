/**
 * The terminal's output model: one ordered stream of what the terminal shows
 * (program output, echoed typing, the shell's own lines), written to xterm.js
 * in per-frame batches and mirrored into a plain-text transcript (the same
 * text the terminal shows, no ANSI codes, no wrapping).
 *
 * Floods are cut rather than queued forever: when more output is waiting than
 * the terminal can take, the oldest waiting program output is dropped and an
 * `[output cut: N bytes not shown]` line marks the place, in the terminal and
 * in the transcript alike. The transcript also keeps at most `maxChars` /
 * `maxLines` (the terminal's scrollback drops old lines the same way).
 *
 * No DOM here: the xterm instance is behind `TerminalSink`, scheduling behind
 * `schedule`, so this is unit-tested in Node.
 *
 * One file: the per-frame batching, the flood cut and the transcript limits all work on the
 * one queue of waiting output; apart, each would keep a copy of the others' bookkeeping.
 */
import { AnsiStripper } from './ansi';

export type StreamKind = 'stdout' | 'stderr';

/** Styles of the page's own lines, as SGR parameters (`1;32` = bold green). */
export type LineStyle = 'command' | 'status-ok' | 'status-fail' | 'status-killed' | 'error' | 'notice';

const SGR: Record<LineStyle, string> = {
  command: '1',
  'status-ok': '1;32',
  'status-fail': '1;33',
  'status-killed': '1;35',
  error: '31',
  notice: '2;3',
};

/** stderr text is shown in red (the xterm theme picks a red that reads well on its background). */
const STDERR_ON = '\x1b[31m';
const STDERR_OFF = '\x1b[39m';

type Op =
  | { t: 'out'; stream: StreamKind; text: string }
  | { t: 'echo'; text: string }
  | { t: 'erase'; columns: number }
  | { t: 'line'; text: string; style: LineStyle; newline: boolean };

/** See `TerminalOutput.parts()`. */
export interface TranscriptParts {
  epoch: number;
  head: string;
  cutLine: string;
  firstIndex: number;
  chunks: readonly string[];
}

export interface TerminalSink {
  /** Write data (ANSI, `\n` newlines: the terminal converts them). `done` runs once it is parsed. */
  write(data: string, done: () => void): void;
  /** Clear the screen and the scrollback. */
  clear(): void;
}

export interface OutputLimits {
  /** Characters kept in the transcript body. */
  maxChars: number;
  /** Lines kept in the transcript body. */
  maxLines: number;
  /** Characters handed to the terminal per frame. */
  frameChars: number;
  /** Waiting characters beyond which the oldest waiting output is dropped... */
  backlogChars: number;
  /** ...down to this many. */
  keepChars: number;
  /** Characters handed to the terminal and not yet parsed beyond which nothing more is written. */
  inFlightChars: number;
  /** Largest single write to the terminal (xterm.js parses one write without yielding). */
  sinkChunkChars: number;
  /** At most one cut notice per this many ms (dropped bytes accumulate into the next). */
  noticeIntervalMs: number;
}

export const DEFAULT_LIMITS: OutputLimits = {
  maxChars: 2_000_000,
  maxLines: 10_000,
  frameChars: 64 * 1024,
  backlogChars: 1024 * 1024,
  keepChars: 64 * 1024,
  inFlightChars: 128 * 1024,
  sinkChunkChars: 8 * 1024,
  noticeIntervalMs: 1000,
};

export interface OutputOptions {
  limits?: Partial<OutputLimits>;
  /** Runs `cb` soon (next animation frame in the page). */
  schedule?: (cb: () => void) => void;
  now?: () => number;
  /** The transcript text changed (`final`: the last change of a flush that emptied the queue). */
  onTranscript?: () => void;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** UTF-8 length of a string, without allocating. */
export function utf8Length(text: string): number {
  if (!NON_ASCII.test(text)) return text.length; // the common case, without a loop in JS
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Terminal columns taken by one code point (East Asian wide and emoji take two). */
export function columnsOf(cp: number): number {
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

function countNewlines(text: string): number {
  let n = 0;
  let i = text.indexOf('\n');
  while (i >= 0) {
    n++;
    i = text.indexOf('\n', i + 1);
  }
  return n;
}

function opChars(op: Op): number {
  return op.t === 'erase' ? 1 : op.text.length;
}

/** Removes the last code point of `text`. */
function dropLastCodePoint(text: string): string {
  if (text.length === 0) return text;
  const last = text.charCodeAt(text.length - 1);
  const pair = last >= 0xdc00 && last <= 0xdfff && text.length >= 2;
  return text.slice(0, pair ? -2 : -1);
}

export class TerminalOutput {
  private readonly limits: OutputLimits;
  private readonly schedule: (cb: () => void) => void;
  private readonly now: () => number;
  private readonly onTranscript: () => void;
  private sink: TerminalSink | null = null;

  /** `$ <command line>\n`, never trimmed. */
  private head = '';
  /** Transcript body in chunks (one per flush), with their newline counts. */
  private body: string[] = [];
  private bodyLines: number[] = [];
  private bodyChars = 0;
  private bodyLineCount = 0;
  /** UTF-8 bytes dropped from the front of the body to respect the caps. */
  private frontCutBytes = 0;
  /** Chunks dropped whole from the front of the body since the last reset. */
  private shiftedChunks = 0;
  /** Bumped by every reset: a view of the parts starts over. */
  private epoch = 0;

  private queue: Op[] = [];
  private queuedChars = 0;
  private scheduled = false;
  private inFlight = 0;

  private strippers: Record<StreamKind, AnsiStripper> = { stdout: new AnsiStripper(), stderr: new AnsiStripper() };
  /** Whether the last character shown is a newline (or nothing was shown after the head). */
  private atLineStart = true;
  /** Echoed code points (with their widths) at the very end of the stream, which Backspace may erase. */
  private echoTail: number[] = [];
  /** Bytes cut from waiting output and not yet announced by a notice. */
  private unannouncedCut = 0;
  private lastNoticeAt = Number.NEGATIVE_INFINITY;
  /** Total bytes cut from floods in this run (for the UI). */
  private cutTotal = 0;
  private cache: string | null = null;

  constructor(opts: OutputOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.schedule =
      opts.schedule ??
      ((cb) => {
        setTimeout(cb, 0);
      });
    this.now = opts.now ?? (() => Date.now());
    this.onTranscript = opts.onTranscript ?? (() => {});
  }

  /** Connects the terminal; it is cleared and shown the transcript so far (without colours). */
  attach(sink: TerminalSink | null): void {
    this.sink = sink;
    this.inFlight = 0;
    if (sink) {
      sink.clear();
      const text = this.text();
      if (text) this.writeSink(text);
      if (this.queue.length) this.requestFlush();
    }
  }

  /** Starts a new transcript whose first line is `$ <commandLine>`. */
  reset(commandLine: string): void {
    this.queue = [];
    this.queuedChars = 0;
    this.body = [];
    this.bodyLines = [];
    this.bodyChars = 0;
    this.bodyLineCount = 0;
    this.frontCutBytes = 0;
    this.shiftedChunks = 0;
    this.epoch += 1;
    this.strippers = { stdout: new AnsiStripper(), stderr: new AnsiStripper() };
    this.atLineStart = true;
    this.echoTail = [];
    this.unannouncedCut = 0;
    this.lastNoticeAt = Number.NEGATIVE_INFINITY;
    this.cutTotal = 0;
    this.head = `$ ${commandLine}\n`;
    this.cache = null;
    if (this.sink) {
      this.sink.clear();
      this.writeSink(`\x1b[${SGR.command}m$\x1b[0m ${commandLine}\n`);
    }
    this.onTranscript();
  }

  /** Program (or shell builtin) output, raw: ANSI codes reach the terminal, not the transcript. */
  write(stream: StreamKind, text: string): void {
    if (text === '') return;
    this.push({ t: 'out', stream, text });
    this.echoTail = [];
  }

  /** Echo of typed input. */
  echo(text: string): void {
    if (text === '') return;
    this.push({ t: 'echo', text });
    if (text.includes('\n')) this.echoTail = [];
    const start = text.lastIndexOf('\n') + 1;
    for (const ch of text.slice(start)) this.echoTail.push(columnsOf(ch.codePointAt(0) ?? 0));
  }

  /** Erases the last echoed character if it is still the last thing shown; returns whether it did. */
  erase(): boolean {
    const columns = this.echoTail.pop();
    if (columns === undefined) return false;
    this.push({ t: 'erase', columns });
    return true;
  }

  /** A line of the page's own (final status, shell error, notice), started on a fresh line. */
  line(text: string, style: LineStyle, newline = false): void {
    this.push({ t: 'line', text, style, newline });
    this.echoTail = [];
  }

  /** Bytes of program output cut from floods in this transcript. */
  cutBytes(): number {
    return this.cutTotal + this.frontCutBytes;
  }

  /** The plain-text transcript of everything flushed so far. */
  text(): string {
    if (this.cache === null) {
      const { head, cutLine, chunks } = this.parts();
      this.cache = head + cutLine + chunks.join('');
    }
    return this.cache;
  }

  /**
   * The transcript in parts, for a view that updates only what changed: `text()` is
   * `head + cutLine + chunks.join('')`. `chunks[0]` is chunk number `firstIndex` since the
   * transcript started (`epoch`); chunks only change at the ends (front trim, typed erase).
   */
  parts(): TranscriptParts {
    return {
      epoch: this.epoch,
      head: this.head,
      cutLine: this.frontCutBytes > 0 ? `[output cut: ${this.frontCutBytes} bytes not shown]\n` : '',
      firstIndex: this.shiftedChunks,
      chunks: this.body,
    };
  }

  /** Whether output is waiting to be flushed. */
  pending(): boolean {
    return this.queue.length > 0;
  }

  /**
   * Processes waiting output. A frame flush respects the per-frame budget and the terminal's
   * backlog; `final` writes everything now (end of a run, before the final line is read).
   */
  flush(final = false): void {
    this.scheduled = false;
    this.cutBacklog(final);
    if (!final && this.sink && this.inFlight > this.limits.inFlightChars) {
      this.requestFlush();
      return;
    }
    let budget = final || !this.sink ? Number.POSITIVE_INFINITY : this.limits.frameChars;
    let term = '';
    let plain = '';
    while (this.queue.length > 0 && budget > 0) {
      let op = this.queue[0]!;
      if (op.t === 'out' && op.text.length > budget) {
        // Split a long chunk; the stripper is streaming, so a split escape sequence is fine.
        let at = budget;
        const c = op.text.charCodeAt(at - 1);
        if (c >= 0xd800 && c <= 0xdbff && at > 1) at -= 1; // never split a surrogate pair
        const head: Op = { t: 'out', stream: op.stream, text: op.text.slice(0, at) };
        op.text = op.text.slice(at);
        op = head;
      } else {
        this.queue.shift();
      }
      this.queuedChars -= opChars(op);
      budget -= opChars(op);
      switch (op.t) {
        case 'out': {
          const visible = this.strippers[op.stream].push(op.text).replace(/\r\n/g, '\n');
          term += op.stream === 'stderr' ? STDERR_ON + op.text + STDERR_OFF : op.text;
          plain += visible;
          if (visible) this.atLineStart = visible.endsWith('\n');
          break;
        }
        case 'echo':
          term += op.text;
          plain += op.text;
          this.atLineStart = op.text.endsWith('\n');
          break;
        case 'erase':
          term += op.columns === 2 ? '\b\b  \b\b' : '\b \b';
          if (plain.length > 0) plain = dropLastCodePoint(plain);
          else this.dropLastBodyCodePoint();
          this.atLineStart = (plain || this.lastBodyChar() || '\n').endsWith('\n');
          break;
        case 'line': {
          const lead = this.atLineStart ? '' : '\n';
          const nl = op.newline ? '\n' : '';
          term += `${lead}\x1b[${SGR[op.style]}m${op.text}\x1b[0m${nl}`;
          plain += lead + op.text + nl;
          this.atLineStart = op.newline;
          break;
        }
      }
    }
    if (this.queue.length === 0) this.queuedChars = 0;
    if (term) this.writeSink(term);
    if (plain) this.appendBody(plain);
    if (plain || term) this.onTranscript();
    if (this.queue.length > 0) this.requestFlush();
  }

  private push(op: Op): void {
    const last = this.queue[this.queue.length - 1];
    if (op.t === 'out' && last !== undefined && last.t === 'out' && last.stream === op.stream) {
      // Consecutive output of one stream is one op: a flood of small writes stays a short queue.
      last.text += op.text;
    } else {
      this.queue.push(op);
    }
    this.queuedChars += opChars(op);
    // Frames may not come (hidden tab, busy page): never let the backlog grow without bound.
    if (this.queuedChars > 2 * this.limits.backlogChars) this.cutBacklog(false);
    this.requestFlush();
  }

  private requestFlush(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      if (this.scheduled) this.flush();
    });
  }

  /**
   * Hands `data` to the terminal in pieces: xterm.js time-slices its parsing between writes
   * (about 12 ms per task) but parses each write whole, and one 128 KiB write took 50-110 ms
   * on a 2-core machine, which is what made a flood stall the page.
   */
  private writeSink(data: string): void {
    if (!this.sink) return;
    const max = this.limits.sinkChunkChars;
    for (let at = 0; at < data.length; ) {
      let end = Math.min(data.length, at + max);
      const c = data.charCodeAt(end - 1);
      if (end < data.length && c >= 0xd800 && c <= 0xdbff) end -= 1; // never split a surrogate pair
      const piece = data.slice(at, end);
      at = end;
      const n = piece.length;
      this.inFlight += n;
      this.sink.write(piece, () => {
        this.inFlight = Math.max(0, this.inFlight - n);
      });
    }
  }

  /** Drops the oldest waiting program output when too much waits. */
  private cutBacklog(final: boolean): void {
    if (this.queuedChars > this.limits.backlogChars) {
      let excess = this.queuedChars - this.limits.keepChars;
      let dropped = 0;
      let at = 0;
      // Only a leading run of program output is cut: typed input and the page's lines stay.
      while (excess > 0 && at < this.queue.length) {
        const op = this.queue[at]!;
        if (op.t !== 'out') break;
        if (op.text.length <= excess) {
          excess -= op.text.length;
          dropped += utf8Length(op.text);
          this.queuedChars -= op.text.length;
          at++;
          continue;
        }
        // Cut inside this chunk, then on to just after its next newline if there is one soon.
        let cutAt = excess;
        const nl = op.text.indexOf('\n', cutAt);
        if (nl >= 0 && nl - cutAt < 4096) cutAt = nl + 1;
        dropped += utf8Length(op.text.slice(0, cutAt));
        this.queuedChars -= cutAt;
        op.text = op.text.slice(cutAt);
        excess = 0;
      }
      if (at > 0) this.queue.splice(0, at);
      if (dropped > 0) {
        this.unannouncedCut += dropped;
        this.cutTotal += dropped;
        // A cut restarts the streams: no half escape sequence carries over.
        this.strippers = { stdout: new AnsiStripper(), stderr: new AnsiStripper() };
      }
    }
    const t = this.now();
    if (this.unannouncedCut > 0 && (final || t - this.lastNoticeAt >= this.limits.noticeIntervalMs)) {
      const notice: Op = {
        t: 'line',
        text: `[output cut: ${this.unannouncedCut} bytes not shown]`,
        style: 'notice',
        newline: true,
      };
      this.queue.unshift(notice);
      this.queuedChars += opChars(notice);
      this.unannouncedCut = 0;
      this.lastNoticeAt = t;
    }
  }

  private appendBody(text: string): void {
    const lines = countNewlines(text);
    this.body.push(text);
    this.bodyLines.push(lines);
    this.bodyChars += text.length;
    this.bodyLineCount += lines;
    this.cache = null;
    this.trimBody();
  }

  /** Keeps the body under `maxChars` and `maxLines`, dropping whole lines from the front. */
  private trimBody(): void {
    const { maxChars, maxLines } = this.limits;
    if (this.bodyChars <= maxChars && this.bodyLineCount <= maxLines) return;
    let dropped = 0;
    let midLine = false;
    // Whole chunks first, while what remains after them still exceeds a cap.
    while (this.body.length > 1) {
      const first = this.body[0]!;
      const charsAfter = this.bodyChars - first.length;
      const linesAfter = this.bodyLineCount - this.bodyLines[0]!;
      if (charsAfter <= maxChars && linesAfter <= maxLines) break;
      this.body.shift();
      this.bodyLines.shift();
      this.shiftedChunks += 1;
      this.bodyChars = charsAfter;
      this.bodyLineCount = linesAfter;
      dropped += utf8Length(first);
      midLine = first.length > 0 && !first.endsWith('\n');
    }
    // Then inside the first chunk, a line at a time, until both caps hold (and a line starts).
    const first = this.body[0] ?? '';
    let cut = 0;
    let chars = this.bodyChars;
    let lines = this.bodyLineCount;
    while ((chars > maxChars || lines > maxLines || midLine) && cut < first.length) {
      const nl = first.indexOf('\n', cut);
      const next = nl < 0 ? first.length : nl + 1;
      chars -= next - cut;
      if (nl >= 0) lines -= 1;
      cut = next;
      midLine = false;
    }
    if (cut > 0) {
      dropped += utf8Length(first.slice(0, cut));
      const rest = first.slice(cut);
      this.body[0] = rest;
      this.bodyLines[0] = countNewlines(rest);
      this.bodyChars = chars;
      this.bodyLineCount = lines;
    }
    this.frontCutBytes += dropped;
    this.cache = null;
  }

  private lastBodyChar(): string {
    for (let i = this.body.length - 1; i >= 0; i--) {
      const chunk = this.body[i]!;
      if (chunk.length > 0) return chunk[chunk.length - 1]!;
    }
    return '';
  }

  private dropLastBodyCodePoint(): void {
    for (let i = this.body.length - 1; i >= 0; i--) {
      const chunk = this.body[i]!;
      if (chunk.length === 0) continue;
      const next = dropLastCodePoint(chunk);
      this.bodyChars -= chunk.length - next.length;
      this.body[i] = next;
      this.cache = null;
      return;
    }
  }
}
