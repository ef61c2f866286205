/**
 * Timeline slice: the timeline panel's state shared with the editor: which item is selected
 * (its line is highlighted in Monaco), which editor line the mouse is over
 * (that line's items are highlighted in the panel), and the source the last
 * run ran (sentences quote it; the editor's text may have changed since).
 */
import { create } from 'zustand';

export interface TimelineUiState {
  /** The program's text as the last run saw it. */
  runSource: string;
  /** Index of the clicked item, or null. */
  selected: number | null;
  /** The editor line to highlight and reveal; `seq` changes on every request (clicking the same item again reveals again). */
  focus: { line: number; seq: number } | null;
  /** The editor line under the mouse, or null. */
  hoverLine: number | null;
  /** The panel item under the mouse (its line gets a light highlight in the editor), or null. */
  hoverItem: number | null;
  select(index: number | null, line?: number): void;
  setHoverLine(line: number | null): void;
  setHoverItem(index: number | null): void;
  /** A new run: forget the selection, remember its source. */
  newRun(source: string): void;
}

let seq = 0;

export const useTimelineUi = create<TimelineUiState>()((set, get) => ({
  runSource: '',
  selected: null,
  focus: null,
  hoverLine: null,
  hoverItem: null,
  select(index, line) {
    if (index === null || line === undefined) {
      set({ selected: index, focus: null });
      return;
    }
    set({ selected: index, focus: { line, seq: ++seq } });
  },
  setHoverLine(line) {
    if (get().hoverLine !== line) set({ hoverLine: line });
  },
  setHoverItem(index) {
    if (get().hoverItem !== index) set({ hoverItem: index });
  },
  newRun(source) {
    set({ runSource: source, selected: null, focus: null, hoverItem: null });
  },
}));
