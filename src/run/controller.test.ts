/**
 * The run controller over the fake engine and a WebContainer stand-in.
 *
 * One file: every test builds the same controller with the same ports; split, each file would
 * repeat that wiring.
 */
import { describe, expect, it, vi } from 'vitest';
import type { WorkFile } from '../engine/protocol';
import { createFakeEngine, type FakeScript } from '../engine/testing/fake-engine';
import type { NodeRuntime, NodeRuntimeState, ProcessHandle, SignalDelivery } from '../hosts/webcontainer/runtime';
import { TerminalOutput } from '../terminal/output';
import { createRunController, type RunReport } from './controller';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A controller over fakes: the engine runs `script`, the terminal is the real output model. */
function setup(opts: { script?: FakeScript; commandLine?: string; source?: string; files?: WorkFile[]; diskLoaded?: boolean } = {}) {
  const engine = createFakeEngine(opts.script);
  const output = new TerminalOutput({ schedule: () => undefined });
  const events: [keyof RunReport, unknown][] = [];
  const report = new Proxy({} as RunReport, {
    get: (_t, name: keyof RunReport) => (arg: unknown) => void events.push([name, arg]),
  });
  let files = opts.files ?? [];
  let loaded = opts.diskLoaded ?? true;
  let finishLoad: () => void = () => undefined;
  const disk = {
    loaded: () => loaded,
    load: vi.fn(
      () =>
        new Promise<void>((resolve) => {
          finishLoad = () => {
            loaded = true;
            resolve();
          };
        }),
    ),
    read: (path: string) => files.find((f) => f.path === path)?.data ?? null,
    forRun: () => files,
    replaceFromRun: (next: WorkFile[]) => void (files = next),
  };
  let commandLine = opts.commandLine ?? 'python main.py';
  const saved: string[] = [];
  const controller = createRunController({
    engine,
    node: () => {
      throw new Error('no Node in this test');
    },
    terminal: { output, size: () => ({ columns: 100, rows: 30 }), focusForInput: () => undefined, focus: () => undefined },
    program: {
      source: () => opts.source ?? 'print("hi")\n',
      filename: () => 'main.py',
      commandLine: () => commandLine,
      saveDraft: (s) => void saved.push(s),
    },
    disk,
    report,
  });
  const transcript = (): string => {
    output.flush(true);
    return output.text();
  };
  const reported = (name: keyof RunReport): unknown[] => events.filter(([n]) => n === name).map(([, a]) => a);
  return {
    engine,
    controller,
    transcript,
    reported,
    saved,
    disk,
    files: () => files,
    finishLoad: () => finishLoad(),
    setCommandLine: (line: string) => void (commandLine = line),
  };
}

