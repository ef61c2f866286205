import { describe, expect, it } from 'vitest';
import { createFakeEngine } from '../engine/testing/fake-engine';
import { NEW_LESSON_BODY, NEW_LESSON_FRONTMATTER, checkDraft, draftOf, exportFileName, lessonFileText, lessonFromText, readDraft } from './author';

describe('a lesson written in the browser', () => {
  it('reads the new-lesson template as a lesson whose programs are not checked yet', () => {
    const r = readDraft(NEW_LESSON_FRONTMATTER, NEW_LESSON_BODY);
    expect(r.problems).toEqual([]);
    expect(r.unchecked).toEqual(['exit', 'os-exit']);
    expect(r.lesson?.programs.map((p) => p.label)).toEqual(['sys.exit()', 'os._exit()']);
  });

  it('names each problem with its field, YAML errors included', () => {
    expect(readDraft(NEW_LESSON_FRONTMATTER.replace('order: 90', 'order: zero'), '').problems[0]).toMatchObject({ path: 'order' });
    expect(readDraft('id: [unclosed', '').problems[0]?.path).toMatch(/^line \d+$/);
  });

  it('Check fills each expectation from the engine; the file reads back as a valid lesson', async () => {
    const engine = createFakeEngine((p) => {
      const skip = p.request.source.includes('os._exit');
      p.stdout(skip ? 'working\n' : 'working\nfinally: cleaned up\n');
      if (!skip) p.timeline({ kind: 'raise', exception: 'SystemExit', value: '2', line: 5 });
      if (!skip) p.timeline({ kind: 'finally', line: 7 });
      p.stderr('a warning\n');
      p.exit({ status: 2, cause: skip ? 'os._exit' : 'sys.exit' });
    });
    const { frontmatter, report } = await checkDraft(engine, NEW_LESSON_FRONTMATTER, NEW_LESSON_BODY, { timeoutMs: 5000 });
    expect(report).toEqual(['exit: status 2, 2 timeline step(s)', 'os-exit: status 2, 0 timeline step(s)']);
    const r = readDraft(frontmatter, NEW_LESSON_BODY);
    expect(r.unchecked).toEqual([]);
    expect(r.lesson?.programs[0]?.expect).toEqual({
      status: 2,
      stdout: 'working\nfinally: cleaned up\n',
      stderrLast: 'a warning',
      timeline: ['raise SystemExit', 'finally'],
    });
    const text = lessonFileText(frontmatter, NEW_LESSON_BODY);
    const back = lessonFromText(text, 'x.md');
    expect('lesson' in back && back.lesson.body).toBe(NEW_LESSON_BODY);
    expect(draftOf(text)).toEqual({ frontmatter: `${frontmatter.trimEnd()}\n`, body: NEW_LESSON_BODY });
    expect(exportFileName({ id: 'my-lesson', order: 7 })).toBe('07-my-lesson.md');
  });
});
