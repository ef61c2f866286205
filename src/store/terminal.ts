/**
 * Terminal slice: the output model behind the terminal panel and the
 * transcript (`[data-testid="transcript"]`). The model batches writes per
 * animation frame; `version` changes whenever the transcript text does.
 */
import { create } from 'zustand';
import { TerminalOutput } from '../terminal/output';

export interface TerminalState {
  output: TerminalOutput;
  /** Bumped when the transcript text changes. */
  version: number;
  /** Whether the transcript is of a run (false: only the command line shown before any run). */
  hasRun: boolean;
  setHasRun(v: boolean): void;
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

export const useTerminalStore = create<TerminalState>()((set, get) => ({
  output: new TerminalOutput({
    schedule: frameSoon,
    onTranscript: () => set({ version: get().version + 1 }),
  }),
  version: 0,
  hasRun: false,
  setHasRun(hasRun) {
    set({ hasRun });
  },
}));
