/** Lesson links (the link format): every lesson program fits a link, and a typical one stays under 2,000 characters. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readLessons } from '../../lessons/vite-plugin';
import { makeCodeLink, parseLocationHash } from '../../links';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BASE = 'https://exitlab.example.org/';

describe('lesson links', () => {
  const links = readLessons(`${ROOT}/lessons`, ROOT).flatMap(({ lesson }) =>
    lesson.programs.map((p) => ({
      lesson: lesson.id,
      program: p.name,
      source: p.source,
      // A typical edit: one line added.
      link: makeCodeLink(BASE, `${p.source}print("my change")\n`, { lessonId: lesson.id, program: p.name }),
    })),
  );

  it('reads back as the lesson, the program and the edited source', () => {
    for (const l of links) {
      const t = parseLocationHash(l.link.slice(l.link.indexOf('#')));
      expect(t).toEqual({ kind: 'code', source: `${l.source}print("my change")\n`, lessonId: l.lesson, program: l.program, version: 1 });
    }
  });

  it('a typical lesson link stays under 2,000 characters', () => {
    const lengths = links.map((l) => l.link.length).sort((a, b) => a - b);
    const median = lengths[Math.floor(lengths.length / 2)] ?? 0;
    expect(median).toBeLessThan(2000);
    // In fact every lesson program's link does, today.
    expect(lengths[lengths.length - 1]).toBeLessThan(2000);
  });
});
