/**
 * `exitlab check` as CI runs it (real engine, temporary lesson directories). The lesson
 * runner's script semantics are tested on the fake engine in src/lessons/lesson-runner.test.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const BIN = join(ROOT, 'bin/exitlab.mjs');
let dir: string;
let mixed: string;

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PYTHON')) env[k] = v;
  return { ...env, NO_COLOR: '1' };
}

function check(...args: string[]): Promise<{ stdout: string; stderr: string; status: number | null }> {
  return new Promise((done) => {
    const child = spawn('node', [BIN, 'check', ...args], { cwd: dir, env: cleanEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end();
    child.on('close', (status) => done({ stdout, stderr, status }));
  });
}

/** A lesson file: frontmatter with the given programs (YAML text, indented under `programs:`). */
function lessonFile(order: number, id: string, programs: string): string {
  return [
    '---',
    `id: ${id}`,
    `title: "Lesson ${id}"`,
    `order: ${order}`,
    'runtime: python',
    `summary: "A test lesson."`,
    'programs:',
    programs.replace(/^\n/, '').trimEnd(),
    '---',
    'Prose.',
    '',
  ].join('\n');
}

/** Reads two lines (typeahead across two runs), then waits for SIGTERM with a handler. */
const PASSING = `
  - name: two-runs
    label: "Two runs"
    command: "python main.py first; python main.py second; echo \\"status $?\\""
    source: |
      import os, sys
      if os.path.exists("seen.txt"):
          print("found", open("seen.txt").read())
      open("seen.txt", "w").write(sys.argv[1])
      print(sys.argv[1], "read", input())
      sys.exit(3)
    script:
      - input: "one"
      - input: "two"
    expect:
      status: 0
      stdout: "first read one\\nfound first\\nsecond read two\\nstatus 3\\n"
  - name: term
    label: "SIGTERM"
    command: "python main.py"
    source: |
      import signal, sys, time
      def on_term(signum, frame):
          print("stopping")
          sys.exit(143)
      signal.signal(signal.SIGTERM, on_term)
      print("ready", flush=True)
      time.sleep(20)
    script:
      - signal: SIGTERM
        afterOutput: "ready"
      - signal: SIGKILL
        afterMs: 5000
    expect:
      status: 143
      stdout: "ready\\nstopping\\n"
`;

