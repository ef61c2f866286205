import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lessonJsonSchema, lessonProblems, validateLesson, LessonError, SCRIPT_SIGNALS } from './schema';
import { parseLessonFile, loadLessonsFromDir, checkLessonSet, checkFileName, type LessonFile } from './load';

const LESSONS_DIR = fileURLToPath(new URL('../../lessons', import.meta.url));
const FILE = 'lessons/02-sys-exit-codes.md';

/** A minimal valid frontmatter object; tests break one field at a time. */
function base(): Record<string, any> {
  return {
    id: 'sys-exit-codes',
    title: 'sys.exit() and status codes',
    order: 2,
    runtime: 'python',
    summary: 'One line.',
    topics: ['sys.exit'],
    programs: [
      {
        name: 'main',
        label: 'The program',
        command: 'python main.py',
        source: 'import sys\nsys.exit(3)\n',
        script: [{ input: 'add 3' }, { input: null }, { signal: 'SIGTERM', afterOutput: 'ready' }],
        expect: { status: 3, stdout: '' },
      },
      {
        name: 'second',
        label: 'Second',
        command: 'python main.py | cat',
        source: 'print(1)\n',
        expect: { status: 0, stdout: '1\n', stderrLast: 'x', signal: 'SIGKILL', timeline: ['signal SIGKILL', 'skipped unknown'] },
      },
    ],
  };
}

function errorOf(fm: unknown, file = FILE): LessonError {
  try {
    validateLesson(fm, file);
  } catch (e) {
    if (e instanceof LessonError) return e;
    throw e;
  }
  throw new Error('expected a LessonError');
}

/** Lesson file text around a frontmatter snippet. */
function fileText(frontmatter: string, body = 'Prose.\n'): string {
  return `---\n${frontmatter}\n---\n${body}`;
}

const MINIMAL_YAML = (id: string, order: number, stdout = '"hi\\n"') =>
  [
    `id: ${id}`,
    `title: "Lesson ${id}"`,
    `order: ${order}`,
    'runtime: python',
    'summary: "A lesson."',
    'programs:',
    '  - name: main',
    '    label: "The program"',
    '    command: "python main.py"',
    '    source: |',
    '      print("hi")',
    '    expect:',
    '      status: 0',
    `      stdout: ${stdout}`,
  ].join('\n');

const lessons = await loadLessonsFromDir(LESSONS_DIR);

