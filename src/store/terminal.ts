/**
 * Terminal slice: what the page needs to know about the terminal's text, not the text itself.
 * The output model (`src/terminal/output.ts`, made by the app's services) holds the text and
 * batches writes per animation frame; it bumps `version` whenever the transcript changes, and
 * the transcript mirror (`[data-testid="transcript"]`) follows that.
 */
import { create } from 'zustand';

export interface TerminalState {
  /** Bumped when the transcript text changes. */
  version: number;
  /** Whether the transcript is of a run (false: only the command line shown before any run). */
  hasRun: boolean;
  setHasRun(v: boolean): void;
  transcriptChanged(): void;
}

export const useTerminalStore = create<TerminalState>()((set, get) => ({
  version: 0,
  hasRun: false,
  setHasRun(hasRun) {
    set({ hasRun });
  },
  transcriptChanged() {
    set({ version: get().version + 1 });
  },
}));