describe('the run controller', () => {
  it('runs the editor program through the engine and reports its end', async () => {
    const t = setup({
      script: (p) => {
        p.stdout('hi\n');
        p.timeline({ kind: 'exit', status: 3, cause: 'sys.exit' });
        p.exit({ status: 3, cause: 'sys.exit', value: '3' });
      },
      files: [{ path: 'data.txt', data: new Uint8Array([120]) }],
    });
    await t.controller.run();
    const [proc] = t.engine.spawned;
    expect(proc?.request).toMatchObject({
      source: 'print("hi")\n',
      filename: '/home/pyodide/main.py',
      argv: ['main.py'],
      cwd: '/home/pyodide',
      terminalSize: { columns: 100, rows: 30 },
      files: [{ path: 'data.txt' }],
    });
    expect(t.saved).toEqual(['print("hi")\n']);
    expect(t.transcript()).toMatch(/^\$ python main\.py\nhi\n.*3/);
    expect(t.reported('started')).toEqual([1]);
    expect(t.reported('timeline')).toEqual([{ kind: 'exit', status: 3, cause: 'sys.exit' }]);
    const [ended] = t.reported('ended') as { exitText: string; outcome: { status: number } }[];
    expect(ended?.outcome.status).toBe(3);
    expect(ended?.exitText).toMatch(/3/);
    expect(t.controller.isRunning()).toBe(false);
  });

  it('sends typed lines to the program on Enter, echoing them, and keeps typeahead for it', async () => {
    const t = setup({
      diskLoaded: false,
      script: async (p) => {
        const first = await p.readLine();
        const second = await p.readLine();
        p.stdout(`got ${JSON.stringify([first, second])}\n`);
        p.exit({ status: 0, cause: 'end' });
      },
    });
    const done = t.controller.run();
    // Typed while the disk still loads: no program yet, the line waits for it.
    t.controller.terminalInput('early\r');
    t.finishLoad();
    await tick();
    t.controller.terminalInput('late\r');
    await done;
    expect(t.engine.spawned[0]?.stdin).toEqual(['early\n', 'late\n']);
    expect(t.transcript()).toContain('early\nlate\ngot ["early\\n","late\\n"]\n');
    expect(t.reported('waitingForInput')).toContain(true);
  });

  it('runs with input at its end when asked (an autorun): the first read gets end of input, before any key', async () => {
    const t = setup({
      diskLoaded: false,
      script: async (p) => {
        const line = await p.readLine();
        p.stdout(`got ${JSON.stringify(line)}\n`);
        p.exit({ status: 0, cause: 'end' });
      },
    });
    const done = t.controller.run({ stdin: 'end' });
    t.finishLoad();
    await done;
    expect(t.transcript()).toContain('got null\n');
  });

  it('passes signals to the foreground program', async () => {
    const t = setup({
      script: async (p) => {
        const sig = await p.nextSignal();
        p.stdout(`handler ${sig}\n`);
        p.exit({ status: 0, cause: 'sys.exit' });
      },
    });
    const done = t.controller.run();
    await tick();
    t.controller.sendSignal('SIGTERM');
    await done;
    expect(t.transcript()).toContain('handler SIGTERM\n');
  });

  it('Ctrl+C in the terminal is SIGINT to the program', async () => {
    const t = setup({ script: async (p) => p.exit({ status: 130, cause: 'signal', signal: await p.nextSignal() }) });
    const done = t.controller.run();
    await tick();
    t.controller.terminalInput('\x03');
    await done;
    expect(t.engine.spawned[0]?.signals).toEqual(['SIGINT']);
  });

  it('stop() kills the program, abandons the rest of the line and resolves once the run has ended', async () => {
    const t = setup({ commandLine: 'python main.py; python main.py', script: () => undefined });
    const done = t.controller.run();
    await tick();
    await t.controller.stop();
    expect(t.controller.isRunning()).toBe(false);
    expect(t.engine.spawned).toHaveLength(1);
    expect(t.engine.spawned[0]?.signals).toEqual(['SIGKILL']);
    expect(t.reported('ended')).toHaveLength(1);
    await done;
  });

  it('stop() while the disk still loads starts nothing', async () => {
    const t = setup({ diskLoaded: false });
    const done = t.controller.run();
    const stopped = t.controller.stop();
    t.finishLoad();
    await stopped;
    await done;
    expect(t.engine.spawned).toHaveLength(0);
    expect(t.reported('ended')).toHaveLength(1);
  });

  it('Run during a run kills the old one; what the old one still says is ignored', async () => {
    let n = 0;
    const t = setup({
      script: async (p) => {
        const me = ++n;
        if (me === 1) {
          await p.nextSignal(); // never comes: SIGKILL ends it
          return;
        }
        p.stdout('second\n');
        p.exit({ status: 0, cause: 'end' });
      },
    });
    const first = t.controller.run();
    await tick();
    const old = t.engine.spawned[0]!;
    const second = t.controller.run();
    old.stdout('late output of the first\n');
    await Promise.all([first, second]);
    expect(old.signals).toEqual(['SIGKILL']);
    expect(t.transcript()).not.toContain('late output');
    expect(t.transcript()).toContain('second\n');
    expect(t.reported('ended')).toHaveLength(1);
  });

  it('a file that is neither the program nor on the disk fails as python3 does (status 2)', async () => {
    const t = setup({ commandLine: 'python other.py' });
    await t.controller.run();
    expect(t.engine.spawned).toHaveLength(0);
    expect(t.transcript()).toContain("python: can't open file '/home/pyodide/other.py': [Errno 2] No such file or directory\n");
    const [ended] = t.reported('ended') as { outcome: { status: number } }[];
    expect(ended?.outcome.status).toBe(2);
  });

  it('runs a file of the disk by its name, and keeps the files a run leaves', async () => {
    const t = setup({
      commandLine: 'python ./tool.py',
      files: [{ path: 'tool.py', data: new TextEncoder().encode('print(1)\n') }],
      script: (p) => {
        p.files([{ path: 'out.txt', data: new Uint8Array([49]) }]);
        p.exit({ status: 0, cause: 'end' });
      },
    });
    await t.controller.run();
    expect(t.engine.spawned[0]?.request).toMatchObject({ source: 'print(1)\n', filename: '/home/pyodide/tool.py' });
    expect(t.files().map((f) => f.path)).toEqual(['out.txt']);
  });

  it('a line the shell cannot parse is a command error: nothing starts', async () => {
    const t = setup({ commandLine: 'python main.py |' });
    await t.controller.run();
    expect(t.engine.spawned).toHaveLength(0);
    expect(t.reported('commandError')).toHaveLength(1);
    expect(t.reported('started')).toHaveLength(0);
  });

  it('holds no module state: two controllers run independently', async () => {
    const a = setup({ script: () => undefined });
    const b = setup();
    const running = a.controller.run();
    await tick();
    await b.controller.run();
    expect(a.controller.isRunning()).toBe(true);
    expect(b.controller.isRunning()).toBe(false);
    await a.controller.stop();
    await running;
  });
});

