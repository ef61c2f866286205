/** The build check: a lesson with a bad field fails `vite build`, naming the file and the field. */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LESSONS_CONTENT_ID, LESSONS_INDEX_ID, lessonsPlugin, readLessons } from './vite-plugin';

const LESSONS_DIR = fileURLToPath(new URL('../../lessons', import.meta.url));
const GOOD = readFileSync(join(LESSONS_DIR, '02-sys-exit-codes.md'), 'utf8');
const temps: string[] = [];

function tempRoot(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'exitlab-lessons-'));
  temps.push(root);
  mkdirSync(join(root, 'lessons'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'lessons', name), text);
  return root;
}

afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** Calls the plugin's hooks the way Vite does. */
function loadVirtual(root: string, id: string): string {
  const plugin = lessonsPlugin({ root });
  const resolveId = plugin.resolveId as (id: string) => string | null;
  const load = plugin.load as (this: { addWatchFile(f: string): void }, id: string) => string | null;
  const resolved = resolveId(id);
  if (!resolved) throw new Error('not resolved');
  const out = load.call({ addWatchFile() {} }, resolved);
  if (out === null) throw new Error('not loaded');
  return out;
}

describe('lessons vite plugin', () => {
  it('serves the real lessons: a small index and the full content', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const index = loadVirtual(root, LESSONS_INDEX_ID);
    const content = loadVirtual(root, LESSONS_CONTENT_ID);
    const parse = (m: string): unknown[] => JSON.parse(JSON.parse(m.slice('export default JSON.parse('.length, m.lastIndexOf(')'))));
    const lessons = parse(index) as { id: string; order: number; programs: { name: string }[] }[];
    expect(lessons.length).toBe(readLessons(LESSONS_DIR, root).length);
    expect(lessons.length).toBeGreaterThanOrEqual(16);
    expect(lessons.map((l) => l.order)).toEqual([...lessons.map((l) => l.order)].sort((a, b) => a - b));
    expect(JSON.stringify(lessons)).not.toContain('"source"');
    const full = parse(content) as { id: string; body: string; programs: { source: string }[] }[];
    expect(full.every((l) => l.body.length > 0 && l.programs.every((p) => p.source.length > 0))).toBe(true);
    // The index stays small: the prose and programs are in the lazily loaded module.
    expect(index.length * 8).toBeLessThan(content.length);
  });

  it('a bad field fails with the file and the field named', () => {
    const bad = GOOD.replace(/status: 0\b/, 'status: "zero"');
    expect(bad).not.toBe(GOOD);
    const root = tempRoot({ '02-sys-exit-codes.md': bad });
    expect(() => loadVirtual(root, LESSONS_INDEX_ID)).toThrow(
      /^lessons\/02-sys-exit-codes\.md: programs\[\d+\]\.expect\.status: expected an integer 0\.\.255, got the string "zero"$/,
    );
  });

  it('a file name that disagrees with the id fails', () => {
    const root = tempRoot({ '02-other-name.md': GOOD });
    expect(() => loadVirtual(root, LESSONS_CONTENT_ID)).toThrow(/lessons\/02-other-name\.md: id: /);
  });

  it('`vite build` itself fails on a bad lesson, naming file and field', async () => {
    const { build } = await import('vite');
    const bad = GOOD.replace(/^runtime: python$/m, 'runtime: ruby');
    expect(bad).not.toBe(GOOD);
    const root = tempRoot({ '02-sys-exit-codes.md': bad });
    writeFileSync(join(root, 'index.html'), '<!doctype html><script type="module" src="/main.js"></script>');
    writeFileSync(join(root, 'main.js'), `import index from '${LESSONS_INDEX_ID}';\nconsole.log(index.length);\n`);
    const run = build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [lessonsPlugin()],
      build: { outDir: join(root, 'dist'), write: false },
    });
    await expect(run).rejects.toThrow(/lessons\/02-sys-exit-codes\.md: runtime: expected one of python, node, got the string "ruby"/);

    // And the same build passes with the good file.
    writeFileSync(join(root, 'lessons', '02-sys-exit-codes.md'), GOOD);
    await expect(
      build({ root, configFile: false, logLevel: 'silent', plugins: [lessonsPlugin()], build: { outDir: join(root, 'dist'), write: false } }),
    ).resolves.toBeTruthy();
  });
});
