/**
 * Runs one Node lesson program (`runtime: node`) with the machine's own `node`, for
 * `exitlab check`: the same outcome record as the Python lessons' runner
 * (`src/engine/lesson-runner.ts`), produced the way `scripts/lessons/native_check.py`
 * produces the expectations.
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
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { LessonProgramLike, LessonRunResult } from '../../engine/lesson-runner';
import { SIGNALS, type ExitRecord, type SignalName } from '../../engine/protocol';
import { deathSignal, parseCommandLine, runCommandLine, type ProgramJob, type ShellRuntime } from '../../engine/shell';

export interface NodeLessonRunOptions {
  /** Time limit for the whole command line (default 30 000 ms). */
  timeoutMs?: number;
  /** Wait after an `afterOutput` text appears before signalling (default 50 ms). */
  settleMs?: number;
  /** The `node` binary (default: the one running this process). */
  nodePath?: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_SETTLE_MS = 50;

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
    if (signal in SIGNALS) record.signal = signal as SignalName;
    else record.message = `killed by ${signal}`;
    return record;
  }
  return { status: code ?? 1, cause: 'end' };
}

export async function runNodeLessonProgram(
  program: LessonProgramLike,
  opts: NodeLessonRunOptions = {},
): Promise<LessonRunResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const settleMs = opts.settleMs ?? DEFAULT_SETTLE_MS;
  const nodePath = opts.nodePath ?? process.execPath;
  const steps = program.script ?? [];
  const records: ExitRecord[] = [];
  const problems: string[] = [];

  const parsed = parseCommandLine(program.command);
  if (!parsed.ok) {
    return { stdout: '', stderr: `${parsed.error}\n`, status: 2, signal: null, records, timedOut: false, problems: [`command: ${parsed.error}`], files: [], timeline: [] };
  }

  const dir = mkdtempSync(join(tmpdir(), 'exitlab-node-'));
  writeFileSync(join(dir, 'main.js'), program.source);
  const env = nodeLessonEnv();
  const now = (): number => performance.now();
  const setTimer = (ms: number, fn: () => void): (() => void) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  };

  let stdout = '';
  let stderr = '';
  let current: ChildProcess | null = null;
  let currentDone = true;
  let lineDone = false;
  /** Typed lines (null: end of input) that no node process has been given yet. */
  const typeahead: (string | null)[] = [];
  const deliverTypeahead = (child: ChildProcess): void => {
    while (typeahead.length > 0 && child.stdin && !child.stdin.writableEnded) {
      const line = typeahead.shift()!;
      if (line === null) child.stdin.end();
      else child.stdin.write(`${line}\n`);
    }
  };

  // ---- The script (the same rules as src/engine/lesson-runner.ts). ----
  let stepIndex = 0;
  let mark = 0;
  let stepStarted = now();
  let seenAt: number | null = null;
  const wake: { cancel: (() => void) | null } = { cancel: null };
  const wakeIn = (ms: number): void => {
    wake.cancel?.();
    wake.cancel = setTimer(Math.max(0, Math.ceil(ms)), () => {
      wake.cancel = null;
      runDueSteps();
    });
  };

  function runDueSteps(): void {
    while (stepIndex < steps.length && !lineDone) {
      const step = steps[stepIndex]!;
      const t = now();
      if ('input' in step) {
        typeahead.push(step.input);
        if (current && !currentDone) deliverTypeahead(current);
        mark = stdout.length;
      } else {
        let newMark: number;
        if ('afterOutput' in step) {
          const at = stdout.indexOf(step.afterOutput, mark);
          if (at < 0) {
            seenAt = null;
            return;
          }
          if (seenAt === null) seenAt = t;
          if (t - seenAt < settleMs) {
            wakeIn(settleMs - (t - seenAt));
            return;
          }
          seenAt = null;
          newMark = at + step.afterOutput.length;
        } else {
          const waited = t - stepStarted;
          if (waited < step.afterMs) {
            wakeIn(step.afterMs - waited);
            return;
          }
          newMark = stdout.length;
        }
        if (!current) return; // node has not started yet: its start calls us again
        if (!(step.signal in SIGNALS)) problems.push(`script[${stepIndex}]: unknown signal ${step.signal}`);
        else if (!currentDone) current.kill(step.signal as NodeJS.Signals);
        mark = newMark;
      }
      stepIndex++;
      stepStarted = now();
    }
  }

  const runtime: ShellRuntime = {
    startPython({ file }) {
      stderr += `exitlab check: python ${file}: a Node lesson's line runs node only\n`;
      const record: ExitRecord = { status: 127, cause: 'crash', message: 'python is not run in a Node lesson' };
      records.push(record);
      return { sendSignal() {}, exited: Promise.resolve(record) };
    },
    startNode({ file, argv }): ProgramJob {
      const script = isAbsolute(file) ? file : join(dir, file);
      const child = spawn(nodePath, [script, ...argv.slice(1)], { cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
      current = child;
      currentDone = false;
      let done = false;
      deliverTypeahead(child);
      const outDecoder = new TextDecoder();
      const errDecoder = new TextDecoder();
      child.stdout!.on('data', (d: Buffer) => {
        stdout += outDecoder.decode(d, { stream: true });
        runDueSteps();
      });
      child.stderr!.on('data', (d: Buffer) => {
        stderr += errDecoder.decode(d, { stream: true });
      });
      child.stdin!.on('error', () => {}); // EPIPE when the program has ended before reading
      const started = new Promise<void>((resolveStart) => {
        child.once('spawn', () => resolveStart());
        child.once('error', () => resolveStart());
      });
      const exited = new Promise<ExitRecord>((resolveExit) => {
        child.once('error', (err) => {
          done = true;
          if (current === child) currentDone = true;
          stderr += `exitlab check: cannot start ${nodePath}: ${err.message}\n`;
          resolveExit({ status: 127, cause: 'crash', message: err.message });
        });
        child.once('close', (code, signal) => {
          done = true;
          if (current === child) currentDone = true;
          stdout += outDecoder.decode();
          stderr += errDecoder.decode();
          resolveExit(recordForChild(code, signal));
        });
      }).then((record) => {
        records.push(record);
        runDueSteps(); // output flushed at exit may be what a step waits for
        return record;
      });
      queueMicrotask(runDueSteps); // a step may have been waiting for node to start
      return {
        sendSignal: (sig) => {
          if (!done) child.kill(sig);
        },
        exited,
        started,
      };
    },
    writeStdout(text) {
      stdout += text;
      runDueSteps();
    },
    writeStderr(text) {
      stderr += text;
    },
    setTimer,
  };

  const shell = runCommandLine(parsed.ast, runtime);
  let timedOut = false;
  const cancelLimit = setTimer(timeoutMs, () => {
    timedOut = true;
    shell.stop();
  });
  runDueSteps();
  let result;
  try {
    result = await shell.done;
  } finally {
    lineDone = true;
    cancelLimit();
    wake.cancel?.();
    rmSync(dir, { recursive: true, force: true });
  }

  const left = steps.slice(stepIndex);
  if (!timedOut && left.some((s) => !('afterMs' in s))) {
    problems.push(`script[${stepIndex}]: never happened (${JSON.stringify(steps[stepIndex])})`);
  }
  if (timedOut) problems.push(`time limit: still running after ${timeoutMs / 1000} s`);

  return {
    stdout,
    stderr,
    status: result.status,
    signal: result.last ? deathSignal(result.last) : null,
    records,
    timedOut,
    problems,
    files: [],
    // Node has no cleanup timeline (the Python engine's sys.monitoring trace has no Node counterpart).
    timeline: [],
  };
}
