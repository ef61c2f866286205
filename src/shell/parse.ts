/**
 * Recursive-descent parser for Exit Lab's shell subset:
 *
 *   list      := and_or ((';' | newline) and_or)* [';']
 *   and_or    := pipeline (('&&' | '||') pipeline)*
 *   pipeline  := command ('|' 'cat')*
 *   command   := python | node | timeout | echo | true | false
 *
 * As in sh, `&&` and `||` have equal precedence and group to the left, and
 * `;` binds more loosely than both (`a || b; c` is `(a || b); c`).
 *
 * One file: one recursive-descent parser, whose productions call one another.
 */
import { SIGNAL_NAMES, SIGNAL_TABLE, type SignalName } from '../engine/protocol';
import type {
  AndOrList,
  CatCommand,
  Command,
  CommandList,
  NodeCommand,
  Pipeline,
  ProgramCommand,
  PythonCommand,
  TimeoutCommand,
} from './ast';
import { staticValue, tokenize, type Token, type Word } from './tokenize';

export const SUPPORTED_SUMMARY =
  'use python main.py [ARGS], node main.js [ARGS], | cat, ;, &&, ||, echo (with $?), true, false, timeout';

export type ParseResult = { ok: true; ast: CommandList } | { ok: false; error: string };

class ParseError extends Error {
  constructor(
    message: string,
    readonly suffix: string = SUPPORTED_SUMMARY,
  ) {
    super(message);
  }
}

/** One-line error: `exitlab shell: <problem> — <what is supported>`. */
export function shellError(problem: string, suffix: string = SUPPORTED_SUMMARY): string {
  return `exitlab shell: ${problem} — ${suffix}`;
}

export function parseCommandLine(line: string): ParseResult {
  const lexed = tokenize(line);
  if (!lexed.ok) return { ok: false, error: shellError(lexed.problem) };
  try {
    return { ok: true, ast: new Parser(lexed.tokens).list() };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: shellError(e.message, e.suffix) };
    throw e;
  }
}

type WordToken = Token & { type: 'word' };

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private peekOp(): string | null {
    const t = this.peek();
    return t !== undefined && t.type === 'op' ? t.op : null;
  }

  list(): CommandList {
    const items: AndOrList[] = [];
    while (this.peek() !== undefined) {
      items.push(this.andOr());
      const op = this.peekOp();
      if (op === ';') {
        this.pos++;
        if (this.peekOp() === ';') throw new ParseError("syntax error near ';'");
      } else if (op !== null) {
        throw new ParseError(`syntax error near '${op}'`);
      }
    }
    return { kind: 'list', items };
  }

  private andOr(): AndOrList {
    const first = this.pipeline();
    const rest: AndOrList['rest'] = [];
    for (let op = this.peekOp(); op === '&&' || op === '||'; op = this.peekOp()) {
      this.pos++;
      if (this.peek() === undefined) throw new ParseError(`syntax error: '${op}' needs a command after it`);
      rest.push({ op, pipeline: this.pipeline() });
    }
    return { kind: 'and-or', first, rest };
  }

  private pipeline(): Pipeline {
    const command = this.command();
    const cats: CatCommand[] = [];
    while (this.peekOp() === '|') {
      this.pos++;
      const words = this.words();
      if (words.length === 0) {
        throw new ParseError(
          this.peek() === undefined ? "syntax error: '|' needs a command after it" : `syntax error near '${this.peekOp()}'`,
        );
      }
      const name = staticValue(words[0]!);
      if (name !== 'cat' || words.length > 1) {
        const shown = words.map((w) => w.raw).join(' ');
        throw new ParseError(`a pipe can only go into 'cat' (with no arguments), not '${shown}'`);
      }
      cats.push({ kind: 'cat', words, start: words[0]!.start, end: words[0]!.end });
    }
    const last = cats[cats.length - 1];
    return { kind: 'pipeline', command, cats, start: command.start, end: last === undefined ? command.end : last.end };
  }

  /** Words up to the next operator. */
  private words(): Word[] {
    const words: Word[] = [];
    for (let t = this.peek(); t !== undefined && t.type === 'word'; t = this.peek()) {
      words.push(stripToken(t));
      this.pos++;
    }
    return words;
  }

  private command(): Command {
    const at = this.peek();
    const words = this.words();
    if (words.length === 0) {
      throw new ParseError(at === undefined ? 'syntax error: missing command' : `syntax error near '${(at as { op: string }).op}'`);
    }
    return commandFromWords(words);
  }
}

