/**
 * Reading lesson files: split the frontmatter, parse it with `yaml`, validate it.
 *
 * `parseLessonFile` uses no Node APIs (the browser build imports it, e.g. through Vite's
 * `import.meta.glob('/lessons/*.md', { query: '?raw' })`). `loadLessonsFromDir` reads a directory
 * with `node:fs` through a dynamic import, so importing this module in a browser is safe.
 */
import { parseDocument, isScalar, Scalar } from 'yaml';
import { LessonError, validateLesson, type Lesson } from './schema';

export interface LessonFile {
  /** The file name as given (e.g. `lessons/02-sys-exit-codes.md`). */
  file: string;
  lesson: Lesson;
  /** The Markdown prose after the frontmatter. */
  body: string;
}

/** `lessons/NN-<id>.md`: the two digits are the order, the rest the id. */
export const LESSON_FILE_PATTERN = /^(\d{2})-([a-z0-9-]+)\.md$/;

const FRONTMATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits a lesson file into frontmatter text and Markdown body. */
export function splitFrontmatter(text: string, file: string): { frontmatter: string; body: string } {
  const m = FRONTMATTER.exec(text);
  if (!m) throw new LessonError(file, '', 'expected YAML frontmatter between a first line "---" and a closing "---"');
  return { frontmatter: m[1] ?? '', body: text.slice(m[0].length) };
}

/** Parses and validates one lesson file's text. Throws `LessonError`. */
export function parseLessonFile(text: string, file: string): LessonFile {
  const { frontmatter, body } = splitFrontmatter(text, file);
  const doc = parseDocument(frontmatter, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const where = first.linePos?.[0];
    // Frontmatter starts on the file's second line.
    const at = where ? `line ${where.line + 1}, column ${where.col}: ` : '';
    const message = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new LessonError(file, '', `invalid YAML: ${at}${message}`);
  }
  const lesson = validateLesson(doc.toJS(), file);

  // Expected stdout is stored as a quoted string, so that it stays exact
  // (no folding, no chomping surprises, visible escapes).
  lesson.programs.forEach((_, i) => {
    const node = doc.getIn(['programs', i, 'expect', 'stdout'], true);
    if (isScalar(node) && node.type !== Scalar.QUOTE_DOUBLE && node.type !== Scalar.QUOTE_SINGLE) {
      throw new LessonError(file, `programs[${i}].expect.stdout`, 'must be a quoted string ("..."), so it stays exact');
    }
  });
  return { file, lesson, body };
}

/** Checks that `NN-<id>.md` agrees with the lesson's order and id. */
export function checkFileName(entry: LessonFile, baseName: string): void {
  const m = LESSON_FILE_PATTERN.exec(baseName);
  if (!m) throw new LessonError(entry.file, '', 'file name must look like NN-<id>.md');
  const { lesson } = entry;
  if (m[2] !== lesson.id) throw new LessonError(entry.file, 'id', `"${lesson.id}" differs from the file name's "${m[2]}"`);
  if (Number(m[1]) !== lesson.order) {
    throw new LessonError(entry.file, 'order', `${lesson.order} differs from the file name's ${m[1]}`);
  }
}

/**
 * Checks a set of lessons together: ids and orders unique. Returns them sorted by order.
 * Throws `LessonError` naming the later of two clashing files.
 */
export function checkLessonSet(entries: LessonFile[]): LessonFile[] {
  const byId = new Map<string, LessonFile>();
  const byOrder = new Map<number, LessonFile>();
  for (const entry of entries) {
    const { id, order } = entry.lesson;
    const sameId = byId.get(id);
    if (sameId) throw new LessonError(entry.file, 'id', `"${id}" is already used by ${sameId.file}`);
    const sameOrder = byOrder.get(order);
    if (sameOrder) throw new LessonError(entry.file, 'order', `${order} is already used by ${sameOrder.file}`);
    byId.set(id, entry);
    byOrder.set(order, entry);
  }
  return [...entries].sort((a, b) => a.lesson.order - b.lesson.order);
}

/** Node only: reads every `*.md` in `dir` (but `README.md`), validates each and the set, sorted by order. */
export async function loadLessonsFromDir(dir: string): Promise<LessonFile[]> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.md') && n !== 'README.md').sort();
  const entries: LessonFile[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const entry = parseLessonFile(await fs.readFile(file, 'utf8'), file);
    checkFileName(entry, name);
    entries.push(entry);
  }
  return checkLessonSet(entries);
}
