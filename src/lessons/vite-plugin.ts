/**
 * Lessons in the browser build: a Vite plugin that reads `lessons/*.md` at build time, checks
 * every file with the lesson schema (`parseLessonFile`, file names, ids and orders unique) and
 * serves two virtual modules:
 *
 *   virtual:exitlab/lessons-index    small: id, title, order, runtime, summary, topics and the
 *                                    programs' names and labels (the sidebar, search, routing)
 *   virtual:exitlab/lessons-content  everything else: prose and programs (imported lazily, so
 *                                    it becomes its own chunk)
 *
 * A lesson with a bad field fails `vite build` (and the dev server's page) with the file and
 * the field named, e.g. `lessons/02-sys-exit-codes.md: programs[1].expect.status: expected an
 * integer 0..255, got the string "x"`. YAML is parsed here, at build time: the browser never
 * loads the YAML parser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Plugin } from 'vite';
import { checkFileName, checkLessonSet, parseLessonFile, type LessonFile } from './load';
import type { LessonContent, LessonSummary } from './schema';

export const LESSONS_INDEX_ID = 'virtual:exitlab/lessons-index';
export const LESSONS_CONTENT_ID = 'virtual:exitlab/lessons-content';

/**
 * Reads and checks every lesson in `dir` (all `*.md` but `README.md`); `root` makes the file
 * names in errors relative (`lessons/02-....md`). Throws `LessonError` on the first problem.
 */
export function readLessons(dir: string, root = process.cwd()): LessonFile[] {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.md') && n !== 'README.md')
    .sort();
  const entries = names.map((name) => {
    const path = join(dir, name);
    const shown = relative(root, path) || path;
    const entry = parseLessonFile(readFileSync(path, 'utf8'), shown);
    checkFileName(entry, basename(name));
    return entry;
  });
  return checkLessonSet(entries);
}

export function indexModule(entries: LessonFile[]): string {
  const index: LessonSummary[] = entries.map(({ lesson }) => ({
    id: lesson.id,
    title: lesson.title,
    order: lesson.order,
    runtime: lesson.runtime,
    summary: lesson.summary,
    topics: lesson.topics,
    programs: lesson.programs.map((p) => ({ name: p.name, label: p.label })),
  }));
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(index))});\n`;
}

export function contentModule(entries: LessonFile[]): string {
  const content: LessonContent[] = entries.map(({ lesson, body }) => ({ ...lesson, body }));
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(content))});\n`;
}

const RESOLVED_PREFIX = '\0';

export function lessonsPlugin(opts: { dir?: string; root?: string } = {}): Plugin {
  let root = opts.root ?? process.cwd();
  let dir = opts.dir ?? join(root, 'lessons');
  return {
    name: 'exitlab:lessons',
    configResolved(config) {
      if (!opts.root) root = config.root;
      if (!opts.dir) dir = join(root, 'lessons');
    },
    resolveId(id) {
      if (id === LESSONS_INDEX_ID || id === LESSONS_CONTENT_ID) return RESOLVED_PREFIX + id;
      return null;
    },
    load(id) {
      if (id !== RESOLVED_PREFIX + LESSONS_INDEX_ID && id !== RESOLVED_PREFIX + LESSONS_CONTENT_ID) return null;
      // Throws LessonError, which names the file and the field: Vite reports it and the build fails.
      const entries = readLessons(dir, root);
      for (const name of readdirSync(dir)) {
        if (name.endsWith('.md')) this.addWatchFile(join(dir, name));
      }
      return id === RESOLVED_PREFIX + LESSONS_INDEX_ID ? indexModule(entries) : contentModule(entries);
    },
    handleHotUpdate(ctx) {
      // A lesson file changed in dev: reload the page with fresh lessons.
      if (ctx.file.startsWith(dir) && ctx.file.endsWith('.md')) {
        for (const id of [LESSONS_INDEX_ID, LESSONS_CONTENT_ID]) {
          const mod = ctx.server.moduleGraph.getModuleById(RESOLVED_PREFIX + id);
          if (mod) ctx.server.moduleGraph.invalidateModule(mod);
        }
        ctx.server.ws.send({ type: 'full-reload' });
        return [];
      }
      return undefined;
    },
  };
}