function stripToken(t: WordToken): Word {
  return { parts: t.parts, raw: t.raw, start: t.start, end: t.end };
}

function span(words: Word[]): { start: number; end: number } {
  return { start: words[0]!.start, end: words[words.length - 1]!.end };
}

function commandFromWords(words: Word[]): Command {
  const first = words[0]!;
  const name = staticValue(first);
  const firstPart = first.parts[0];
  if (firstPart?.kind === 'text' && !firstPart.quoted && /^[A-Za-z_][A-Za-z0-9_]*=/.test(firstPart.text)) {
    throw new ParseError(`variable assignments like '${first.raw}' are not supported here`);
  }
  if (name === null) throw new ParseError(`'${first.raw}' cannot be run as a command`);
  if (name === '!' && !first.parts.some((p) => p.kind === 'text' && p.quoted)) {
    throw new ParseError("'!' (negating a status) is not supported here");
  }
  switch (name) {
    case 'python':
    case 'python3':
      return pythonCommand(words);
    case 'node':
      return nodeCommand(words);
    case 'timeout':
      return timeoutCommand(words);
    case 'echo':
      return { kind: 'echo', words, args: words.slice(1), ...span(words) };
    case 'true':
    case 'false':
      return { kind: name, words, ...span(words) };
    case 'cat':
      throw new ParseError("'cat' only works at the end of a pipe here, as in python main.py | cat");
    case 'exit':
      throw new ParseError("'exit' is not supported here (the status of the last command is the line's status)");
    default:
      throw new ParseError(`'${name}' is not supported here`);
  }
}

function pythonCommand(words: Word[]): PythonCommand {
  const program = staticValue(words[0]!)!;
  const fileWord = words[1];
  if (fileWord === undefined) {
    throw new ParseError(`'${program}' needs a script here (no interactive Python): ${program} main.py [ARGS]`);
  }
  const file = staticValue(fileWord);
  if (file === null) throw new ParseError(`the script name '${fileWord.raw}' must be written out, e.g. main.py`);
  if (file.startsWith('-')) {
    throw new ParseError(`python options like '${file}' are not supported here: ${program} main.py [ARGS]`);
  }
  if (!/\.py$/.test(file) || file === '.py') {
    throw new ParseError(`'${file}' is not a Python script (.py): ${program} main.py [ARGS]`);
  }
  return { kind: 'python', words, program, file, args: words.slice(2), ...span(words) };
}

const NODE_USAGE = 'node main.js [ARGS]';

function nodeCommand(words: Word[]): NodeCommand {
  const fileWord = words[1];
  if (fileWord === undefined) throw new ParseError(`'node' needs a script here (no interactive Node.js): ${NODE_USAGE}`);
  const file = staticValue(fileWord);
  if (file === null) throw new ParseError(`the script name '${fileWord.raw}' must be written out, e.g. main.js`);
  if (file.startsWith('-')) throw new ParseError(`node options like '${file}' are not supported here: ${NODE_USAGE}`);
  if (!/\.(js|mjs|cjs)$/.test(file) || /^\.(js|mjs|cjs)$/.test(file)) {
    throw new ParseError(`'${file}' is not a JavaScript file (.js, .mjs, .cjs): ${NODE_USAGE}`);
  }
  return { kind: 'node', words, program: 'node', file, args: words.slice(2), ...span(words) };
}

function programCommand(words: Word[]): ProgramCommand {
  return staticValue(words[0]!) === 'node' ? nodeCommand(words) : pythonCommand(words);
}

// ---------------------------------------------------------------------------
// timeout

