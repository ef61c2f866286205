/**
 * Writing a lesson in the browser: reading a draft (frontmatter YAML and Markdown prose) the
 * way the build reads a lesson file, filling its expectations from the engine ("Check"), and
 * the file it exports (which `exitlab check` accepts). No DOM here.
 */
import { parseDocument } from 'yaml';
import type { Engine } from '../engine/process';
import { lastStderrLine } from './compare';
import { YAML_OUT, fillEmptyExpects, writeExpect } from './expect-yaml';
import { runLessonProgram, timelineSteps } from './lesson-runner';
import { parseLessonFile, splitFrontmatter } from './load';
import { LessonError, lessonProblems, validateLesson, type Expectation, type LessonContent } from './schema';

export const NEW_LESSON_FRONTMATTER = `id: my-lesson
title: "Cleanup that runs, and cleanup that does not"
order: 90
runtime: python
summary: "A finally block runs on sys.exit(), and is skipped by os._exit()."
topics: [finally, os._exit]
programs:
  - name: exit
    label: "sys.exit()"
    command: "python main.py"
    source: |
      import sys

      try:
          print("working")
          sys.exit(2)
      finally:
          print("finally: cleaned up")
  - name: os-exit
    label: "os._exit()"
    command: "python main.py"
    source: |
      import os

      try:
          print("working", flush=True)
          os._exit(2)
      finally:
          print("finally: cleaned up")
`;

export const NEW_LESSON_BODY = `Both programs end with status 2. Predict which of them prints the \`finally\` line.

\`sys.exit()\` raises \`SystemExit\`, an exception: it unwinds the stack and runs every \`finally\`
on its way out. \`os._exit()\` ends the process at once.

## Remember

- \`sys.exit()\` runs \`finally\` blocks and \`atexit\` handlers.
- \`os._exit()\` skips them.
`;

export const DRAFT_FILE = 'lesson draft';

export interface DraftReading {
  /** The lesson as the page would show it; null while the frontmatter is not valid. */
  lesson: LessonContent | null;
  /** What is wrong, each with its field (empty when valid). */
  problems: { path: string; problem: string }[];
  /** Programs with no `expect` yet ("Check" fills them). */
  unchecked: string[];
}

/** The lesson file a draft makes. */
export function lessonFileText(frontmatter: string, body: string): string {
  return `---\n${frontmatter.replace(/\s+$/, '')}\n---\n${body}`;
}

/** Splits a lesson file's text back into frontmatter and prose (for a draft from a link or a file). */
export function draftOf(text: string): { frontmatter: string; body: string } {
  const { frontmatter, body } = splitFrontmatter(text, DRAFT_FILE);
  return { frontmatter: `${frontmatter}\n`, body };
}

/** Reads a draft as the build reads a lesson file; programs without `expect` count as unchecked. */
export function readDraft(frontmatter: string, body: string): DraftReading {
  const doc = parseDocument(frontmatter, { prettyErrors: true, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const where = yamlError.linePos?.[0];
    return { lesson: null, problems: [{ path: where ? `line ${where.line}` : '', problem: yamlError.message.split('\n')[0] ?? 'invalid YAML' }], unchecked: [] };
  }
  const unchecked = fillEmptyExpects(doc).map((p) => p.name);
  const raw: unknown = doc.toJS();
  const problems = lessonProblems(raw);
  if (problems.length > 0) return { lesson: null, problems, unchecked };
  try {
    return { lesson: { ...validateLesson(raw, DRAFT_FILE), body }, problems: [], unchecked };
  } catch (err) {
    const problem = err instanceof LessonError ? { path: err.path, problem: err.problem } : { path: '', problem: String(err) };
    return { lesson: null, problems: [problem], unchecked };
  }
}

/**
 * "Check": runs every program of a Python lesson through `engine` with its script and writes
 * what happened into its `expect` (status, signal, stdout, last stderr line, timeline).
 * Returns the new frontmatter and a line per program.
 */
export async function checkDraft(engine: Engine, frontmatter: string, body: string, opts: { timeoutMs?: number } = {}): Promise<{ frontmatter: string; report: string[] }> {
  const reading = readDraft(frontmatter, body);
  if (!reading.lesson) throw new Error(`fix the lesson first: ${reading.problems[0]?.path ?? ''} ${reading.problems[0]?.problem ?? ''}`.trim());
  if (reading.lesson.runtime !== 'python') throw new Error('Check runs Python lessons here; check a Node lesson with `exitlab check`.');
  const doc = parseDocument(frontmatter, { uniqueKeys: true });
  const report: string[] = [];
  for (const [i, program] of reading.lesson.programs.entries()) {
    const result = await runLessonProgram(engine, program, { timeoutMs: opts.timeoutMs ?? 30_000 });
    const want: Expectation = { status: result.status, stdout: result.stdout, timeline: timelineSteps(result.timeline) };
    if (result.signal) want.signal = result.signal as Expectation['signal'];
    const last = lastStderrLine(result.stderr);
    if (last !== null) want.stderrLast = last;
    writeExpect(doc, i, want);
    const problems = result.problems.length ? ` (${result.problems.join('; ')})` : '';
    report.push(`${program.name}: status ${result.status}${result.signal ? `, ${result.signal}` : ''}, ${want.timeline!.length} timeline step(s)${problems}`);
  }
  return { frontmatter: doc.toString(YAML_OUT), report };
}

/** `NN-<id>.md`, the name `lessons/` and `exitlab check` expect (orders above 99 do not fit one). */
export function exportFileName(lesson: { id: string; order: number }): string {
  return `${String(Math.min(lesson.order, 99)).padStart(2, '0')}-${lesson.id}.md`;
}

/** Reads a lesson file's text from a link or a file: the lesson, or why it cannot be shown. */
export function lessonFromText(text: string, where: string): { lesson: LessonContent } | { problem: string } {
  try {
    const { lesson, body } = parseLessonFile(text, where);
    return { lesson: { ...lesson, body } };
  } catch (err) {
    return { problem: err instanceof Error ? err.message : String(err) };
  }
}