describe('the real lessons', () => {
  it('all validate, with unique ids and orders, sorted by order', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(17);
    const orders = lessons.map((l) => l.lesson.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(new Set(lessons.map((l) => l.lesson.id)).size).toBe(lessons.length);
    expect(orders).toEqual(lessons.map((_, i) => i + 1));
  });

  describe.each(lessons.map((l) => [l.lesson.id, l] as const))('%s', (_id, entry) => {
    const { lesson, body } = entry;

    it('is a python or node lesson with a one-line summary and topics', () => {
      expect(['python', 'node']).toContain(lesson.runtime);
      expect(lesson.summary).not.toMatch(/\n/);
      expect(lesson.topics.length).toBeGreaterThan(0);
    });

    it('has real programs with verified expectations', () => {
      for (const program of lesson.programs) {
        const lines = program.source.trimEnd().split('\n').length;
        expect(lines, `${program.name} length`).toBeGreaterThanOrEqual(8);
        expect(lines, `${program.name} length`).toBeLessThanOrEqual(45);
        if (lesson.runtime === 'node') {
          // Node lessons run main.js with the local node (exitlab check, native_check.py).
          expect(program.command).toMatch(/node main\.js/);
          expect(program.command).not.toMatch(/python/);
          expect(program.expect.verifiedWith, `${program.name}.expect.verifiedWith`).toMatch(/^node v\d+\.\d+\.\d+$/);
        } else {
          expect(program.command).toMatch(/python main\.py/);
          expect(program.expect.verifiedWith, `${program.name}.expect.verifiedWith`).toMatch(/^3\.\d+\.\d+$/);
        }
      }
    });

    it('ends with a "## Remember" section of 2 to 4 bullets', () => {
      const sections = body.split(/^## /m);
      const last = sections[sections.length - 1] ?? '';
      expect(last.startsWith('Remember\n')).toBe(true);
      const bullets = last.split('\n').filter((l) => l.startsWith('- '));
      expect(bullets.length).toBeGreaterThanOrEqual(2);
      expect(bullets.length).toBeLessThanOrEqual(4);
    });

    it('has no raw HTML in its prose', () => {
      const prose = body.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
      expect(prose).not.toMatch(/<[A-Za-z!/?]/);
    });
  });
});

describe('validateLesson', () => {
  it('accepts a valid lesson and fills in defaults', () => {
    const fm = base();
    delete fm.topics;
    const lesson = validateLesson(fm, FILE);
    expect(lesson.topics).toEqual([]);
    expect(lesson.programs[1]?.script).toEqual([]);
    expect(lesson.programs[1]?.expect.timeline).toEqual(['signal SIGKILL', 'skipped unknown']);
    expect(lesson.programs[0]?.script).toEqual([
      { input: 'add 3' },
      { input: null },
      { signal: 'SIGTERM', afterOutput: 'ready' },
    ]);
  });

  it('accepts every script signal', () => {
    for (const signal of SCRIPT_SIGNALS) {
      const fm = base();
      fm.programs[0].script = [{ signal, afterMs: 10 }];
      expect(() => validateLesson(fm, FILE)).not.toThrow();
    }
  });

  const cases: Array<[string, (fm: Record<string, any>) => void, string]> = [
    ['missing id', (fm) => delete fm.id, 'id: required field is missing'],
    ['bad id', (fm) => (fm.id = 'Sys_Exit'), 'id: must match ^[a-z0-9-]+$'],
    ['numeric title', (fm) => (fm.title = 3), 'title: expected a string'],
    ['order 0', (fm) => (fm.order = 0), 'order: expected a positive integer'],
    ['order 1.5', (fm) => (fm.order = 1.5), 'order: expected a positive integer'],
    ['unknown runtime', (fm) => (fm.runtime = 'ruby'), 'runtime: expected one of python, node'],
    ['two-line summary', (fm) => (fm.summary = 'one\ntwo'), 'summary: must be a single line'],
    ['empty summary', (fm) => (fm.summary = ' '), 'summary: must not be empty'],
    ['unknown top-level field', (fm) => (fm.tittle = 'x'), 'tittle: unknown field'],
    ['topics not a list', (fm) => (fm.topics = 'a, b'), 'topics: expected a list'],
    ['empty topic', (fm) => (fm.topics = ['ok', '']), 'topics[1]: expected a one-line string'],
    ['no programs', (fm) => (fm.programs = []), 'programs: a lesson needs at least one program'],
    ['program not a mapping', (fm) => (fm.programs[1] = 'main'), 'programs[1]: expected a mapping'],
    ['bad program name', (fm) => (fm.programs[1].name = 'Main'), 'programs[1].name: must match'],
    ['duplicate program name', (fm) => (fm.programs[1].name = 'main'), 'programs[1].name: duplicate program name "main"'],
    ['missing label', (fm) => delete fm.programs[0].label, 'programs[0].label: required field is missing'],
    ['two-line command', (fm) => (fm.programs[0].command = 'python main.py\necho'), 'programs[0].command: must be a single line'],
    ['unknown program field', (fm) => (fm.programs[0].sourse = 'x'), 'programs[0].sourse: unknown field'],
    ['status 300', (fm) => (fm.programs[1].expect.status = 300), 'programs[1].expect.status: expected an integer 0..255'],
    ['status -1', (fm) => (fm.programs[1].expect.status = -1), 'programs[1].expect.status: expected an integer 0..255'],
    ['status as text', (fm) => (fm.programs[1].expect.status = '0'), 'programs[1].expect.status: expected an integer 0..255'],
    ['missing status', (fm) => delete fm.programs[0].expect.status, 'programs[0].expect.status: required field is missing'],
    ['missing stdout', (fm) => delete fm.programs[0].expect.stdout, 'programs[0].expect.stdout: required field is missing'],
    ['unknown expect field', (fm) => (fm.programs[0].expect.stdot = ''), 'programs[0].expect.stdot: unknown field'],
    ['bad exit signal', (fm) => (fm.programs[1].expect.signal = 'SIGSTOP'), 'programs[1].expect.signal: expected one of'],
    ['empty stderrLast', (fm) => (fm.programs[1].expect.stderrLast = ''), 'programs[1].expect.stderrLast: must be the last non-empty line'],
    ['two-line stderrLast', (fm) => (fm.programs[1].expect.stderrLast = 'a\nb'), 'programs[1].expect.stderrLast: must be a single line'],
    ['script not a list', (fm) => (fm.programs[0].script = { input: 'x' }), 'programs[0].script: expected a list'],
    ['bad script signal', (fm) => (fm.programs[0].script[2].signal = 'SIGSTOP'), 'programs[0].script[2].signal: expected one of SIGHUP, SIGINT, SIGKILL'],
    ['SIGALRM in a script', (fm) => (fm.programs[0].script[2].signal = 'SIGALRM'), 'programs[0].script[2].signal: expected one of'],
    [
      'signal with both triggers',
      (fm) => (fm.programs[0].script[2].afterMs = 5),
      'programs[0].script[2]: a signal step needs exactly one of afterOutput, afterMs',
    ],
    [
      'signal without trigger',
      (fm) => delete fm.programs[0].script[2].afterOutput,
      'programs[0].script[2]: a signal step needs exactly one of afterOutput, afterMs',
    ],
    ['negative afterMs', (fm) => (fm.programs[0].script[2] = { signal: 'SIGKILL', afterMs: -5 }), 'programs[0].script[2].afterMs: expected an integer'],
    ['input as number', (fm) => (fm.programs[0].script[0].input = 3), 'programs[0].script[0].input: expected a string or null'],
    ['input with newline', (fm) => (fm.programs[0].script[0].input = 'a\nb'), 'programs[0].script[0].input: one line per step'],
    ['input step with extra field', (fm) => (fm.programs[0].script[0].afterMs = 3), 'programs[0].script[0].afterMs: unknown field'],
    ['unknown step', (fm) => (fm.programs[0].script[1] = { wait: 3 }), 'programs[0].script[1]: a script step is either'],
  ];

  it.each(cases)('reports %s with file and field', (_name, mutate, message) => {
    const fm = base();
    mutate(fm);
    const err = errorOf(fm);
    expect(err.message.startsWith(`${FILE}: `)).toBe(true);
    expect(err.message).toContain(message);
    expect(err.file).toBe(FILE);
  });

  it('names the field path separately', () => {
    const fm = base();
    fm.programs[1].expect.status = 256;
    const err = errorOf(fm);
    expect(err.path).toBe('programs[1].expect.status');
    expect(err.message).toBe(`${FILE}: programs[1].expect.status: expected an integer 0..255, got number 256`);
  });

  it('rejects a frontmatter that is not a mapping', () => {
    expect(errorOf(['a']).message).toBe(`${FILE}: frontmatter must be a mapping, got a list`);
  });
});

describe('parseLessonFile', () => {
  it('splits frontmatter and body and validates', () => {
    const { lesson, body } = parseLessonFile(fileText(MINIMAL_YAML('hello', 1), '# Hi\n\nProse.\n'), 'lessons/01-hello.md');
    expect(lesson.id).toBe('hello');
    expect(lesson.programs[0]?.source).toBe('print("hi")\n');
    expect(lesson.programs[0]?.expect.stdout).toBe('hi\n');
    expect(body).toBe('# Hi\n\nProse.\n');
  });

  it('accepts CRLF line endings', () => {
    const text = fileText(MINIMAL_YAML('hello', 1)).replace(/\n/g, '\r\n');
    expect(parseLessonFile(text, 'x.md').lesson.id).toBe('hello');
  });

  it('keeps YAML null for end of input and quoted "null" as text', () => {
    const yaml = MINIMAL_YAML('hello', 1) + '\n    script:\n      - input: null\n      - input: "null"';
    const { lesson } = parseLessonFile(fileText(yaml), 'x.md');
    expect(lesson.programs[0]?.script).toEqual([{ input: null }, { input: 'null' }]);
  });

  it('requires frontmatter', () => {
    expect(() => parseLessonFile('# no frontmatter\n', 'lessons/01-x.md')).toThrow(
      'lessons/01-x.md: expected YAML frontmatter',
    );
  });

  it('reports invalid YAML with the file', () => {
    const text = fileText(MINIMAL_YAML('hello', 1) + '\nid: again');
    expect(() => parseLessonFile(text, 'lessons/01-hello.md')).toThrow(/^lessons\/01-hello\.md: invalid YAML: line \d+/);
  });

  it('reports schema problems with the file and field', () => {
    const text = fileText(MINIMAL_YAML('hello', 1).replace('status: 0', 'status: 256'));
    expect(() => parseLessonFile(text, 'lessons/01-hello.md')).toThrow(
      'lessons/01-hello.md: programs[0].expect.status: expected an integer 0..255',
    );
  });

  it('requires expected stdout to be a quoted string, so it stays exact', () => {
    const plain = fileText(MINIMAL_YAML('hello', 1, 'hi'));
    expect(() => parseLessonFile(plain, 'lessons/01-hello.md')).toThrow(
      'lessons/01-hello.md: programs[0].expect.stdout: must be a quoted string',
    );
    const block = fileText(MINIMAL_YAML('hello', 1, '|\n        hi'));
    expect(() => parseLessonFile(block, 'lessons/01-hello.md')).toThrow('programs[0].expect.stdout: must be a quoted string');
    const single = fileText(MINIMAL_YAML('hello', 1, "'hi'"));
    expect(parseLessonFile(single, 'x.md').lesson.programs[0]?.expect.stdout).toBe('hi');
  });
});

describe('lesson sets', () => {
  const entry = (id: string, order: number, file = `lessons/${String(order).padStart(2, '0')}-${id}.md`): LessonFile =>
    parseLessonFile(fileText(MINIMAL_YAML(id, order)), file);

  it('sorts by order', () => {
    const sorted = checkLessonSet([entry('c', 3), entry('a', 1), entry('b', 2)]);
    expect(sorted.map((e) => e.lesson.id)).toEqual(['a', 'b', 'c']);
  });

  it('rejects a duplicate id, naming both files', () => {
    expect(() => checkLessonSet([entry('a', 1), entry('a', 2)])).toThrow(
      'lessons/02-a.md: id: "a" is already used by lessons/01-a.md',
    );
  });

  it('rejects a duplicate order, naming both files', () => {
    expect(() => checkLessonSet([entry('a', 1), entry('b', 1, 'lessons/01-b.md')])).toThrow(
      'lessons/01-b.md: order: 1 is already used by lessons/01-a.md',
    );
  });

  it('checks the file name against id and order', () => {
    expect(() => checkFileName(entry('a', 1), '01-a.md')).not.toThrow();
    expect(() => checkFileName(entry('a', 1), '02-a.md')).toThrow("order: 1 differs from the file name's 02");
    expect(() => checkFileName(entry('a', 1), '01-b.md')).toThrow('id: "a" differs from the file name\'s "b"');
    expect(() => checkFileName(entry('a', 1), 'a.md')).toThrow('file name must look like NN-<id>.md');
  });

  it('loads a directory, skipping README.md, and reports the bad file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lessons-'));
    try {
      writeFileSync(join(dir, '02-second.md'), fileText(MINIMAL_YAML('second', 2)));
      writeFileSync(join(dir, '01-first.md'), fileText(MINIMAL_YAML('first', 1)));
      writeFileSync(join(dir, 'README.md'), 'Not a lesson.\n');
      const loaded = await loadLessonsFromDir(dir);
      expect(loaded.map((e) => e.lesson.id)).toEqual(['first', 'second']);

      writeFileSync(join(dir, '03-third.md'), fileText(MINIMAL_YAML('third', 3).replace('runtime: python', 'runtime: ruby')));
      await expect(loadLessonsFromDir(dir)).rejects.toThrow(`${join(dir, '03-third.md')}: runtime: expected one of python, node`);

      writeFileSync(join(dir, '03-third.md'), fileText(MINIMAL_YAML('first', 3)));
      await expect(loadLessonsFromDir(dir)).rejects.toThrow('id: "first" differs from the file name\'s "third"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('timeline expectations', () => {
  it('accepts the steps timelineSteps writes and rejects anything else, naming the step', async () => {
    const { validateLesson: validate } = await import('./schema');
    const make = (timeline: unknown) => ({
      id: 'x', title: 'X', order: 1, runtime: 'python', summary: 'One line.',
      programs: [{ name: 'main', label: 'Main', command: 'python main.py', source: 'pass\n', expect: { status: 0, stdout: '', timeline } }],
    });
    const ok = ['raise SystemExit', 'caught KeyboardInterrupt', 'finally', 'context-exit Lock.__exit__', 'signal SIGTERM',
      'atexit save_pending', 'skipped atexit remove', 'skipped finally', 'skipped buffered-output', 'skipped unknown'];
    expect(validate(make(ok), 'lessons/01-x.md').programs[0]?.expect.timeline).toEqual(ok);
    expect(() => validate(make(['flush stdout']), 'lessons/01-x.md')).toThrow(
      /lessons\/01-x\.md: programs\[0\]\.expect\.timeline\[0\]: expected a step like/,
    );
    expect(() => validate(make('finally'), 'lessons/01-x.md')).toThrow(/programs\[0\]\.expect\.timeline: expected a list/);
  });
});

describe('the schema for the lesson editor', () => {
  it('lists every problem at once, each with its field', () => {
    const fm = base();
    fm.order = 0;
    fm.programs[1].expect.status = 999;
    fm.tittle = 'x';
    const problems = lessonProblems(fm).map((p) => p.path);
    expect(problems).toEqual(expect.arrayContaining(['order', 'programs[1].expect.status', 'tittle']));
    expect(lessonProblems(base())).toEqual([]);
  });

  it('gives Monaco a JSON Schema with the fields, their kinds and the allowed values', () => {
    const schema = lessonJsonSchema() as { properties: Record<string, any>; required: string[]; additionalProperties: boolean };
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'title', 'order', 'runtime', 'summary', 'programs']));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.runtime.enum).toEqual(['python', 'node']);
    const program = schema.properties.programs.items;
    expect(Object.keys(program.properties)).toEqual(['name', 'label', 'command', 'source', 'script', 'expect']);
    expect(JSON.stringify(program.properties.script)).toContain('afterOutput');
    expect(program.properties.expect.properties.status).toMatchObject({ type: 'number' });
    expect(program.required).toContain('expect');
    const forEditor = lessonJsonSchema({ expectOptional: true }) as typeof schema;
    expect(forEditor.properties.programs.items.required).not.toContain('expect');
  });
});
