/**
 * The timeline's order against the order native python3 prints.
 *
 * Every program prints a marker at each cleanup step ("[finally]",
 * "[context-exit] Name.__exit__", "[atexit] name"); native `python3 -E` gives
 * the true order, and the engine's recorded events must name the same steps
 * in the same order. Programs whose order depends on data (handlers
 * registered in a loop, a `with` entered only on some branch, nested
 * functions that each clean up) are run with several inputs.
 *
 * For hard stops (os._exit, a default-action signal), the skipped list must be
 * exactly the steps native python3 runs when the hard stop is replaced by
 * sys.exit — what would have run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONDITIONAL_WITH, HARD_STOP, LOOP_HANDLERS, markers } from '../../engine/timeline-cases';

const ROOT = resolve(__dirname, '../../..');
const BIN = join(ROOT, 'bin/exitlab.mjs');
let dir: string;

interface Event {
  kind: string;
  name?: string;
  what?: string;
  [key: string]: unknown;
}

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PYTHON')) e[k] = v;
  return { ...e, NO_COLOR: '1' };
}

function exec(cmd: string[], opts: { signal?: NodeJS.Signals; after?: string } = {}) {
  return new Promise<{ stdout: string; stderr: string; status: number | null; signal: string | null }>((done) => {
    const child = spawn(cmd[0]!, cmd.slice(1), { cwd: dir, env: env() });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (opts.signal && !sent && stdout.includes(opts.after ?? '')) {
        sent = true;
        setTimeout(() => child.kill(opts.signal), 50);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end();
    child.on('close', (status, signal) => done({ stdout, stderr, status, signal }));
  });
}

/** Markers native python3 printed, in order. */
async function nativeSteps(file: string, args: string[]): Promise<string[]> {
  const r = await exec(['python3', '-E', file, ...args]);
  return markers(r.stdout);
}

async function engineTimeline(file: string, args: string[], opts: { signal?: NodeJS.Signals; after?: string } = {}) {
  // --timeline keeps output live (signals are sent after a ready line) and appends JSON Lines to stderr.
  const r = await exec(['node', BIN, 'run', '--timeline', file, ...args], opts);
  const timeline = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('{"kind"'))
    .map((l) => JSON.parse(l) as Event);
  const last = timeline[timeline.length - 1];
  return { timeline, stdout: r.stdout, status: typeof last?.status === 'number' ? last.status : -1, signal: r.signal };
}

/** The timeline's cleanup steps written as the programs' markers. */
function stepsOf(timeline: Event[], kinds = ['finally', 'context-exit', 'atexit']): string[] {
  return timeline
    .filter((e) => kinds.includes(e.kind))
    .map((e) => (e.kind === 'finally' ? '[finally]' : `[${e.kind}] ${e.name}`));
}

function write(name: string, source: string): string {
  const p = join(dir, name);
  writeFileSync(p, source);
  return p;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'exitlab-timeline-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NESTED_FUNCTIONS = `
import sys, atexit
from contextlib import ExitStack

class Resource:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        print("[context-exit] Resource.__exit__")

def level(n, depth):
    try:
        if n == depth:
            sys.exit(depth)
        with Resource(str(n)):
            level(n + 1, depth)
    finally:
        print("[finally]")

def main(depth):
    atexit.register(lambda: print("[atexit] main.<locals>.<lambda>"))
    with ExitStack() as stack:
        for i in range(depth):
            stack.enter_context(Resource(f"stack{i}"))
        level(0, depth)

main(int(sys.argv[1]))
`;

const SUPPRESSING = `
import sys

class Swallow:
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc, tb):
        print("[context-exit] Swallow.__exit__")
        return exc_type is SystemExit

with Swallow():
    sys.exit(5)
try:
    sys.exit(6)
except BaseException:
    print("caught")
