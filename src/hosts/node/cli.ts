/**
 * `exitlab` — run a Python file through the Exit Lab engine and end exactly as
 * `python3 FILE` would: same output, same status, same signal.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as osConstants } from 'node:os';
import { FORWARDED_SIGNALS, NOTICE_TEXT, type ExitRecord, type SignalName, type TimelineEvent } from '../../engine/protocol';
import { createNodeEngine, type NodeEnginePaths } from './engine';
import { runCheck } from './check';
import pkg from '../../../package.json';

const HERE = dirname(fileURLToPath(import.meta.url));
/** dist-cli/ sits next to src/ in the repository. */
export const PATHS: NodeEnginePaths = {
  workerFile: resolve(HERE, 'worker.mjs'),
  harnessDir: resolve(HERE, '../src/engine/harness'),
  cacheDir: process.env.EXITLAB_CACHE_DIR ?? resolve(HERE, '../node_modules/.cache/exitlab'),
};

const USAGE = `usage: exitlab run [--json] [--timeline] [--stdout tty|pipe] FILE [ARGS...]
       exitlab check [DIR] [options]
       exitlab --version`;

const RUN_HELP = `usage: exitlab run [--json] [--timeline] [--stdout tty|pipe] FILE [ARGS...]

Runs FILE (Python, or .js/.mjs/.cjs with this machine's node) as its own process would run,
and ends the same way: the program's exit status, or the signal that killed it.

options:
  --json              keep the program's output and print one JSON object at the end
                      (stdout, stderr, status, signal, cause, the exit record, the timeline)
  --timeline          pass output on as it comes, then the cleanup timeline (finally,
                      __exit__, signal handlers, atexit, flushes) on stderr as JSON Lines
  --stdout tty|pipe   buffer stdout as on a terminal or a pipe (default: whether it is one)
  -h, --help          show this help and exit
  --                  end of options: FILE may then begin with '-'`;

/** `exitlab --version`: this package's version and the Pyodide it runs. */
const VERSION = `exitlab ${pkg.version} (Pyodide ${pkg.dependencies.pyodide})`;

/** The signals this process passes on to the program (the signal table's `forwarded`). */
const FORWARDED = FORWARDED_SIGNALS;

interface RunOptions {
  json: boolean;
  timeline: boolean;
  stdout: 'tty' | 'pipe' | null;
  file: string;
  args: string[];
}

function parseRunArgs(argv: string[]): RunOptions | string {
  const opts: RunOptions = { json: false, timeline: false, stdout: null, file: '', args: [] };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return 'help';
    if (a === '--json') opts.json = true;
    else if (a === '--timeline') opts.timeline = true;
    else if (a === '--stdout' || a.startsWith('--stdout=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v !== 'tty' && v !== 'pipe') return `--stdout takes tty or pipe, not ${v ?? 'nothing'}`;
      opts.stdout = v;
    } else if (a === '--') {
      i++;
      break;
    } else if (a.startsWith('-') && a !== '-') return `unknown option ${a}`;
    else break;
  }
  if (i >= argv.length) return 'missing FILE';
  opts.file = argv[i]!;
  opts.args = argv.slice(i + 1);
  return opts;
}

/** Ends this process the way the program ended: same status, or the same signal. */
function endLike(record: ExitRecord): never {
  if (record.cause === 'signal' && record.signal) {
    const sig = record.signal;
    for (const s of FORWARDED) process.removeAllListeners(s);
    process.kill(process.pid, sig);
    // Not reached unless the signal is blocked; fall back to the shell's number.
  }
  process.exit(record.status);
}

function flushThen(fn: () => void): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) fn();
  };
  if (process.stdout.writableLength === 0) done();
  else process.stdout.write('', done);
  if (process.stderr.writableLength === 0) done();
  else process.stderr.write('', done);
}

