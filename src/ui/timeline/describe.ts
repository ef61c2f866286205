/**
 * Words for the cleanup timeline: one short, precise
 * sentence per timeline event, an icon, a tone, the editor line it belongs to,
 * and, for an exit that was swallowed, a plain warning with a link to the
 * lesson about it. Pure: no DOM, no React; unit-tested in `describe.test.ts`.
 *
 * Code in a sentence is written between backticks (`cleanup()`); the panel
 * shows those parts as code.
 *
 *   `cleanup()` ran — registered at line 12, so it runs 2nd of 3
 *   `finally` at line 9 ran while SystemExit was on its way out
 *   SIGTERM arrived; handler `on_term()` ran
 *   os._exit skipped: `finally` at line 9
 *   Exit status 3 — sys.exit(3) at line 12
 *
 * One file: an event's sentence depends on the events before it (the exception in flight,
 * the run's hard stop), so the sentences are made in one pass over the run.
 */
import type { TimelineEvent } from '../../engine/protocol';
import { describeCause, statusHeadline } from '../../run/describeExit';

export type TimelineKind = TimelineEvent['kind'];

export type TimelineIcon =
  | 'raise'
  | 'caught'
  | 'finally'
  | 'context'
  | 'signal'
  | 'atexit'
  | 'flush'
  | 'skipped'
  | 'lost'
  | 'exit';

/** How an item looks: warnings and skipped steps stand out; flushes recede. */
export type TimelineTone = 'normal' | 'warning' | 'skipped' | 'muted' | 'exit-ok' | 'exit-fail' | 'exit-killed';

export interface TimelineWarning {
  /** One plain sentence: what went wrong. */
  text: string;
  /** The lesson about it, as a `#lesson/<id>` link. */
  href: string;
  /** The link's text. */
  linkText: string;
}

export interface TimelineItem {
  kind: TimelineKind;
  icon: TimelineIcon;
  /** One sentence; code between backticks. */
  text: string;
  tone: TimelineTone;
  /** The program's line the item is about (click: highlight it in the editor). */
  line?: number;
  /** Every program line the item concerns (hovering one of them in the editor highlights the item). */
  lines: number[];
  /** The handler or context manager name, as the event gives it. */
  name?: string;
  /** For `skipped`: what was skipped. */
  what?: string;
  warning?: TimelineWarning;
}


export interface DescribeOptions {
  /** The program's source, to quote the `except` clause and `sys.exit(...)` exactly. */
  source?: string;
}

export const LESSON_LINKS = {
  bareExcept: '#lesson/mistake-bare-except',
  contextManagers: '#lesson/context-managers',
  finallyTraps: '#lesson/finally-traps',
} as const;

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, ... */
export function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

export function bytesText(n: number): string {
  return n === 1 ? '1 byte' : `${n} bytes`;
}

/** `cleanup` → `cleanup()`; a name that is already a repr (`<bound method ...>`) stays as it is. */
function callName(name: string): string {
  if (name.startsWith('<') || name.endsWith(')')) return `\`${name}\``;
  return `\`${name}()\``;
}

function at(line: number | undefined): string {
  return line !== undefined ? ` at line ${line}` : '';
}

function sourceLine(lines: string[] | null, line: number | undefined): string | null {
  if (!lines || line === undefined || line < 1 || line > lines.length) return null;
  return lines[line - 1] ?? null;
}

