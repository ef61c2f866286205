/**
 * Which language the editor shows: JavaScript when the open lesson is a Node
 * lesson, or, without a lesson that says, when the command line runs `node`
 * (or the program's file is a `.js` file); Python otherwise.
 *
 * The lesson UI publishes the open lesson's runtime in the lessons store
 * (`useLessonsStore`'s `runtime`, null in the playground) and the program's in
 * the editor store (`program.runtime`); everything else reads `editorLanguage`.
 */
import { useEditorStore } from '../../store/editor';
import { useLessonsStore } from '../../store/lessons';

export type LessonRuntime = 'python' | 'node';
export type EditorLanguage = 'python' | 'javascript';

/** Whether a command line runs `node` (`node main.js`, `timeout 5 node main.js; echo $?`, ...). */
export function commandRunsNode(commandLine: string): boolean {
  return /(^|[;&|(]\s*|\btimeout\s+(?:-\S+\s+)*(?:\S+\s+)*?)node(\s|$)/.test(commandLine.trim());
}

/** The selector: the lesson's runtime first, then the command line, then the file name. */
export function editorLanguageFor(
  lessonRuntime: LessonRuntime | null,
  commandLine: string,
  filename = '',
): EditorLanguage {
  if (lessonRuntime !== null) return lessonRuntime === 'node' ? 'javascript' : 'python';
  if (commandRunsNode(commandLine)) return 'javascript';
  return filename.endsWith('.js') ? 'javascript' : 'python';
}

/** The editor's language now. */
export function editorLanguage(): EditorLanguage {
  const { commandLine, program } = useEditorStore.getState();
  const lesson = useLessonsStore.getState().runtime ?? program.runtime ?? null;
  return editorLanguageFor(lesson, commandLine, program.filename);
}

/** Calls `listener` whenever the editor's language changes; returns an unsubscribe. */
export function onEditorLanguage(listener: (lang: EditorLanguage) => void): () => void {
  let last = editorLanguage();
  const check = (): void => {
    const next = editorLanguage();
    if (next !== last) {
      last = next;
      listener(next);
    }
  };
  const a = useEditorStore.subscribe(check);
  const b = useLessonsStore.subscribe(check);
  return () => {
    a();
    b();
  };
}