/** A WebContainer stand-in: `node FILE` runs until killed, Ctrl+C is what it can send. */
function fakeNode(): NodeRuntime & { handles: { args: readonly string[]; source: string; typed: string[] }[] } {
  const state: NodeRuntimeState = { state: 'ready' };
  const handles: { args: readonly string[]; source: string; typed: string[] }[] = [];
  const handle = (source: string, args: readonly string[]): ProcessHandle => {
    let end: (code: number) => void = () => undefined;
    const typed: string[] = [];
    handles.push({ args, source, typed });
    return {
      exit: new Promise<number>((resolve) => (end = resolve)),
      started: Promise.resolve(),
      kill: () => end(137),
      write: (input) => void typed.push(input),
      resize: () => undefined,
      sendSignal(signal): SignalDelivery {
        if (signal === 'SIGKILL') {
          end(137);
          return 'kill';
        }
        if (signal === 'SIGINT') {
          end(130);
          return 'ctrl-c';
        }
        return 'unsupported';
      },
    };
  };
  return {
    handles,
    state: () => state,
    onStateChange: () => () => undefined,
    boot: () => Promise.resolve(state),
    run: (source, args) => handle(source, args),
    openShell: () => handle('', []),
  } as NodeRuntime & { handles: typeof handles };
}

describe('the run controller with Node.js', () => {
  it('runs `node main.js` in the WebContainer, keys go to it raw, and says what a signal became', async () => {
    const node = fakeNode();
    const events: [string, unknown][] = [];
    const controller = createRunController({
      engine: createFakeEngine(),
      node: () => node,
      terminal: {
        output: new TerminalOutput({ schedule: () => undefined }),
        size: () => ({ columns: 80, rows: 24 }),
        focusForInput: () => undefined,
        focus: () => undefined,
      },
      program: { source: () => 'console.log(1)', filename: () => 'main.js', commandLine: () => 'node main.js a', saveDraft: () => undefined },
      disk: { loaded: () => true, load: async () => undefined, read: () => null, forRun: () => [], replaceFromRun: () => undefined },
      report: new Proxy({} as RunReport, { get: (_t, name: string) => (arg: unknown) => void events.push([name, arg]) }),
    });
    const done = controller.run();
    await tick();
    controller.terminalInput('x');
    controller.sendSignal('SIGTERM');
    controller.sendSignal('SIGINT');
    await done;
    expect(node.handles[0]).toMatchObject({ source: 'console.log(1)', args: ['a'], typed: ['x'] });
    const notes = events.filter(([n]) => n === 'node').map(([, a]) => (a as { signalNote?: string }).signalNote).filter(Boolean);
    expect(notes[0]).toMatch(/cannot send SIGTERM/);
    expect(notes[1]).toMatch(/^SIGINT: Ctrl\+C was typed/);
    const [ended] = events.filter(([n]) => n === 'ended').map(([, a]) => a as { outcome: { status: number } });
    expect(ended?.outcome.status).toBe(130);
  });

  /** A controller over `fakeNode()` and the fake engine, with the report's calls recorded. */
  function withNode(commandLine: string, engine = createFakeEngine()) {
    const node = fakeNode();
    const events: [string, unknown][] = [];
    const output = new TerminalOutput({ schedule: () => undefined });
    let focused = 0;
    const controller = createRunController({
      engine,
      node: () => node,
      terminal: { output, size: () => ({ columns: 80, rows: 24 }), focusForInput: () => undefined, focus: () => void focused++ },
      program: { source: () => 'src', filename: () => 'main.py', commandLine: () => commandLine, saveDraft: () => undefined },
      disk: { loaded: () => true, load: async () => undefined, read: () => null, forRun: () => [], replaceFromRun: () => undefined },
      report: new Proxy({} as RunReport, { get: (_t, name: string) => (arg: unknown) => void events.push([name, arg]) }),
    });
    const ended = (): { outcome: { status: number; aborted: string | null } }[] =>
      events.filter(([n]) => n === 'ended').map(([, a]) => a as { outcome: { status: number; aborted: string | null } });
    return { node, controller, ended, focused: () => focused, transcript: () => (output.flush(true), output.text()) };
  }

  it('one line, two kinds of job: typed lines go to python, then keys go raw to node', async () => {
    const engine = createFakeEngine(async (p) => {
      const line = await p.readLine();
      p.stdout(`python read ${JSON.stringify(line)}\n`);
      p.exit({ status: 0, cause: 'end' });
    });
    const { node, controller, ended, transcript } = withNode('python main.py; node main.js', engine);
    const done = controller.run();
    await tick();
    controller.terminalInput('hi\r');
    await tick();
    controller.terminalInput('k');
    controller.sendSignal('SIGKILL');
    await done;
    expect(engine.spawned[0]!.stdin).toEqual(['hi\n']);
    expect(node.handles[0]!.typed).toEqual(['k']);
    expect(transcript()).toContain('python read "hi\\n"');
    expect(ended()[0]?.outcome.status).toBe(137);
  });

  it('the shell (jsh) is a job too: it takes the keys raw, gets the focus, and Stop ends it', async () => {
    const { node, controller, ended, focused } = withNode('python main.py');
    const open = controller.openShell();
    await tick();
    controller.terminalInput('ls\r');
    expect(node.handles[0]!.typed).toEqual(['ls\r']);
    expect(focused()).toBe(1);
    expect(controller.isRunning()).toBe(true);
    await controller.stop();
    await open;
    expect(controller.isRunning()).toBe(false);
    expect(ended()[0]?.outcome).toMatchObject({ status: 137, aborted: 'stop' });
  });
});