async function cmdRun(argv: string[]): Promise<void> {
  const opts = parseRunArgs(argv);
  if (opts === 'help') {
    process.stdout.write(`${RUN_HELP}\n`);
    process.exit(0);
  }
  if (typeof opts === 'string') {
    process.stderr.write(`exitlab run: ${opts}\n${USAGE.split('\n')[0]}\n`);
    process.exit(2);
  }
  if (opts.file.endsWith('.js') || opts.file.endsWith('.mjs') || opts.file.endsWith('.cjs')) {
    runNode(opts);
    return;
  }
  const abs = resolve(opts.file);
  let source: string;
  try {
    if (statSync(abs).isDirectory()) {
      process.stderr.write(`exitlab: can't find '__main__' module in '${abs}'\n`);
      process.exit(1);
    }
    source = readFileSync(abs, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const errno = e.errno !== undefined ? Math.abs(e.errno) : 2;
    const text = e.code === 'EACCES' ? 'Permission denied' : e.code === 'ENOENT' ? 'No such file or directory' : e.message;
    process.stderr.write(`exitlab: can't open file '${abs}': [Errno ${errno}] ${text}\n`);
    process.exit(2);
  }

  const stdoutTty = opts.stdout ? opts.stdout === 'tty' : Boolean(process.stdout.isTTY);
  const env: Record<string, string> = {};
  for (const key of ['PYTHONUNBUFFERED', 'NO_COLOR', 'FORCE_COLOR', 'PYTHON_COLORS', 'TERM', 'COLUMNS', 'LINES', 'LANG']) {
    const v = process.env[key];
    if (v !== undefined && v !== '') env[key] = v;
  }
  // One program, one interpreter: no warm spare competing for the two cores.
  const engine = createNodeEngine(PATHS, { warm: 0 });
  const stdoutChunks: Buffer[] = [];
  const stderrChunks: Buffer[] = [];
  const timeline: TimelineEvent[] = [];
  let stdinStarted = false;

  const proc = engine.spawn(
    {
      source,
      filename: abs,
      argv: [opts.file, ...opts.args],
      stdio: { stdin: Boolean(process.stdin.isTTY), stdout: stdoutTty, stderr: Boolean(process.stderr.isTTY) },
      env,
      cwd: process.cwd(),
      mountHostDir: process.cwd(),
      // EXITLAB_TIMELINE=0 runs without recording (the bench's baseline).
      timeline: process.env.EXITLAB_TIMELINE !== '0',
      terminalSize: process.stdout.isTTY ? { columns: process.stdout.columns, rows: process.stdout.rows } : undefined,
    },
    {
      // A slow reader of our stdout (a pipe) slows the program down, as a full pipe would.
      stdout(data) {
        if (opts.json) stdoutChunks.push(Buffer.from(data));
        else if (!process.stdout.write(data)) {
          process.stdout.once('drain', () => proc.resumeOutput?.());
          return false;
        }
        return true;
      },
      stderr(data) {
        if (opts.json) stderrChunks.push(Buffer.from(data));
        else if (!process.stderr.write(data)) {
          process.stderr.once('drain', () => proc.resumeOutput?.());
          return false;
        }
        return true;
      },
      inputRequest() {
        if (stdinStarted) return;
        stdinStarted = true;
        process.stdin.on('data', (chunk: Buffer) => proc.writeStdin(new Uint8Array(chunk)));
        process.stdin.on('end', () => proc.writeStdin(null));
        process.stdin.on('error', () => proc.writeStdin(null));
      },
      timeline(event) {
        timeline.push(event);
      },
      notice(notice) {
        // For a person at a terminal only: a pipe or a file gets the program's stderr alone.
        if (!opts.json && process.stderr.isTTY) process.stderr.write(`${NOTICE_TEXT[notice]}\n`);
      },
    },
  );

  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') (proc as { stdoutClosed?: () => void }).stdoutClosed?.();
  });
  for (const sig of FORWARDED) process.on(sig, () => proc.sendSignal(sig));

  const record = await proc.exited;
  engine.dispose();
  process.stdin.pause();
  if (opts.json) {
    const out = {
      stdout: Buffer.concat(stdoutChunks).toString('utf8'),
      stderr: Buffer.concat(stderrChunks).toString('utf8'),
      status: record.status,
      signal: record.signal ?? null,
      cause: record.cause,
      record,
      timeline,
    };
    process.stdout.write(JSON.stringify(out) + '\n');
  }
  if (opts.timeline) {
    process.stderr.write(timeline.map((e) => JSON.stringify(e)).join('\n') + '\n');
  }
  flushThen(() => endLike(record));
}

/** `.js` files run with the local `node`, ending the same way it ends. */
function runNode(opts: RunOptions): void {
  const child = spawn(process.execPath, [opts.file, ...opts.args], { stdio: 'inherit' });
  for (const sig of FORWARDED) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => {
    if (signal) {
      const num = (osConstants.signals as Record<string, number>)[signal] ?? 0;
      endLike({ status: 128 + num, cause: 'signal', signal: signal as SignalName });
    }
    process.exit(code ?? 1);
  });
}

export async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  if (cmd === 'run') return cmdRun(rest);
  if (cmd === 'check') {
    const status = await runCheck(rest, PATHS);
    process.exit(status);
  }
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  }
  if (cmd === '--version' || cmd === '-V') {
    process.stdout.write(`${VERSION}\n`);
    process.exit(0);
  }
  const what = cmd === undefined ? 'no command given' : cmd.startsWith('-') ? `unknown option ${cmd}` : `unknown command ${cmd}`;
  process.stderr.write(`exitlab: ${what}\n${USAGE}\n`);
  process.exit(2);
}
