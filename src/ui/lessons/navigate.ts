/**
 * Moving between lessons, programs and the playground, and what the address bar says.
 *
 * - `openLocation(hash)` opens what a URL names (on load and on hashchange): `#lesson/<id>`, a
 *   code link with or without `lesson=`/`program=`, or the playground. It never runs code and
 *   never touches a saved draft.
 * - `goToLesson` / `goToPlayground` are the learner's own moves: one history entry each
 *   (`#lesson/<id>`, or no hash for the playground). Switching a program tab or typing adds none.
 * - `watchLessonRuns()` marks a lesson done when one of its programs has run, and scores the
 *   learner's prediction against the run.
 */
import { timelineSteps } from '../../lessons/lesson-runner';
import { lessonFromText } from '../../lessons/author';
import { makeLessonHash, parseLocationHash } from '../../links';
import { isLessonLink, parseLessonLinkHash } from '../../links/lesson-link';
import { DEFAULT_PROGRAM, programKeyOf, type ProgramDefaults } from '../../store/defaults';
import { useEditorStore, type EditorNotice } from '../../store/editor';
import { emptyPrediction, useLessonsStore } from '../../store/lessons';
import { useRunStore } from '../../store/run';
import { useTerminalStore } from '../../store/terminal';
import { currentSource } from '../bridges';
import { useShareStore } from '../../store/share';
import { services } from '../services';
import { lessonById, loadContent, type LessonContent } from './catalog';
import { scorePrediction, stepChoices } from '../../lessons/predict';

/** The editor's program for a lesson program. */
export function programDefaults(lesson: LessonContent, name: string): ProgramDefaults {
  const p = lesson.programs.find((x) => x.name === name) ?? lesson.programs[0];
  if (!p) throw new Error(`lesson ${lesson.id} has no programs`);
  const node = lesson.runtime === 'node';
  return {
    lessonId: lesson.id,
    program: p.name,
    filename: node ? 'main.js' : 'main.py',
    command: p.command,
    source: p.source,
    runtime: lesson.runtime,
  };
}

/** Stops a run in progress and waits until the page has taken its end. */
async function stopRun(): Promise<void> {
  const { controller } = services();
  if (!controller.isRunning()) return;
  // A run that ignores SIGKILL cannot exist; still, never hang the page.
  await Promise.race([controller.stop(), new Promise<void>((resolve) => setTimeout(resolve, 3000))]);
}

/** A program switch starts with a clean terminal that shows the new command line. */
function freshTerminal(): void {
  useShareStore.getState().close();
  useRunStore.setState({ exitText: '', outcome: null, record: null, timeline: [], commandError: null, waitingForInput: false });
  useTerminalStore.getState().setHasRun(false);
  const out = services().terminal;
  const line = useEditorStore.getState().commandLine.trim();
  // The idle echo may have shown it already: a second reset in the same tick would show the
  // line twice in xterm (its clear does not drop a write still queued).
  if (out.text() !== `$ ${line}\n`) out.reset(line);
}

/** Saves a pending edit (the editor reports edits debounced) before the program changes. */
function saveEdits(): void {
  useEditorStore.getState().editorChanged(currentSource());
}

let generation = 0;

async function openLessonProgram(
  lessonId: string,
  program: string | undefined,
  opts: { source?: string; notice?: EditorNotice; linked?: LessonContent } = {},
): Promise<boolean> {
  const mine = ++generation;
  let lesson: LessonContent | undefined = opts.linked;
  if (!lesson) {
    let content: Map<string, LessonContent>;
    try {
      content = await loadContent();
    } catch (err) {
      useLessonsStore.setState({ loadError: `The lessons could not be loaded (${String(err)}). Reload the page to try again.` });
      return false;
    }
    if (mine !== generation) return false;
    lesson = content.get(lessonId);
  }
  if (!lesson) return false;
  const name = lesson.programs.some((p) => p.name === program) ? (program as string) : (lesson.programs[0]?.name ?? '');
  await stopRun();
  if (mine !== generation) return false;
  saveEdits();
  const { linked, ...open } = opts;
  useEditorStore.getState().openProgram(programDefaults(lesson, name), open);
  useLessonsStore.setState({
    current: { lessonId: lesson.id, program: name },
    lesson,
    fromLink: linked !== undefined,
    runtime: lesson.runtime,
    loadError: null,
    drawerOpen: false,
  });
  freshTerminal();
  return true;
}

async function openPlayground(hash: string): Promise<void> {
  const mine = ++generation;
  const editor = useEditorStore.getState();
  if (editor.program.lessonId !== DEFAULT_PROGRAM.lessonId || useLessonsStore.getState().current) {
    await stopRun();
    if (mine !== generation) return;
    saveEdits();
    useEditorStore.getState().openProgram(DEFAULT_PROGRAM);
    useLessonsStore.setState({ current: null, lesson: null, fromLink: false, runtime: null, drawerOpen: false });
    useEditorStore.getState().init(hash);
    freshTerminal();
    return;
  }
  useEditorStore.getState().init(hash);
}

/**
 * A lesson from a lesson link: shown like a lesson of the curriculum, marked as from a link,
 * its drafts and progress kept apart from the curriculum's (its id gets a `link-` prefix).
 * A link that cannot be read, or whose lesson is not valid, opens the playground with why.
 */
