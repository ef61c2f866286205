/**
 * Settings slice: colour scheme (follows the system), the editor/terminal
 * split, and helpers for the "terminal / pipe (| cat)" switch, whose state
 * lives in the command line itself.
 */
import { create } from 'zustand';
import { getPipeMode, setPipeMode } from '../shell';
import { SETTINGS_KEY, loadJson, saveJson } from './persist';

export type Scheme = 'light' | 'dark';

export interface SettingsState {
  /** The system's colour scheme (prefers-color-scheme). */
  scheme: Scheme;
  /** Editor share of the main area's width (or height when stacked), 0.2..0.8. */
  splitRatio: number;
  setScheme(s: Scheme): void;
  setSplitRatio(r: number): void;
}

interface Saved {
  splitRatio?: number;
}

export const MIN_SPLIT = 0.2;
export const MAX_SPLIT = 0.8;

export function clampSplit(r: number): number {
  return Math.min(MAX_SPLIT, Math.max(MIN_SPLIT, Number.isFinite(r) ? r : 0.5));
}

function systemScheme(): Scheme {
  try {
    return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  scheme: systemScheme(),
  splitRatio: clampSplit(loadJson<Saved>(SETTINGS_KEY)?.splitRatio ?? 0.52),
  setScheme(scheme) {
    if (scheme !== get().scheme) set({ scheme });
  },
  setSplitRatio(r) {
    const splitRatio = clampSplit(r);
    set({ splitRatio });
    saveJson(SETTINGS_KEY, { splitRatio } satisfies Saved);
  },
}));

/** Keeps `scheme` in step with the system setting. */
export function watchSystemScheme(): () => void {
  let mq: MediaQueryList;
  try {
    mq = window.matchMedia('(prefers-color-scheme: dark)');
  } catch {
    return () => {};
  }
  const onChange = (): void => useSettingsStore.getState().setScheme(mq.matches ? 'dark' : 'light');
  mq.addEventListener('change', onChange);
  onChange();
  return () => mq.removeEventListener('change', onChange);
}

/** Whether a command line runs python piped into cat. */
export function pipeModeOf(line: string): boolean {
  return getPipeMode(line);
}

/** The command line with pipe mode switched on or off. */
export function withPipeMode(line: string, on: boolean): string {
  return setPipeMode(line, on);
}