const TIMEOUT_USAGE = 'timeout [-s SIGNAL] [-k DURATION] [--preserve-status] DURATION python main.py [ARGS] (or node main.js [ARGS])';
const SHORT_NAMES = SIGNAL_TABLE.map((r) => r.name.slice(3));
const SUPPORTED_SIGNALS_TEXT = `use ${SHORT_NAMES.slice(0, -1).join(', ')} or ${SHORT_NAMES.at(-1)} (names, SIG names or numbers)`;

/** Linux signal names; valid for GNU timeout even when Exit Lab cannot send them. */
const LINUX_SIGNALS: Record<string, number> = {
  EXIT: 0, HUP: 1, INT: 2, QUIT: 3, ILL: 4, TRAP: 5, ABRT: 6, IOT: 6, BUS: 7, FPE: 8, KILL: 9,
  USR1: 10, SEGV: 11, USR2: 12, PIPE: 13, ALRM: 14, TERM: 15, STKFLT: 16, CHLD: 17, CLD: 17,
  CONT: 18, STOP: 19, TSTP: 20, TTIN: 21, TTOU: 22, URG: 23, XCPU: 24, XFSZ: 25, VTALRM: 26,
  PROF: 27, WINCH: 28, IO: 29, POLL: 29, PWR: 30, SYS: 31,
};

/** The Linux number of a signal by its name (`SIGQUIT` or `QUIT`), also of those Exit Lab cannot send. */
export function linuxSignalNumber(name: string): number | undefined {
  return LINUX_SIGNALS[name.startsWith('SIG') ? name.slice(3) : name];
}

/**
 * gnulib's quote() in a UTF-8 locale (the terminal's): ‘text’. getopt's own
 * messages keep ASCII quotes, as GNU's do.
 */
export function gnuQuote(text: string): string {
  return `\u2018${text}\u2019`;
}

/**
 * GNU's operand2sig: a number (a plain signal number, or an exit status of
 * 128+N), or a name, case-insensitive, with or without `SIG`.
 * Returns the signal, `unsupported` for a real signal Exit Lab cannot send,
 * or `invalid`.
 */
export function parseSignalOperand(operand: string): SignalName | 'unsupported' | 'invalid' {
  let num: number;
  if (/^[0-9]/.test(operand)) {
    if (!/^[0-9]+$/.test(operand) || operand.length > 10) return 'invalid';
    const n = Number(operand);
    const low = n & 0x7f;
    num = n <= 255 && low !== 0 && low !== 0x7f ? low : n; // WIFSIGNALED -> WTERMSIG
    if (num > 64) return 'invalid';
  } else {
    const up = operand.toUpperCase();
    const names = up.startsWith('SIG') ? [up, up.slice(3)] : [up];
    let found: number | undefined;
    for (const name of names) {
      if (/^RTM(IN|AX)([+-][0-9]+)?$/.test(name)) return 'unsupported';
      found ??= LINUX_SIGNALS[name];
    }
    if (found === undefined) return 'invalid';
    num = found;
  }
  return SIGNAL_NAMES[num] ?? 'unsupported';
}

