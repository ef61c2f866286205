import { lazy, Suspense, useEffect } from 'react';
import { useAuthorStore } from '../store/author';
import { useDiskStore } from '../store/disk';
import { useEditorStore } from '../store/editor';
import { useLessonsStore } from '../store/lessons';
import { useRunStore } from '../store/run';
import { watchSystemScheme } from '../store/settings';
import { useTerminalStore } from '../store/terminal';
import { Banners } from './chrome/Banners';
import { CommandBar } from './chrome/CommandBar';
import { Header } from './chrome/Header';
import { HelpLine } from './chrome/HelpLine';
import { SharePanel } from './chrome/SharePanel';
import { UndoToast } from './chrome/UndoToast';
import { Workspace } from './layout/Workspace';
import { LessonBar } from './lessons/LessonBar';
import { LessonSidebar } from './lessons/LessonSidebar';
import { openLocation, watchLessonRuns } from './lessons/navigate';
import { services } from './services';

const LessonArticle = lazy(() => import('./lessons/LessonArticle'));
const LessonAuthor = lazy(() => import('./author/LessonAuthor'));

/** Ctrl/Cmd+Enter runs from anywhere: caught before Monaco and xterm see it. */
function useRunShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.isComposing) {
        e.preventDefault();
        e.stopPropagation();
        void services().controller.run();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}

/** Before any run, the terminal shows the command line that Run would run. */
function useIdleCommandEcho(): void {
  useEffect(() => {
    const show = (line: string): void => {
      if (!useTerminalStore.getState().hasRun) services().terminal.reset(line.trim());
    };
    show(useEditorStore.getState().commandLine);
    return useEditorStore.subscribe((s, prev) => {
      if (s.commandLine !== prev.commandLine) show(s.commandLine);
    });
  }, []);
}

export function App() {
  useEffect(() => {
    void openLocation(location.hash);
    const unsubLessons = watchLessonRuns();
    void useDiskStore.getState().load();
    const unsubScheme = watchSystemScheme();
    const { engine } = services();
    useRunStore.setState({ engine: engine.status() });
    const unsubEngine = engine.onStatus((s) => useRunStore.setState({ engine: s }));
    // A link pasted into the address bar of the open page opens like on load.
    const onHash = (): void => void openLocation(location.hash);
    window.addEventListener('hashchange', onHash);
    return () => {
      unsubScheme();
      unsubEngine();
      unsubLessons();
      window.removeEventListener('hashchange', onHash);
    };
  }, []);
  useRunShortcut();
  useIdleCommandEcho();
  const inLesson = useLessonsStore((s) => s.current !== null);
  const authoring = useAuthorStore((s) => s.open);

  return (
    <div className="app">
      <Header />
      <Banners />
      <div className={`app-body${inLesson ? ' in-lesson' : ''}`}>
        <LessonSidebar />
        {inLesson && (
          <Suspense fallback={<div className="lesson-article loading" />}>
            <LessonArticle />
          </Suspense>
        )}
        <main className="main" aria-label={inLesson ? 'Lesson program' : 'Playground'}>
          <LessonBar />
          <CommandBar />
          <SharePanel />
          <Workspace />
        </main>
      </div>
      <HelpLine />
      <UndoToast />
      {authoring && (
        <Suspense fallback={<div className="author loading" role="dialog" aria-label="Lesson editor" />}>
          <LessonAuthor />
        </Suspense>
      )}
    </div>
  );
}
