/**
 * Runs one Node lesson program (`runtime: node`) with the machine's own `node`, for
 * `exitlab check`: the Python lessons' runner (`runLessonProgram` in
 * `src/lessons/lesson-runner.ts`) follows the line and its script, with `node` commands
 * started here as child processes, the way `scripts/lessons/native_check.py` produces
 * the expectations.
 *
 * - The program's source is written as `main.js` in a fresh temporary directory, which is
 *   the working directory of every `node` on the line (so `node main.js; node main.js`
 *   sees the files the first run left) and is removed afterwards.
 * - The command line is parsed and run by Exit Lab's shell (`node main.js [ARGS]`, `;`,
 *   `&&`, `||`, `| cat`, `echo $?`, `timeout`); each `node FILE ARGS` is a real child
 *   process, `process.argv` = [node, FILE's absolute path, ...ARGS]. `python` on a Node
 *   lesson's line is not run (status 127).
 * - stdin, stdout and stderr are pipes. The native check uses a pseudo-terminal; Node's
 *   output for the lessons' small writes is the same on both (a lesson must not depend on
 *   `process.stdout.isTTY`).
 * - The environment is this process's without `NODE_*` and `FORCE_COLOR`, plus `NO_COLOR=1`.
 * - Script steps as in the Python runner: typed lines go to the current node's stdin
 *   (`null` closes it); signals go to the current node process only, with real
 *   `kill(2)`, once `afterOutput` has appeared on stdout since the previous step (plus
 *   `settleMs`, 50 ms) or `afterMs` after it. `afterMs` signals left when the line has
 *   ended are moot; any other left-over step is a problem.
 * - A time limit per program: when it runs out the line is stopped (SIGKILL) and
 *   `timedOut` is set.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { runLessonProgram, type LessonProgramLike, type LessonRunResult, type NodeStarter } from '../../lessons/lesson-runner';
import { isSignalName, type ExitRecord } from '../../engine/protocol';

export interface NodeLessonRunOptions {
  /** Time limit for the whole command line (default 30 000 ms). */
  timeoutMs?: number;
  /** Wait after an `afterOutput` text appears before signalling (default 50 ms). */
  settleMs?: number;
  /** The `node` binary (default: the one running this process). */
  nodePath?: string;
}

/** This process's environment without Node's own switches, with NO_COLOR=1. */
export function nodeLessonEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (k.startsWith('NODE_') || k === 'FORCE_COLOR') continue;
    env[k] = v;
  }
  env['NO_COLOR'] = '1';
  return env;
}

/** How a child ended, as an exit record: `{status}` or `{status: 128+N, cause: 'signal', signal}`. */
export function recordForChild(code: number | null, signal: NodeJS.Signals | null): ExitRecord {
  if (signal !== null) {
    const num = (osConstants.signals as Record<string, number>)[signal] ?? 0;
    const record: ExitRecord = { status: 128 + num, cause: 'signal' };
    if (isSignalName(signal)) record.signal = signal;
    else record.message = `killed by ${signal}`;
    return record;
  }
  return { status: code ?? 1, cause: 'end' };
}

/** `node FILE ARGS` as a child process working in `dir`, its stdio pipes. */
function nodeChildStarter(dir: string, nodePath: string, env: NodeJS.ProcessEnv): NodeStarter {
  return ({ file, argv }, listener) => {
    const script = isAbsolute(file) ? file : join(dir, file);
    const child = spawn(nodePath, [script, ...argv.slice(1)], { cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let done = false;
    child.stdout!.on('data', (d: Buffer) => listener.stdout?.(d));
    child.stderr!.on('data', (d: Buffer) => listener.stderr?.(d));
    child.stdin!.on('error', () => {}); // EPIPE when the program has ended before reading
    const started = new Promise<void>((resolveStart) => {
      child.once('spawn', () => resolveStart());
      child.once('error', () => resolveStart());
    });
    const exited = new Promise<ExitRecord>((resolveExit) => {
      child.once('error', (err) => {
        done = true;
        listener.stderr?.(new TextEncoder().encode(`exitlab check: cannot start ${nodePath}: ${err.message}\n`));
        resolveExit({ status: 127, cause: 'crash', message: err.message });
      });
      child.once('close', (code, signal) => {
        done = true;
        resolveExit(recordForChild(code, signal));
      });
    });
    return {
      sendSignal(sig) {
        if (!done) child.kill(sig);
      },
      writeStdin(data) {
        if (data === null) child.stdin!.end();
        else child.stdin!.write(data);
      },
      exited,
      started,
    };
  };
}

export async function runNodeLessonProgram(
  program: LessonProgramLike,
  opts: NodeLessonRunOptions = {},
): Promise<LessonRunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'exitlab-node-'));
  try {
    writeFileSync(join(dir, 'main.js'), program.source);
    const startNode = nodeChildStarter(dir, opts.nodePath ?? process.execPath, nodeLessonEnv());
    // No engine: a `python` on a Node lesson's line is refused. Node has no cleanup timeline
    // (the Python engine's sys.monitoring trace has no Node counterpart), so it stays empty.
    return await runLessonProgram(null, program, { timeoutMs: opts.timeoutMs, settleMs: opts.settleMs, startNode });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
