/**
 * The Node.js runtime as the page shows it: the adapter's state (idle, booting,
 * ready, unavailable with a reason and what to do), the last note about a
 * signal the WebContainer could not send, and whether the last run used Node.
 *
 * The adapter (`getNodeRuntime()`, one per page) is only touched when a Node
 * run or the shell is asked for, so pages that never use Node never load it.
 */
import { create } from 'zustand';
import { getNodeRuntime, type NodeRuntime, type NodeRuntimeState } from '../../hosts/webcontainer/runtime';

export interface NodeUiState {
  runtime: NodeRuntimeState;
  /** One sentence about what the WebContainer did with the last signal (or could not do), or null. */
  signalNote: string | null;
  /** The last run (or the shell) ran Node.js. */
  lastRunUsedNode: boolean;
  /** The interactive `jsh` is the terminal's current job. */
  shellOpen: boolean;
}

export const useNodeUi = create<NodeUiState>()(() => ({
  runtime: { state: 'idle' },
  signalNote: null,
  lastRunUsedNode: false,
  shellOpen: false,
}));

let runtime: NodeRuntime | null = null;

/** The page's Node runtime, wired to the store on first use. */
export function nodeRuntime(): NodeRuntime {
  if (runtime === null) {
    runtime = getNodeRuntime();
    runtime.onStateChange((s) => useNodeUi.setState({ runtime: s }));
    useNodeUi.setState({ runtime: runtime.state() });
  }
  return runtime;
}

/** What the UI says after a signal button or Stop was used on a Node.js job. */
export function signalNoteFor(signal: string, delivery: 'ctrl-c' | 'kill' | 'unsupported'): string {
  switch (delivery) {
    case 'ctrl-c':
      return `${signal}: Ctrl+C was typed into the WebContainer's terminal, the closest it allows; it cannot send a signal by name.`;
    case 'kill':
      return `${signal}: the process was stopped with the WebContainer's kill(), which does not say which signal it sends.`;
    default:
      return `The WebContainer cannot send ${signal} to a running program: only Ctrl+C (SIGINT) and Stop reach it.`;
  }
}
