/**
 * The lessons the build checked (src/lessons/vite-plugin.ts): the small index is part of the
 * page; prose and programs load on first use, as their own chunk.
 */
import index from 'virtual:exitlab/lessons-index';
import type { LessonContent, LessonSummary } from '../../lessons/schema';

export type { LessonContent, LessonSummary };

/** Every lesson, in curriculum order. */
export const LESSONS: readonly LessonSummary[] = [...index].sort((a, b) => a.order - b.order);

export function lessonById(id: string): LessonSummary | undefined {
  return LESSONS.find((l) => l.id === id);
}

/** The lesson before and after `id` in curriculum order. */
export function neighbours(id: string): { prev: LessonSummary | null; next: LessonSummary | null } {
  const at = LESSONS.findIndex((l) => l.id === id);
  if (at < 0) return { prev: null, next: null };
  return { prev: LESSONS[at - 1] ?? null, next: LESSONS[at + 1] ?? null };
}

let content: Promise<Map<string, LessonContent>> | null = null;

/** Prose and programs of every lesson (one lazy chunk, fetched once). */
export function loadContent(): Promise<Map<string, LessonContent>> {
  content ??= import('virtual:exitlab/lessons-content').then(
    (m) => new Map(m.default.map((l) => [l.id, l] as const)),
    (err: unknown) => {
      content = null;
      throw err;
    },
  );
  return content;
}

/** Matches a lesson against a search: every word must appear in its title, summary, topics or id. */
export function matchesQuery(lesson: LessonSummary, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [lesson.title, lesson.summary, lesson.id, lesson.runtime, ...lesson.topics].join(' ').toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** Topics of `lesson` that match the query (shown under a search hit). */
export function matchingTopics(lesson: LessonSummary, query: string): string[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return lesson.topics.filter((t) => words.some((w) => t.toLowerCase().includes(w)));
}
