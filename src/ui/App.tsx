import { useEffect } from 'react';
import { useDiskStore } from '../store/disk';
import { useEditorStore } from '../store/editor';
import { useRunStore } from '../store/run';
import { watchSystemScheme } from '../store/settings';
import { useTerminalStore } from '../store/terminal';
import { Banners } from './chrome/Banners';
import { CommandBar } from './chrome/CommandBar';
import { Header } from './chrome/Header';
import { HelpLine } from './chrome/HelpLine';
import { SharePanel } from './chrome/SharePanel';
import { UndoToast } from './chrome/UndoToast';
import { engine } from './engine-instance';
import { Workspace } from './layout/Workspace';
import { run } from './run/controller';

/** Ctrl/Cmd+Enter runs from anywhere: caught before Monaco and xterm see it. */
function useRunShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.isComposing) {
        e.preventDefault();
        e.stopPropagation();
        void run();
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
      if (!useTerminalStore.getState().hasRun) useTerminalStore.getState().output.reset(line.trim());
    };
    show(useEditorStore.getState().commandLine);
    return useEditorStore.subscribe((s, prev) => {
      if (s.commandLine !== prev.commandLine) show(s.commandLine);
    });
  }, []);
}

export function App() {
  useEffect(() => {
    useEditorStore.getState().init(location.hash);
    void useDiskStore.getState().load();
    const unsubScheme = watchSystemScheme();
    useRunStore.setState({ engine: engine.status() });
    const unsubEngine = engine.onStatus((s) => useRunStore.setState({ engine: s }));
    // A link pasted into the address bar of the open page opens like on load.
    const onHash = (): void => useEditorStore.getState().init(location.hash);
    window.addEventListener('hashchange', onHash);
    return () => {
      unsubScheme();
      unsubEngine();
      window.removeEventListener('hashchange', onHash);
    };
  }, []);
  useRunShortcut();
  useIdleCommandEcho();

  return (
    <div className="app">
      <Header />
      <Banners />
      <main className="main" aria-label="Playground">
        <CommandBar />
        <SharePanel />
        <Workspace />
      </main>
      <HelpLine />
      <UndoToast />
    </div>
  );
}
