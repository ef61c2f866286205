/** `node main.js [ARGS]` in the shell: parsing, starting through `startNode`, and hosts without node. */
import { describe, expect, it } from 'vitest';
import type { OutputMode } from '../engine/protocol';
import { FakeJob, FakeRuntime, type Start } from './fake-runtime.test-helper';
import { getPipeMode, setPipeMode } from './format';
import { parseCommandLine, SUPPORTED_SUMMARY } from './parse';
import { runCommandLine, type Job } from './run';

/** A FakeRuntime whose node jobs are recorded apart from python's (same plans, same clock). */
class NodeRuntime extends FakeRuntime {
  readonly nodeStarts: Start[] = [];
  startNode(opts: { file: string; argv: string[]; mode: OutputMode }): Job {
    const job = this.startPython(opts) as FakeJob;
    this.nodeStarts.push(this.starts.pop()!);
    return job;
  }
}

function parse(line: string) {
  const r = parseCommandLine(line);
  if (!r.ok) throw new Error(r.error);
  return r.ast;
}

function error(line: string): string {
  const r = parseCommandLine(line);
  if (r.ok) throw new Error(`expected an error for ${line}`);
  return r.error;
}

describe('parsing node commands', () => {
  it('reads node FILE ARGS', () => {
    const cmd = parse(`node main.js a 'b c'`).items[0]!.first.command;
    expect(cmd).toMatchObject({ kind: 'node', program: 'node', file: 'main.js' });
    if (cmd.kind !== 'node') throw new Error('not node');
    expect(cmd.args.map((w) => w.raw)).toEqual(['a', `'b c'`]);
    for (const file of ['lib/tool.mjs', 'x.cjs']) expect(parse(`node ${file}`).items[0]!.first.command.kind).toBe('node');
  });

  it('takes node under timeout, in pipes and lists', () => {
    const ast = parse('timeout -s INT 1 node main.js slow | cat; echo $?');
    const cmd = ast.items[0]!.first.command;
    expect(cmd.kind).toBe('timeout');
    if (cmd.kind !== 'timeout') throw new Error('not timeout');
    expect(cmd.signal).toBe('SIGINT');
    expect(cmd.command).toMatchObject({ kind: 'node', file: 'main.js' });
  });

  it('rejects what it cannot run, in one line naming the form', () => {
    expect(error('node')).toMatch(/'node' needs a script here.*node main\.js \[ARGS\]/);
    expect(error('node -e 1')).toMatch(/node options like '-e' are not supported here/);
    expect(error('node main.py')).toMatch(/'main\.py' is not a JavaScript file/);
    expect(error('node .js')).toMatch(/not a JavaScript file/);
    expect(error('timeout 1 ls')).toMatch(/node main\.js \[ARGS\]/);
    expect(SUPPORTED_SUMMARY).toContain('node main.js [ARGS]');
    for (const line of ['node', 'node -e 1', 'node main.py']) expect(error(line)).not.toContain('\n');
  });

  it('switches node commands to pipe mode and back', () => {
    expect(getPipeMode('node main.js')).toBe(false);
    expect(setPipeMode('node main.js; echo $?', true)).toBe('node main.js | cat; echo $?');
    expect(getPipeMode('node main.js | cat; echo $?')).toBe(true);
    expect(setPipeMode('node main.js | cat && python main.py | cat', false)).toBe('node main.js && python main.py');
  });
});

describe('running node commands', () => {
  it('starts node through startNode with argv [file, ...args] and the mode', async () => {
    const rt = new NodeRuntime([{ exitWith: 3 }]);
    const run = runCommandLine(parse(`node main.js a "$?" | cat; echo $?`), rt, { initialStatus: 5 });
    const result = await run.done;
    expect(rt.starts).toHaveLength(0);
    expect(rt.nodeStarts[0]).toMatchObject({ file: 'main.js', argv: ['main.js', 'a', '5'], mode: 'pipe' });
    expect(rt.stdout).toBe('0\n');
    expect(result.last).toEqual({ status: 3, cause: 'sys.exit' });
  });

  it('reports 128+N for a node job killed by a signal and lets the line go on', async () => {
    const rt = new NodeRuntime([{}]);
    const run = runCommandLine(parse('node main.js; echo $?'), rt);
    await rt.clock.advance(10);
    run.currentJob()!.sendSignal('SIGTERM');
    const result = await run.done;
    expect(rt.stdout).toBe('143\n');
    expect(result.status).toBe(0);
    expect(result.last).toMatchObject({ status: 143, signal: 'SIGTERM' });
  });

  it('times a node job out with timeout: 124', async () => {
    const rt = new NodeRuntime([{}]);
    const run = runCommandLine(parse('timeout 2 node main.js; echo $?'), rt);
    await rt.clock.advance(2000);
    await run.done;
    expect(rt.nodeStarts[0]!.job.signals.map((s) => s.sig)).toEqual(['SIGTERM']);
    expect(rt.stdout).toBe('124\n');
  });

  it('mixes python and node jobs in one line', async () => {
    const rt = new NodeRuntime([{ exitWith: 0 }, { exitWith: 2 }]);
    const result = await runCommandLine(parse('python main.py && node main.js'), rt).done;
    expect(rt.starts.map((s) => s.file)).toEqual(['main.py']);
    expect(rt.nodeStarts.map((s) => s.file)).toEqual(['main.js']);
    expect(result.status).toBe(2);
  });

  it('a runtime without startNode fails node like a missing command (127) and goes on', async () => {
    const rt = new FakeRuntime([{ exitWith: 0 }]);
    const result = await runCommandLine(parse('node main.js; echo $?; node main.js || echo fallback'), rt).done;
    expect(rt.starts).toHaveLength(0);
    expect(rt.stderr).toBe(
      'exitlab shell: node is not available here (this terminal runs python main.py)\n'.repeat(2),
    );
    expect(rt.stdout).toBe('127\nfallback\n');
    expect(result.status).toBe(0);
    expect(result.last).toMatchObject({ status: 127, cause: 'crash' });
  });
});
