/**
 * `npm run lessons:expect` on a new lesson: it writes the expectations native python3 gives
 * (and the engine's timeline), `exitlab check` and the native check then pass, the program
 * whose expectation was there already is left as it was, and a second run changes nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseLessonFile } from '../../src/lessons/load';

const ROOT = resolve(__dirname, '../..');
let dir: string;
let file: string;

const KEPT = `  - name: kept
    label: "Already expected"
    command: "python main.py"
    source: |
      print("hi")
    expect:
      status: 0
      stdout: "hi\\n" # written by hand
`;

const LESSON = `---
id: fresh
title: "A new lesson"
order: 1
runtime: python
summary: "Written without expectations."
topics: [atexit]
programs:
  - name: cleanup
    label: "atexit and a status"
    command: "python main.py"
    source: |
      import atexit, sys
      # The order depends on data: handlers registered in a loop over sorted names.
      for name in sorted(["b", "c", "a"]):
          atexit.register(print, "closing", name)
      print("working")
      sys.exit(len("abc"))
  - name: killed
    label: "SIGTERM"
    command: "python main.py"
    source: |
      import time
      try:
          print("ready", flush=True)
          time.sleep(10)
      finally:
          print("never printed")
    script:
      - signal: SIGTERM
        afterOutput: "ready"
  - name: missing-import
    label: "NameError"
    command: "python main.py"
    source: |
      sys.exit(2)
${KEPT}---
The prose.
`;

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PYTHON')) env[k] = v;
  return env;
}

function expectScript(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/lessons/expect.ts'), ...args], {
    cwd: ROOT,
    env: cleanEnv(),
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'exitlab-expect-test-'));
  file = join(dir, '01-fresh.md');
  writeFileSync(file, LESSON);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('fills every missing expectation from native python3, and then the checks pass', () => {
  const first = expectScript(file);
  expect(first.stderr).toBe('');
  expect(first.stdout).toContain('ok   fresh/cleanup: wrote');
  expect(first.status).toBe(0);

  const text = readFileSync(file, 'utf8');
  const { lesson } = parseLessonFile(text, file);
  const [cleanup, killed, missing] = lesson.programs;
  expect(cleanup!.expect).toMatchObject({
    status: 3,
    stdout: 'working\nclosing c\nclosing b\nclosing a\n',
    timeline: ['raise SystemExit', 'atexit print', 'atexit print', 'atexit print'],
  });
  expect(cleanup!.expect.verifiedWith).toMatch(/^3\.\d+\.\d+/);
  expect(killed!.expect).toMatchObject({ status: 143, signal: 'SIGTERM', stdout: 'ready\n' });
  expect(killed!.expect.timeline).toEqual(['signal SIGTERM', 'skipped finally']);
  // Native 3.11 says less than the engine's CPython; the longer line passes both checks.
  expect(missing!.expect.stderrLast).toMatch(/^NameError: name 'sys' is not defined/);
  // The hand-written expectation, comment included, is untouched.
  expect(text).toContain(KEPT);

  const check = spawnSync('node', [join(ROOT, 'bin/exitlab.mjs'), 'check', dir], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8' });
  expect(check.stdout).toContain('exitlab check: 4 passed, 0 failed');
  const native = spawnSync('python3', [join(ROOT, 'scripts/lessons/native_check.py'), dir], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8' });
  expect(native.stdout).toContain('lessons-native: 4 passed, 0 failed');

  const again = expectScript(file);
  expect(again.stdout).toContain('every program already has an expectation');
  // Checking everything again records which python3 verified the hand-written one, and no more.
  const all = expectScript(file, '--all');
  expect(all.stdout.match(/wrote.*/g)).toEqual(['wrote verifiedWith (status 0, 0 timeline step(s))']);
  const settled = readFileSync(file, 'utf8');
  expect(expectScript(file, '--all').stdout).not.toContain('wrote');
  expect(readFileSync(file, 'utf8')).toBe(settled);
});

it('refuses an invalid lesson with the file and field named, and writes nothing', () => {
  const bad = join(dir, '02-bad.md');
  const text = LESSON.replace('id: fresh', 'id: bad').replace('order: 1', 'order: 2').replace('runtime: python', 'runtime: ruby');
  writeFileSync(bad, text);
  const r = expectScript(bad);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/02-bad\.md: runtime: /);
  expect(readFileSync(bad, 'utf8')).toBe(text);
});