print("still running")
`;

describe('timeline order matches native python3', () => {
  it.each([[''], ['a'], ['a,f1,b'], ['f1,f2,a,b,f3']])('atexit handlers registered in a loop: %s', async (names) => {
    const f = write('loop.py', LOOP_HANDLERS);
    const native = await nativeSteps(f, [names]);
    const got = await engineTimeline(f, [names]);
    expect(stepsOf(got.timeline)).toEqual(native);
    const atexit = got.timeline.filter((e) => e.kind === 'atexit');
    expect(atexit.map((e) => e.order)).toEqual(atexit.map((_, i) => i + 1));
    expect(got.timeline[got.timeline.length - 1]).toMatchObject({ kind: 'exit', status: names ? names.split(',').length : 0 });
  });

  it.each([['none'], ['lock'], ['both']])('a with statement entered only on some branch: %s', async (kind) => {
    const f = write('conditional.py', CONDITIONAL_WITH);
    const native = await nativeSteps(f, [kind]);
    const got = await engineTimeline(f, [kind]);
    expect(stepsOf(got.timeline)).toEqual(native);
  });

  it.each([['1'], ['3']])('nested functions that each clean up, inside an ExitStack: depth %s', async (depth) => {
    const f = write('nested.py', NESTED_FUNCTIONS);
    const native = await nativeSteps(f, [depth]);
    const got = await engineTimeline(f, [depth]);
    // ExitStack.__exit__ itself prints nothing natively; the Resources it closes do.
    expect(stepsOf(got.timeline).filter((s) => !s.startsWith('[context-exit] ExitStack'))).toEqual(native);
    expect(got.timeline.some((e) => e.kind === 'context-exit' && e.name === 'ExitStack.__exit__')).toBe(true);
  });

  it('reports an __exit__ that suppresses SystemExit and an except that catches it', async () => {
    const f = write('swallow.py', SUPPRESSING);
    const got = await engineTimeline(f, []);
    expect(got.status).toBe(0);
    const kinds = got.timeline.map((e) => e.kind);
    expect(kinds).toEqual(['raise', 'context-exit', 'raise', 'caught', 'flush', 'flush', 'exit']);
    expect(got.timeline[1]).toMatchObject({ name: 'Swallow.__exit__', suppressed: true, line: 11 });
    expect(got.timeline[3]).toMatchObject({ exception: 'SystemExit', line: 15 });
  });
});

describe('skipped steps are what would have run', () => {
  it('os._exit skips the finally blocks, the with block and the atexit handlers, in run order', async () => {
    const f = write('hard.py', HARD_STOP('os._exit(3)'));
    const wouldRun = await nativeSteps(write('soft.py', HARD_STOP('sys.exit(3)')), []);
    const got = await engineTimeline(f, []);
    expect(got.status).toBe(3);
    expect(got.stdout).toBe('');
    const skipped = got.timeline.filter((e) => e.kind === 'skipped');
    expect(skipped.map((e) => e.what)).toEqual([
      ...wouldRun.map((s) => (s === '[finally]' ? 'finally' : s.startsWith('[context-exit]') ? 'context-exit' : 'atexit')),
      'buffered-output',
    ]);
    expect(skipped.filter((e) => e.what === 'atexit').map((e) => e.name)).toEqual(['second', 'first']);
    expect(skipped[skipped.length - 1]).toMatchObject({ bytes: 'pending output'.length });
  });

  it('a default SIGTERM skips the same steps and says so', async () => {
    const f = write('term.py', HARD_STOP('print(" ready", flush=True); time.sleep(30)'));
    const wouldRun = await nativeSteps(write('soft2.py', HARD_STOP('sys.exit(3)')), []);
    const got = await engineTimeline(f, [], { signal: 'SIGTERM', after: 'ready' });
    expect(got.status).toBe(143);
    expect(got.signal).toBe('SIGTERM');
    expect(markers(got.stdout)).toEqual([]);
    const kinds = got.timeline.map((e) => e.kind);
    expect(kinds[0]).toBe('signal');
    expect(got.timeline[0]).toMatchObject({ signal: 'SIGTERM', handler: null });
    const skipped = got.timeline.filter((e) => e.kind === 'skipped').map((e) => e.what);
    // The ready line flushed everything before it, so no buffered output is lost (and none is listed).
    expect(skipped).toEqual(
      wouldRun.map((s) => (s === '[finally]' ? 'finally' : s.startsWith('[context-exit]') ? 'context-exit' : 'atexit')),
    );
    expect(got.timeline[got.timeline.length - 1]).toMatchObject({ kind: 'exit', status: 143, signal: 'SIGTERM' });
  });
});
