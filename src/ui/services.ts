/**
 * The page's live parts, made once by the app's entry (`main.tsx`) before the page renders:
 * the engine (a warm pool of workers: nothing starts when a module is imported), the
 * terminal's output model, the Node.js runtime (made on first use, so pages that never use
 * Node never load it) and the run controller, whose ports are wired here to the stores and
 * the mounted widgets. Tests and other entries make their own with other parts.
 */
import type { Engine } from '../engine/process';
import { createBrowserEngine } from '../hosts/browser/engine';
import { getNodeRuntime, type NodeRuntime } from '../hosts/webcontainer/runtime';
import { createRunController, type RunController } from '../run/controller';
import { useDiskStore } from '../store/disk';
import { useEditorStore } from '../store/editor';
import { useNodeUi } from '../store/node';
import { runStarted, useRunStore } from '../store/run';
import { useTerminalStore } from '../store/terminal';
import { useTimelineUi } from '../store/timeline';
import { TerminalOutput } from '../terminal/output';
import { currentSource, focusTerminal, terminalSize } from './bridges';

export interface AppServices {
  engine: Engine;
  /** What the terminal shows: written by the controller, drawn by xterm, mirrored as the transcript. */
  terminal: TerminalOutput;
  controller: RunController;
  nodeRuntime(): NodeRuntime;
}

let current: AppServices | null = null;

/** The services the page runs with (set by the entry before the first render). */
export function services(): AppServices {
  if (!current) throw new Error('the page was rendered before main.tsx made its services');
  return current;
}

export function provideServices(made: AppServices): void {
  current = made;
}

/** Next animation frame, or a timer when frames do not come (hidden tab). */
function frameSoon(cb: () => void): void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    cb();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
  setTimeout(once, 100);
}

export function createAppServices(engine: Engine = createBrowserEngine()): AppServices {
  const terminal = new TerminalOutput({
    schedule: frameSoon,
    onTranscript: () => useTerminalStore.getState().transcriptChanged(),
  });

  let node: NodeRuntime | null = null;
  const nodeRuntime = (): NodeRuntime => {
    if (node === null) {
      node = getNodeRuntime();
      node.onStateChange((s) => useNodeUi.setState({ runtime: s }));
      useNodeUi.setState({ runtime: node.state() });
    }
    return node;
  };

  const controller = createRunController({
    engine,
    node: nodeRuntime,
    terminal: {
      output: terminal,
      size: terminalSize,
      focusForInput() {
        // Clicked Run and the program asks: the keys go to the terminal unless the user is typing elsewhere.
        const focused = document.activeElement;
        if (!focused || focused === document.body || (focused as HTMLElement).dataset?.autofocusTerminal === 'true') {
          focusTerminal();
        }
      },
      focus: focusTerminal,
    },
    program: {
      source: currentSource,
      filename: () => useEditorStore.getState().program.filename,
      commandLine: () => useEditorStore.getState().commandLine,
      saveDraft: (source) => useEditorStore.getState().editorChanged(source),
    },
    disk: {
      loaded: () => useDiskStore.getState().loaded,
      load: () => useDiskStore.getState().load(),
      read: (path) => useDiskStore.getState().files.find((f) => f.path === path)?.data ?? null,
      forRun: () => useDiskStore.getState().forRun(),
      replaceFromRun: (files) => useDiskStore.getState().replaceFromRun(files),
    },
    report: {
      begin({ source, usesNode, shellOpen }) {
        useNodeUi.setState({ lastRunUsedNode: usesNode, shellOpen, signalNote: null });
        useTimelineUi.getState().newRun(source);
        useTerminalStore.getState().setHasRun(true);
      },
      started: runStarted,
      foreground: (state) => useRunStore.setState(state),
      waitingForInput: (waitingForInput) => useRunStore.setState({ waitingForInput }),
      timeline: (event) => useRunStore.setState((s) => ({ timeline: [...s.timeline, event] })),
      commandError: (commandError) =>
        useRunStore.setState({ phase: 'idle', commandError, foreground: false, waitingForInput: false }),
      ended: ({ exitText, outcome, record }) =>
        useRunStore.setState({ phase: 'idle', exitText, outcome, record, foreground: false, waitingForInput: false }),
      node: (state) => useNodeUi.setState(state),
    },
  });

  // For diagnostics, the e2e corpus and the bench: the pool's status from the console.
  (globalThis as { __exitlab?: { engine: Engine } }).__exitlab = { engine };
  return { engine, terminal, controller, nodeRuntime };
}
