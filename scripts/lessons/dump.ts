/**
 * Prints every lesson of a directory (default `lessons`) as JSON, validated by the same
 * loader the app uses: `[{file, lesson, body}, ...]` sorted by order.
 * Exit status 2 (and the LessonError on stderr) when a lesson file is invalid.
 * Used by `scripts/lessons/native_check.py`, which has no YAML parser of its own.
 */
import { loadLessonsFromDir } from '../../src/lessons/load';
import { LessonError } from '../../src/lessons/schema';

const dir = process.argv[2] ?? 'lessons';
try {
  const lessons = await loadLessonsFromDir(dir);
  process.stdout.write(JSON.stringify(lessons) + '\n');
} catch (err) {
  if (err instanceof LessonError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  throw err;
}
