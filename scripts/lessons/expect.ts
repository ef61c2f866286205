/**
 * `npm run lessons:expect -- [FILE|ID ...] [--all] [--dry-run] [-j N]`: writes lesson programs'
 * `expect` from native runs, so that adding a lesson is writing its prose and programs.
 *
 * Which programs: those without an `expect` (or with an empty one) in the lessons named (files,
 * or ids of files in `lessons/`; every lesson when none is named); with `--all`, every program of
 * them, and only the fields that no longer hold are rewritten.
 *
 * Where each field comes from:
 * - `status`, `signal`, `stdout`, `stderrLast` and `verifiedWith` from native `python3 -E` (or
 *   the machine's `node` for a Node lesson), run by `native_check.py` exactly as CI checks them;
 * - `timeline` from `exitlab check`: CPython prints no timeline, so the engine's own record is
 *   taken, and only when the engine agrees with native on status, signal, stdout and the last
 *   stderr line. When the last stderr lines differ only by the engine's CPython adding words
 *   (`Did you forget to import 'sys'?`), the engine's longer line is written: it passes both
 *   checks (native's line must begin it, the engine's must begin with it).
 * When the engine disagrees, the native fields are written without a timeline, the difference
 * is printed and the exit status is 1: the lesson shows something the engine gets wrong.
 *
 * Exit status 0 when every program was filled in or already held, 1 when a program could not
 * be run natively or the engine disagrees, 2 on bad arguments or an invalid lesson file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import { maskErrno } from '../../src/lessons/compare';
import { YAML_OUT, fillEmptyExpects, writeExpect } from '../../src/lessons/expect-yaml';
import type { CheckOutcome } from '../../src/hosts/node/check';
import type { Expectation } from '../../src/lessons/schema';
import { splitFrontmatter, parseLessonFile } from '../../src/lessons/load';
import { LessonError } from '../../src/lessons/schema';

const ROOT = resolve(import.meta.dirname, '../..');
const LESSONS = join(ROOT, 'lessons');

/** What `native_check.py --outcomes` writes for each program; the engine's side is `exitlab check --json`'s. */
interface Native {
  name: string;
  status: number | null;
  signal: string | null;
  stdout: string;
  stderrLast: string | null;
  verifiedWith: string | null;
  problems: string[];
}

interface Target {
  file: string;
  text: string;
  doc: Document;
  /** Program indexes to fill, with the program's name. */
  programs: { index: number; name: string }[];
  id: string;
}