const WRONG = `
  - name: exits
    label: "Exits"
    command: "python main.py"
    source: |
      import sys
      print("bye")
      print("oops", file=sys.stderr)
      sys.exit(4)
    expect:
      status: 5
      stdout: "bye\\n"
      stderrLast: "oops!"
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'exitlab-check-'));
  spawnSync('node', [join(ROOT, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
  mixed = lessonsDir('mixed', { '01-good.md': lessonFile(1, 'good', PASSING), '02-wrong.md': lessonFile(2, 'wrong', WRONG) });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lessonsDir(name: string, files: Record<string, string>): string {
  const d = join(dir, name);
  mkdirSync(d);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(d, file), text);
  return name;
}

describe('exitlab check', () => {
  it('passes lessons whose programs match, following their scripts (typeahead, files, signals)', async () => {
    const got = await check(mixed, '--only', 'good');
    expect(got.stderr).toBe('');
    expect(got.stdout).toMatch(/^ok {2}good\/two-runs$/m);
    expect(got.stdout).toMatch(/^ok {2}good\/term$/m);
    expect(got.stdout).not.toMatch(/wrong/);
    expect(got.stdout.trimEnd().split('\n').pop()).toBe('exitlab check: 2 passed, 0 failed');
    expect(got.status).toBe(0);
  });

  it('names each mismatch (lesson, program, field, expected, got) and exits 1', async () => {
    const got = await check(mixed, '--only', 'wrong', '--timeout-ms', '20000');
    expect(got.stdout).toMatch(/^FAIL wrong\/exits: status: expected 5 got 4; stderrLast: expected "oops!" got "oops"$/m);
    expect(got.stdout.trimEnd().split('\n').pop()).toBe('exitlab check: 0 passed, 1 failed');
    expect(got.status).toBe(1);
  });

  it('exits 2 naming the file and the field of an invalid lesson', async () => {
    const bad = lessonFile(1, 'bad', WRONG.replace('status: 5', 'status: "five"'));
    const d = lessonsDir('invalid', { '01-bad.md': bad });
    const got = await check(d);
    expect(got.status).toBe(2);
    expect(got.stderr).toContain('invalid/01-bad.md');
    expect(got.stderr).toContain('programs[0].expect.status');
    expect(got.stdout).toBe('');
  });

  it('exits 2 on bad arguments', async () => {
    const got = await check('--timeout-ms', 'soon');
    expect(got.status).toBe(2);
    expect(got.stderr).toMatch(/--timeout-ms/);
  });
});

// ---------------------------------------------------------------------------
// Node lessons (`runtime: node`): run with the local node, real signals, a temporary directory.

const NODE_LESSON = `---
id: node-demo
title: "Node demo"
order: 1
runtime: node
summary: "A test lesson for node."
programs:
  - name: files-and-argv
    label: "Files and argv"
    command: "node main.js first; echo \\"status $?\\"; node main.js second | cat"
    source: |
      const fs = require('node:fs');
      if (fs.existsSync('seen.txt')) console.log('found', fs.readFileSync('seen.txt', 'utf8'));
      fs.writeFileSync('seen.txt', process.argv[2]);
      console.log(process.argv[2], require('node:path').basename(process.argv[1]));
      process.exitCode = 3;
    expect:
      status: 0
      stdout: "first main.js\\nstatus 3\\nfound first\\nsecond main.js\\n"
  - name: term
    label: "SIGTERM"
    command: "node main.js; echo $?"
    source: |
      let n = 0;
      setInterval(() => console.log(\`tick \${++n}\`), 300);
    script:
      - signal: SIGTERM
        afterOutput: "tick 2"
    expect:
      status: 0
      signal: SIGTERM
      stdout: "tick 1\\ntick 2\\n143\\n"
  - name: stdin
    label: "stdin"
    command: "node main.js"
    source: |
      let text = '';
      process.stdin.on('data', (d) => (text += d));
      process.stdin.on('end', () => console.log(\`read \${JSON.stringify(text)}\`));
    script:
      - input: "one"
      - input: null
    expect:
      status: 0
      stdout: "read \\"one\\\\n\\"\\n"
  - name: wrong
    label: "Wrong"
    command: "node main.js"
    source: |
      console.log('bye');
      process.exit(4);
    expect:
      status: 5
      stdout: "bye\\n"
---
Prose.
`;

describe('exitlab check: node lessons', () => {
  it('runs them with the local node: argv, files between runs, | cat, echo $?, signals, stdin', async () => {
    const d = lessonsDir('node', { '01-node-demo.md': NODE_LESSON });
    const got = await check(d);
    expect(got.stderr).toBe('');
    expect(got.stdout).toMatch(/^ok {2}node-demo\/files-and-argv$/m);
    expect(got.stdout).toMatch(/^ok {2}node-demo\/term$/m);
    expect(got.stdout).toMatch(/^ok {2}node-demo\/stdin$/m);
    expect(got.stdout).toMatch(/^FAIL node-demo\/wrong: status: expected 5 got 4$/m);
    expect(got.stdout).not.toMatch(/^skip/m);
    // Only node lessons: no Python interpreter is booted.
    expect(got.stdout).not.toMatch(/Pyodide/);
    expect(got.stdout).toContain(`Node.js ${process.version} for node lessons`);
    expect(got.stdout.trimEnd().split('\n').pop()).toBe('exitlab check: 3 passed, 1 failed');
    expect(got.status).toBe(1);
  });
});
