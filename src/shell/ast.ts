import type { SignalName } from '../engine/protocol';
import type { Word } from './tokenize';

export type { Word, WordPart } from './tokenize';

interface CommandBase {
  /** Every word of the command, the command name included. */
  words: Word[];
  /** Offsets of the command in the line: [start, end). */
  start: number;
  end: number;
}

/** `python main.py ARGS...` / `python3 main.py ARGS...` */
export interface PythonCommand extends CommandBase {
  kind: 'python';
  /** `python` or `python3`, as written. */
  program: string;
  /** The script, as written (argv[0]). */
  file: string;
  args: Word[];
}

/**
 * `node main.js ARGS...` (Node lessons). The host decides where node runs (the
 * local `node` on the command line, a WebContainer in the page); a runtime
 * without `startNode` reports that node is not available.
 */
export interface NodeCommand extends CommandBase {
  kind: 'node';
  /** Always `node`. */
  program: 'node';
  /** The script, as written (`main.js`; `.js`, `.mjs` or `.cjs`). */
  file: string;
  args: Word[];
}

/** A command that starts a program: python or node. */
export type ProgramCommand = PythonCommand | NodeCommand;

/**
 * `timeout [OPTIONS] DURATION python main.py ARGS...` (GNU coreutils); also `... node main.js ARGS...`.
 * Options are parsed when the line is parsed; DURATION (which may contain
 * `$?`) when the command runs, as GNU does.
 */
export interface TimeoutCommand extends CommandBase {
  kind: 'timeout';
  /** Signal sent when the time runs out (`-s`, default SIGTERM). */
  signal: SignalName;
  /** `-k`: seconds after the first signal until SIGKILL; 0: never. */
  killAfterSeconds: number;
  preserveStatus: boolean;
  foreground: boolean;
  verbose: boolean;
  duration: Word | null;
  command: ProgramCommand | null;
  /**
   * A usage error GNU timeout reports when it runs, giving status 125: the
   * message line without the `Try 'timeout --help'...` hint that follows it
   * ('' when GNU prints only the hint, e.g. a missing operand). Null: none.
   */
  usageError: string | null;
}

/** bash's builtin `echo` (`-n`, `-e`, `-E`). */
export interface EchoCommand extends CommandBase {
  kind: 'echo';
  args: Word[];
}

/** `true` / `false` (arguments ignored). */
export interface BoolCommand extends CommandBase {
  kind: 'true' | 'false';
}

/** `cat` with no arguments, only after a `|`. */
export interface CatCommand extends CommandBase {
  kind: 'cat';
}

export type Command = PythonCommand | NodeCommand | TimeoutCommand | EchoCommand | BoolCommand;

/** `command [| cat]...`: a pipe into `cat` runs the command's stdout as a pipe. */
export interface Pipeline {
  kind: 'pipeline';
  command: Command;
  cats: CatCommand[];
  start: number;
  end: number;
}

/** `a && b || c`: left-associative, `&&` and `||` of equal precedence. */
export interface AndOrList {
  kind: 'and-or';
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

/** `a; b; c`, the whole line. */
export interface CommandList {
  kind: 'list';
  items: AndOrList[];
}