/** The `except ...` clause at `line`, without its colon and comment, or null. */
export function exceptClause(text: string | null): string | null {
  if (text === null) return null;
  const m = /^\s*(except\b[^:#]*)/.exec(text);
  if (!m?.[1]) return null;
  return m[1].replace(/\s+as\s+\w+\s*$/, '').replace(/\s+/g, ' ').trim();
}

/**
 * Whether an `except` clause catches SystemExit/KeyboardInterrupt only because
 * it catches everything: bare `except:` or `except BaseException`. An unknown
 * clause counts as one (the engine only reports catches of these two).
 */
export function catchesEverything(clause: string | null, exception: string): boolean {
  if (clause === null) return true;
  if (clause === 'except' || clause === 'except*') return true;
  if (/\bBaseException\b/.test(clause)) return true;
  return !new RegExp(`\\b${exception}\\b`).test(clause);
}

/** `sys.exit(3)` / `raise SystemExit(3)` / `exit()` as written on the line, when it is short and clear. */
function exitCallOn(text: string | null): string | null {
  if (text === null) return null;
  const m = /\b((?:sys\.)?exit\([^()]*\)|quit\([^()]*\)|raise\s+(?:SystemExit|KeyboardInterrupt)(?:\([^()]*\))?)/.exec(text);
  return m?.[1] && m[1].length <= 40 ? m[1] : null;
}

function signalSentence(
  e: Extract<TimelineEvent, { kind: 'signal' }>,
  next: TimelineEvent | undefined,
): { text: string; tone: TimelineTone } {
  const where = at(e.line);
  if (e.handler === 'SIG_IGN') return { text: `${e.signal} arrived${where} and was ignored (\`SIG_IGN\`)`, tone: 'muted' };
  if (e.handler === null) {
    if (next?.kind === 'raise' && next.exception === 'KeyboardInterrupt') {
      return { text: `${e.signal} arrived${where}; Python's default handler raised KeyboardInterrupt`, tone: 'normal' };
    }
    return { text: `${e.signal}${where}, default action: the process was killed`, tone: 'normal' };
  }
  return { text: `${e.signal} arrived${where}; handler ${callName(e.handler)} ran`, tone: 'normal' };
}

function skippedSentence(
  e: Extract<TimelineEvent, { kind: 'skipped' }>,
  by: string,
): { text: string; icon: TimelineIcon; lines: number[] } {
  const lines: number[] = [];
  if (e.line !== undefined) lines.push(e.line);
  const reg = e.registeredLine;
  switch (e.what) {
    case 'finally':
      return { text: `${by} skipped: \`finally\`${at(e.line)}`, icon: 'skipped', lines };
    case 'context-exit': {
      const name = e.name ? `\`with ${e.name}\`` : 'a `with` block';
      return { text: `${by} skipped: ${name}${at(e.line)} — its \`__exit__\` never ran`, icon: 'skipped', lines };
    }
    case 'atexit': {
      if (reg !== undefined) lines.push(reg);
      const registered = reg !== undefined ? ` (registered at line ${reg})` : '';
      return { text: `${by} skipped: atexit handler ${callName(e.name ?? 'handler')}${registered}`, icon: 'skipped', lines };
    }
    case 'buffered-output': {
      const n = e.bytes ?? 0;
      return { text: `${bytesText(n)} of buffered output ${n === 1 ? 'was' : 'were'} lost`, icon: 'lost', lines };
    }
    default:
      return {
        text: `${by} skipped whatever cleanup was pending (the engine could not see inside the call that was running)`,
        icon: 'skipped',
        lines,
      };
  }
}

/** What ended the run abruptly, for "os._exit skipped: ...", read from the run's exit event. */
function hardStopName(exit: Extract<TimelineEvent, { kind: 'exit' }> | undefined): string {
  if (!exit) return 'The hard stop';
  if (exit.cause === 'os._exit') return 'os._exit';
  if (exit.cause === 'signal' && exit.signal) return exit.signal;
  return 'The hard stop';
}

function exitItem(e: Extract<TimelineEvent, { kind: 'exit' }>): TimelineItem {
  const head = statusHeadline(e.status, e.signal);
  const cause = describeCause(e);
  const tone: TimelineTone = head.startsWith('killed') ? 'exit-killed' : e.status === 0 ? 'exit-ok' : 'exit-fail';
  const text = `${head.charAt(0).toUpperCase()}${head.slice(1)}${cause ? ` — ${cause}` : ''}`;
  const lines = e.line !== undefined ? [e.line] : [];
  return { kind: 'exit', icon: 'exit', text, tone, lines, ...(e.line !== undefined ? { line: e.line } : {}) };
}

/**
 * One item per event, in order. Events of several runs (`python a.py; python a.py`)
 * may follow each other; each run's events end with its `exit`.
 */
export function describeTimeline(events: readonly TimelineEvent[], opts: DescribeOptions = {}): TimelineItem[] {
  const src = opts.source !== undefined ? opts.source.replace(/\r\n?/g, '\n').split('\n') : null;
  const items: TimelineItem[] = [];
  // The exception on its way out, per run (set by raise, cleared by a catch).
  let inFlight: string | null = null;

  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    switch (e.kind) {
      case 'raise': {
        inFlight = e.exception;
        const call = exitCallOn(sourceLine(src, e.line));
        const value = e.exception === 'SystemExit' && e.value !== undefined ? `(${e.value})` : '';
        const text = call
          ? `\`${call}\`${at(e.line)} raised ${e.exception}`
          : `${e.exception}${value} raised${at(e.line)}`;
        items.push({ kind: e.kind, icon: 'raise', text, tone: 'normal', lines: e.line !== undefined ? [e.line] : [], ...(e.line !== undefined ? { line: e.line } : {}) });
        break;
      }
      case 'caught': {
        inFlight = null;
        const lines = e.line !== undefined ? [e.line] : [];
        const base = { kind: e.kind, icon: 'caught' as const, lines, ...(e.line !== undefined ? { line: e.line } : {}) };
        if (e.via === 'return-in-finally') {
          items.push({
            ...base,
            text: `\`return\` in the \`finally\`${at(e.line)} discarded ${e.exception}`,
            tone: 'warning',
            warning: {
              text: `The exit was swallowed: a \`return\` inside \`finally\` throws away the ${e.exception} that was on its way out, and the program goes on as if nothing happened.`,
              href: LESSON_LINKS.finallyTraps,
              linkText: 'Lesson: try/finally and its traps',
            },
          });
          break;
        }
        const clause = exceptClause(sourceLine(src, e.line));
        const shown = clause ? `\`${clause}:\`` : '`except`';
        if (catchesEverything(clause, e.exception)) {
          const what = e.exception === 'SystemExit' ? 'The exit' : 'Ctrl+C';
          const catcher = clause === null || clause === 'except' ? 'a bare `except:`' : `\`${clause}\``;
          items.push({
            ...base,
            text: `${shown}${at(e.line)} caught ${e.exception}`,
            tone: 'warning',
            warning: {
              text: `${what} was swallowed: ${catcher} catches ${e.exception} too, so the program did not end here. Catch \`Exception\` instead.`,
              href: LESSON_LINKS.bareExcept,
              linkText: 'Lesson: a bare except swallows sys.exit()',
            },
          });
        } else {
          items.push({ ...base, text: `${shown}${at(e.line)} caught ${e.exception}: the program chose not to end here`, tone: 'normal' });
        }
        break;
      }
      case 'finally': {
        const why = inFlight ? ` while ${inFlight} was on its way out` : ' on the way out';
        items.push({
          kind: e.kind,
          icon: 'finally',
          text: `\`finally\`${at(e.line)} ran${why}`,
          tone: 'normal',
          lines: e.line !== undefined ? [e.line] : [],
          ...(e.line !== undefined ? { line: e.line } : {}),
        });
        break;
      }
      case 'context-exit': {
        const where = e.line !== undefined ? ` (line ${e.line})` : '';
        const lines = e.line !== undefined ? [e.line] : [];
        const base = { kind: e.kind, icon: 'context' as const, name: e.name, lines, ...(e.line !== undefined ? { line: e.line } : {}) };
        if (e.suppressed) {
          const swallowed = inFlight ?? 'the exception';
          items.push({
            ...base,
            text: `\`${e.name}\`${where} returned True: it swallowed ${swallowed}`,
            tone: 'warning',
            warning: {
              text: `The exit was swallowed: an \`__exit__\` that returns a true value suppresses the exception, ${swallowed} included, and the program goes on after the \`with\` block.`,
              href: LESSON_LINKS.contextManagers,
              linkText: 'Lesson: context managers on the way out',
            },
          });
          inFlight = null;
        } else {
          const cont = inFlight ? ` and let ${inFlight} continue` : '';
          items.push({ ...base, text: `\`${e.name}\` ran${where}${cont}`, tone: 'normal' });
        }
        break;
      }
      case 'signal': {
        const { text, tone } = signalSentence(e, events[i + 1]);
        items.push({
          kind: e.kind,
          icon: 'signal',
          text,
          tone,
          lines: e.line !== undefined ? [e.line] : [],
          ...(e.line !== undefined ? { line: e.line } : {}),
        });
        break;
      }
      case 'atexit': {
        const reg = e.registeredLine;
        const registered = reg !== undefined ? `registered at line ${reg}` : 'registered with atexit';
        let rank = '';
        if (e.order !== undefined && e.of !== undefined) {
          rank = e.of === 1 ? ', the only atexit handler' : `, so it runs ${ordinal(e.order)} of ${e.of}`;
        }
        const failed = e.failed === true;
        items.push({
          kind: e.kind,
          icon: 'atexit',
          name: e.name,
          text: failed
            ? `${callName(e.name)} raised an exception — ${registered}${rank}; the other handlers still run`
            : `${callName(e.name)} ran — ${registered}${rank}`,
          tone: failed ? 'warning' : 'normal',
          lines: reg !== undefined ? [reg] : [],
          ...(reg !== undefined ? { line: reg } : {}),
        });
        break;
      }
      case 'flush': {
        const text =
          e.bytes > 0
            ? `${e.stream} flushed at exit: ${bytesText(e.bytes)} still in its buffer were written`
            : `${e.stream} flushed at exit: nothing was left in its buffer`;
        items.push({ kind: e.kind, icon: 'flush', text, tone: 'muted', lines: [] });
        break;
      }
      case 'skipped': {
        // The run's exit event follows the skipped steps: it names what skipped them.
        let exit: Extract<TimelineEvent, { kind: 'exit' }> | undefined;
        for (let j = i + 1; j < events.length; j++) {
          const n = events[j]!;
          if (n.kind === 'exit') {
            exit = n;
            break;
          }
        }
        const s = skippedSentence(e, hardStopName(exit));
        items.push({
          kind: e.kind,
          icon: s.icon,
          text: s.text,
          tone: 'skipped',
          what: e.what,
          lines: s.lines,
          ...(e.name !== undefined ? { name: e.name } : {}),
          ...(s.lines[0] !== undefined ? { line: s.lines[0] } : {}),
        });
        break;
      }
      case 'exit':
        items.push(exitItem(e));
        inFlight = null;
        break;
      default:
        break;
    }
  }
  return items;
}