function usage(message: string): never {
  process.stderr.write(`lessons:expect: ${message}\nusage: npm run lessons:expect -- [FILE|ID ...] [--all] [--dry-run] [-j N]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { names: string[]; all: boolean; dryRun: boolean; jobs: number } {
  const out = { names: [] as string[], all: false, dryRun: false, jobs: 2 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--all') out.all = true;
    else if (a === '--dry-run') out.dryRun = true;
    else if (a === '-j' || a === '--jobs') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n <= 0) usage(`${a} takes a positive whole number`);
      out.jobs = n;
    } else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else out.names.push(a);
  }
  return out;
}

function lessonFiles(names: string[]): string[] {
  const all = readdirSync(LESSONS).filter((n) => n.endsWith('.md') && n !== 'README.md').sort();
  if (names.length === 0) return all.map((n) => join(LESSONS, n));
  return names.map((name) => {
    if (existsSync(name)) return resolve(name);
    const match = all.find((n) => n.replace(/^\d\d-/, '').replace(/\.md$/, '') === name);
    if (!match) usage(`no lesson file or id ${name}`);
    return join(LESSONS, match);
  });
}

/** Reads a lesson and picks its programs to fill; the placeholder copy is what the checkers run. */
function target(file: string, all: boolean): { target: Target; placeholder: string } | null {
  const text = readFileSync(file, 'utf8');
  let frontmatter: string;
  let body: string;
  try {
    ({ frontmatter, body } = splitFrontmatter(text, file));
  } catch (err) {
    if (err instanceof LessonError) usage(err.message);
    throw err;
  }
  const doc = parseDocument(frontmatter, { uniqueKeys: true });
  if (doc.errors[0]) usage(`${file}: invalid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const programs = doc.get('programs', true);
  if (!isSeq(programs)) usage(`${file}: programs: expected a list`);
  const copy = doc.clone();
  const empty = new Set(fillEmptyExpects(copy).map((p) => p.index));
  const picked: Target['programs'] = [];
  programs.items.forEach((p, index) => {
    if (isMap(p) && (all || empty.has(index))) picked.push({ index, name: String(p.get('name') ?? `#${index + 1}`) });
  });
  if (picked.length === 0) return null;
  const placeholder = `---\n${copy.toString(YAML_OUT)}---\n${body}`;
  try {
    parseLessonFile(placeholder, file); // every other field must already be valid
  } catch (err) {
    if (err instanceof LessonError) usage(err.message);
    throw err;
  }
  const id = String(doc.get('id'));
  return { target: { file, text, doc, programs: picked, id }, placeholder };
}

function run(cmd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PYTHON')) env[k] = v;
  const r = spawnSync(cmd, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The expectation native gives, with the engine's timeline when the engine agrees. */
function expectationFor(native: Native, engine: CheckOutcome | undefined): { expect: Expectation; differences: string[] } {
  const expect: Expectation = { status: native.status!, stdout: native.stdout };
  if (native.signal) expect.signal = native.signal as Expectation['signal'];
  if (native.stderrLast !== null) expect.stderrLast = native.stderrLast;
  if (native.verifiedWith) expect.verifiedWith = native.verifiedWith;
  const differences: string[] = [];
  if (!engine || engine.error) {
    differences.push(`the engine could not run it: ${engine?.error ?? 'no result'}`);
    return { expect, differences };
  }
  if (engine.status !== native.status) differences.push(`status: native ${native.status}, engine ${engine.status}`);
  if (engine.signal !== native.signal) differences.push(`signal: native ${native.signal}, engine ${engine.signal}`);
  if (engine.stdout !== native.stdout) differences.push(`stdout: native ${JSON.stringify(native.stdout)}, engine ${JSON.stringify(engine.stdout)}`);
  if (native.stderrLast !== null) {
    const ours = engine.stderrLast === null ? null : maskErrno(engine.stderrLast);
    if (ours === null || !ours.startsWith(maskErrno(native.stderrLast))) {
      differences.push(`last stderr line: native ${JSON.stringify(native.stderrLast)}, engine ${JSON.stringify(engine.stderrLast)}`);
    } else {
      expect.stderrLast = engine.stderrLast!;
    }
  }
  if (differences.length === 0 && engine.timeline !== null) expect.timeline = engine.timeline;
  return { expect, differences };
}

function main(): number {
  const opts = parseArgs(process.argv.slice(2));
  const found = lessonFiles(opts.names).map((f) => target(f, opts.all)).filter((t) => t !== null);
  if (found.length === 0) {
    process.stdout.write('lessons:expect: every program already has an expectation (use --all to check them again)\n');
    return 0;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'exitlab-expect-'));
  try {
    for (const { target: t, placeholder } of found) writeFileSync(join(tmp, basename(t.file)), placeholder);
    const nativeJson = join(tmp, 'native.json');
    const engineJson = join(tmp, 'engine.json');
    process.stdout.write(`running ${found.reduce((n, f) => n + f.target.programs.length, 0)} program(s) with native python3 / node, then the engine...\n`);
    const n = run('python3', [join(ROOT, 'scripts/lessons/native_check.py'), tmp, '-j', String(opts.jobs), '--outcomes', nativeJson]);
    if (n.status === 2 || !existsSync(nativeJson)) {
      process.stderr.write(n.stdout + n.stderr);
      return 2;
    }
    const e = run('node', [join(ROOT, 'bin/exitlab.mjs'), 'check', tmp, '--jobs', String(opts.jobs), '--json', engineJson]);
    if (e.status === 2 || !existsSync(engineJson)) {
      process.stderr.write(e.stdout + e.stderr);
      return 2;
    }
    const natives = new Map((JSON.parse(readFileSync(nativeJson, 'utf8')) as Native[]).map((o) => [o.name, o]));
    const engines = new Map((JSON.parse(readFileSync(engineJson, 'utf8')) as CheckOutcome[]).map((o) => [o.name, o]));

    let problems = 0;
    for (const { target: t } of found) {
      let touched = false;
      for (const p of t.programs) {
        const name = `${t.id}/${p.name}`;
        const native = natives.get(name);
        if (!native || native.status === null || native.problems.length > 0) {
          problems++;
          process.stdout.write(`FAIL ${name}: native run failed: ${native?.problems.join('; ') ?? 'no result'}\n`);
          continue;
        }
        const { expect, differences } = expectationFor(native, engines.get(name));
        const changed = writeExpect(t.doc, p.index, expect);
        if (changed.length > 0) touched = true;
        const what = changed.length ? `wrote ${changed.join(', ')}` : 'unchanged';
        if (differences.length > 0) {
          problems++;
          process.stdout.write(`FAIL ${name}: ${what}; the engine differs from native, so no timeline:\n`);
          for (const d of differences) process.stdout.write(`     ${d}\n`);
        } else {
          process.stdout.write(`ok   ${name}: ${what} (status ${expect.status}${expect.signal ? `, ${expect.signal}` : ''}, ${expect.timeline?.length ?? 0} timeline step(s))\n`);
        }
      }
      if (touched && !opts.dryRun) {
        const { body } = splitFrontmatter(t.text, t.file);
        writeFileSync(t.file, `---\n${t.doc.toString(YAML_OUT)}---\n${body}`);
      }
    }
    process.stdout.write(`lessons:expect: ${problems === 0 ? 'done' : `${problems} program(s) need a look`}${opts.dryRun ? ' (dry run: nothing written)' : ''}\n`);
    return problems === 0 ? 0 : 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

process.exit(main());
