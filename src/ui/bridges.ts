/**
 * Live handles from the mounted widgets to the run controller: Monaco holds
 * the freshest source (the store gets it debounced), xterm knows its size.
 */
import { useEditorStore } from '../store/editor';

let sourceGetter: (() => string) | null = null;

export function registerSourceGetter(fn: () => string): () => void {
  sourceGetter = fn;
  return () => {
    if (sourceGetter === fn) sourceGetter = null;
  };
}

/** The editor's text right now. */
export function currentSource(): string {
  return sourceGetter?.() ?? useEditorStore.getState().source;
}

export interface TerminalHandle {
  size(): { columns: number; rows: number };
  focus(): void;
}

let terminal: TerminalHandle | null = null;

export function registerTerminal(handle: TerminalHandle): () => void {
  terminal = handle;
  return () => {
    if (terminal === handle) terminal = null;
  };
}

export function terminalSize(): { columns: number; rows: number } {
  return terminal?.size() ?? { columns: 80, rows: 24 };
}

export function focusTerminal(): void {
  terminal?.focus();
}
