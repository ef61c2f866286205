/**
 * Exit Lab's small shell: the editable command line above the terminal.
 * Pure and host-independent; the host supplies a ShellRuntime.
 *
 *   const parsed = parseCommandLine('timeout -k 2 5 python main.py a b | cat; echo $?');
 *   // `node main.js [ARGS]` works the same way when the runtime has `startNode`.
 *   if (!parsed.ok) showError(parsed.error);        // one line, names what is supported
 *   else { const run = runCommandLine(parsed.ast, runtime); ... await run.done; }
 */
export type {
  AndOrList,
  BoolCommand,
  CatCommand,
  Command,
  CommandList,
  EchoCommand,
  NodeCommand,
  Pipeline,
  ProgramCommand,
  PythonCommand,
  TimeoutCommand,
  Word,
  WordPart,
} from './ast';
export {
  gnuQuote,
  linuxSignalNumber,
  parseCommandLine,
  parseDuration,
  parseSignalOperand,
  SUPPORTED_SUMMARY,
  type ParseResult,
} from './parse';
export {
  deathSignal,
  echoOutput,
  runCommandLine,
  type Job,
  type RunOptions,
  type ShellResult,
  type ShellRun,
  type ShellRuntime,
} from './run';
export { getPipeMode, setPipeMode } from './format';
export { expandWord, staticValue, tokenize, type Token, type TokenizeResult } from './tokenize';
