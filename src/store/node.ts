/**
 * Node slice: the Node.js runtime as the page shows it: the adapter's state (idle, booting,
 * ready, unavailable with a reason and what to do), the last note about a signal the
 * WebContainer could not send, whether the last run used Node, and whether the shell is open.
 * The adapter itself lives with the app's services; this holds only what it said.
 */
import { create } from 'zustand';
import type { NodeRuntimeState } from '../hosts/webcontainer/runtime';

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