/** GNU's parse_duration: seconds (float, optional s/m/h/d suffix), or null when invalid. */
export function parseDuration(text: string): number | null {
  const m = /^[ \t\n\v\f\r]*\+?((?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf|infinity)([smhd]?)$/i.exec(text);
  if (m === null) return null;
  const suffix = m[2] ?? '';
  if (suffix !== '' && suffix !== suffix.toLowerCase()) return null;
  const value = /^inf/i.test(m[1]!) ? Infinity : Number(m[1]);
  if (!(value >= 0)) return null;
  const scale = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[suffix as '' | 's' | 'm' | 'h' | 'd'];
  return value * scale;
}

const LONG_OPTIONS = ['foreground', 'kill-after', 'preserve-status', 'signal', 'verbose', 'help', 'version'] as const;
type LongOption = (typeof LONG_OPTIONS)[number];
const TAKES_ARG: ReadonlySet<string> = new Set(['kill-after', 'signal']);

function timeoutCommand(words: Word[]): TimeoutCommand {
  const node: TimeoutCommand = {
    kind: 'timeout',
    words,
    ...span(words),
    signal: 'SIGTERM',
    killAfterSeconds: 0,
    preserveStatus: false,
    foreground: false,
    verbose: false,
    duration: null,
    command: null,
    usageError: null,
  };
  const usage = (message: string | null): TimeoutCommand => {
    node.usageError = message ?? '';
    return node;
  };
  const optionValue = (w: Word): string => {
    const v = staticValue(w);
    if (v === null) throw new ParseError(`'$?' cannot be used in timeout's options here`, TIMEOUT_USAGE);
    return v;
  };
  // Returns a usage error message, or null when the option was applied.
  const apply = (opt: 'k' | 's', value: string): string | null => {
    if (opt === 's') {
      const sig = parseSignalOperand(value);
      if (sig === 'invalid') return `timeout: ${gnuQuote(value)}: invalid signal`;
      if (sig === 'unsupported') throw new ParseError(`timeout signal '${value}' is not supported here`, SUPPORTED_SIGNALS_TEXT);
      node.signal = sig;
    } else {
      const secs = parseDuration(value);
      if (secs === null) return `timeout: invalid time interval ${gnuQuote(value)}`;
      node.killAfterSeconds = secs;
    }
    return null;
  };

  let i = 1;
  for (; i < words.length; i++) {
    const arg = staticValue(words[i]!);
    if (arg === null || !arg.startsWith('-') || arg === '-') break; // first operand
    if (arg === '--') {
      i++;
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const given = arg.slice(2, eq < 0 ? undefined : eq);
      const matches = LONG_OPTIONS.filter((o) => o.startsWith(given));
      const exact = LONG_OPTIONS.find((o) => o === given);
      const opt: LongOption | undefined = exact ?? (matches.length === 1 ? matches[0] : undefined);
      if (opt === undefined) {
        if (matches.length > 1) {
          return usage(`timeout: option '--${given}' is ambiguous; possibilities: ${matches.map((o) => `'--${o}'`).join(' ')}`);
        }
        return usage(`timeout: unrecognized option '${arg}'`);
      }
      if (opt === 'help' || opt === 'version') {
        throw new ParseError(`'timeout --${opt}' is not available here`, TIMEOUT_USAGE);
      }
      if (TAKES_ARG.has(opt)) {
        let value: string;
        if (eq >= 0) value = arg.slice(eq + 1);
        else if (i + 1 < words.length) value = optionValue(words[++i]!);
        else return usage(`timeout: option '--${opt}' requires an argument`);
        const err = apply(opt === 'signal' ? 's' : 'k', value);
        if (err !== null) return usage(err);
      } else {
        if (eq >= 0) return usage(`timeout: option '--${opt}' doesn't allow an argument`);
        if (opt === 'foreground') node.foreground = true;
        else if (opt === 'preserve-status') node.preserveStatus = true;
        else node.verbose = true;
      }
      continue;
    }
    // A cluster of short options: -v, -k DUR, -s SIG, -vs9, -k5 ...
    for (let j = 1; j < arg.length; j++) {
      const ch = arg[j]!;
      if (ch === 'v') {
        node.verbose = true;
      } else if (ch === 'k' || ch === 's') {
        let value: string;
        if (j + 1 < arg.length) value = arg.slice(j + 1);
        else if (i + 1 < words.length) value = optionValue(words[++i]!);
        else return usage(`timeout: option requires an argument -- '${ch}'`);
        const err = apply(ch, value);
        if (err !== null) return usage(err);
        break;
      } else {
        return usage(`timeout: invalid option -- '${ch}'`);
      }
    }
  }

  const duration = words[i];
  const commandWords = words.slice(i + 1);
  if (duration === undefined || commandWords.length === 0) return usage(null); // GNU: just the usage hint
  node.duration = duration;
  const name = staticValue(commandWords[0]!);
  if (name !== 'python' && name !== 'python3' && name !== 'node') {
    throw new ParseError(
      name === 'timeout' ? 'timeout inside timeout is not supported here' : `timeout can only run python here, not '${commandWords[0]!.raw}'`,
      TIMEOUT_USAGE,
    );
  }
  node.command = programCommand(commandWords);
  return node;
}