async function openLinkedLesson(hash: string): Promise<void> {
  const target = parseLessonLinkHash(hash);
  const read = target.kind === 'lessonfile' ? lessonFromText(target.text, 'The lesson in the link') : null;
  if (read && 'lesson' in read) {
    const lesson: LessonContent = { ...read.lesson, id: `link-${read.lesson.id}` };
    if (await openLessonProgram(lesson.id, undefined, { linked: lesson })) return;
  }
  const reason = target.kind === 'damaged' ? target.reason : read && 'problem' in read ? read.problem : 'The lesson link could not be read.';
  await openPlayground('');
  useEditorStore.setState({ notice: { kind: 'damaged', reason } });
}

/** Opens what `hash` names; the playground for anything that names no (known) lesson. */
export async function openLocation(hash: string): Promise<void> {
  if (isLessonLink(hash)) return openLinkedLesson(hash);
  const target = parseLocationHash(hash);
  if (target.kind === 'lesson') {
    if (lessonById(target.lessonId) && (await openLessonProgram(target.lessonId, undefined))) return;
    await openPlayground('');
    useEditorStore.setState({ notice: { kind: 'lesson', lessonId: target.lessonId } });
    return;
  }
  if (target.kind === 'code' && target.lessonId !== undefined && lessonById(target.lessonId)) {
    const notice: EditorNotice = { kind: 'link', lessonId: target.lessonId };
    if (target.program !== undefined) notice.program = target.program;
    if (await openLessonProgram(target.lessonId, target.program, { source: target.source, notice })) return;
  }
  if (target.kind === 'damaged' && target.lessonId !== undefined && lessonById(target.lessonId)) {
    // The lesson's own content (the learner's draft of it), with the notice.
    if (await openLessonProgram(target.lessonId, undefined, { notice: { kind: 'damaged', reason: target.reason } })) return;
  }
  await openPlayground(hash);
}

function pushHash(hash: string): void {
  const url = `${location.pathname}${location.search}${hash}`;
  if (`${location.pathname}${location.search}${location.hash}` !== url) history.pushState(null, '', url);
}

/** The learner picks a lesson (sidebar, next/previous): one history entry. */
export async function goToLesson(lessonId: string, program?: string): Promise<void> {
  const cur = useLessonsStore.getState().current;
  if (cur?.lessonId === lessonId && (program === undefined || program === cur.program)) {
    useLessonsStore.setState({ drawerOpen: false });
    pushHash(makeLessonHash(lessonId));
    return;
  }
  if (await openLessonProgram(lessonId, program)) pushHash(makeLessonHash(lessonId));
}

/** The learner picks the playground: one history entry, no hash. */
export async function goToPlayground(): Promise<void> {
  pushHash('');
  await openPlayground('');
}

/** A program tab: the program's own draft and command line; the address bar stays. */
export async function selectProgram(name: string): Promise<void> {
  const cur = useLessonsStore.getState().current;
  if (!cur || cur.program === name) return;
  await openLessonProgram(cur.lessonId, name);
}

/** "Load into editor": the code replaces the editor's text (Ctrl+Z in the editor brings it back). */
export function loadIntoEditor(code: string): void {
  const editor = useEditorStore.getState();
  editor.editorChanged(code);
  useEditorStore.setState({ revision: useEditorStore.getState().revision + 1 });
}

/** The program key of the open lesson program, or null in the playground. */
export function currentProgramKey(): string | null {
  const cur = useLessonsStore.getState().current;
  return cur ? programKeyOf({ lessonId: cur.lessonId, program: cur.program }) : null;
}

/** Marks lessons done and scores predictions as runs end. Returns the unsubscribe function. */
export function watchLessonRuns(): () => void {
  let started: { lessonId: string; key: string } | null = null;
  return useRunStore.subscribe((s, prev) => {
    if (s.phase === 'running' && prev.phase !== 'running') {
      const cur = useLessonsStore.getState().current;
      const lesson = useLessonsStore.getState().lesson;
      started = null;
      if (!cur || !lesson || lesson.id !== cur.lessonId) return;
      const key = programKeyOf({ lessonId: cur.lessonId, program: cur.program });
      started = { lessonId: cur.lessonId, key };
      const state = useLessonsStore.getState().predictions[key] ?? emptyPrediction();
      const program = lesson.programs.find((p) => p.name === cur.program);
      const answered = state.status !== null || state.stepsAnswered;
      const locked =
        answered && !state.skipped && program
          ? {
              prediction: { status: state.status, steps: state.steps, stepsAnswered: state.stepsAnswered },
              choices: stepChoices(program, lesson.programs),
            }
          : null;
      useLessonsStore.getState().updatePrediction(key, { locked, score: null, actual: null });
      return;
    }
    if (s.phase === 'idle' && prev.phase === 'running') {
      const run = started;
      started = null;
      if (!run || !s.outcome) return;
      useLessonsStore.getState().markDone(run.lessonId);
      const actual = { status: s.outcome.status, timeline: timelineSteps(s.timeline) };
      const state = useLessonsStore.getState().predictions[run.key] ?? emptyPrediction();
      const score = state.locked ? scorePrediction(state.locked.prediction, state.locked.choices, actual) : null;
      useLessonsStore.getState().updatePrediction(run.key, { actual, score });
    }
  });
}
