/**
 * Lessons slice: which lesson and program are open, the learner's progress (persisted), the
 * sidebar, and predictions ("predict before you run").
 *
 * Hook for the Node runtime: `runtime` is the open lesson's runtime (`'python'`, `'node'`, or
 * null in the playground); the editor store's `program.runtime` says the same for the program.
 */
import { create } from 'zustand';
import type { LessonContent } from '../lessons/schema';
import type { Prediction, Score, Step } from '../lessons/predict';
import { SavedPrediction, progressFile, type ProgressFile } from '../lessons/progress';
import * as z from 'zod/mini';
import { STORAGE_PREFIX, loadJson, saveJson } from './persist';

export const PROGRESS_KEY = `${STORAGE_PREFIX}lessons:done`;
export const PREDICTIONS_KEY = `${STORAGE_PREFIX}lessons:predictions`;
export const LESSONS_UI_KEY = `${STORAGE_PREFIX}lessons:ui`;

/** The learner's prediction for one program, and how the last scored run went. */
export interface PredictionState {
  status: number | null;
  steps: Step[];
  stepsAnswered: boolean;
  /** The learner chose not to predict (the card folds away until they ask for it). */
  skipped: boolean;
  /** The prediction as it was when Run was pressed, with the choices shown. */
  locked: { prediction: Prediction; choices: Step[] } | null;
  score: Score | null;
  /** The real outcome of the last run of this program (shown even without a prediction). */
  actual: { status: number; timeline: string[] } | null;
}

export function emptyPrediction(): PredictionState {
  return { status: null, steps: [], stepsAnswered: false, skipped: false, locked: null, score: null, actual: null };
}

/** Wide enough for the full sidebar beside a lesson and a side-by-side editor and terminal. */
export const WIDE_QUERY = '(min-width: 1500px)';

function wide(): boolean {
  try {
    return window.matchMedia(WIDE_QUERY).matches;
  } catch {
    return true;
  }
}

/**
 * Whether the sidebar shows the full list (else a slim rail): the learner's choice, or by
 * default the full list in the playground and on wide screens.
 */
export function sidebarOpenOf(s: { sidebarPref: boolean | null; current: unknown }): boolean {
  return s.sidebarPref ?? (s.current === null || wide());
}

export interface LessonsState {
  /** The open lesson and program; null in the playground. */
  current: { lessonId: string; program: string } | null;
  /** The open lesson's prose and programs, once loaded. */
  lesson: LessonContent | null;
  /** The open lesson came from a lesson link (someone's own lesson), not from the curriculum. */
  fromLink: boolean;
  /** The open lesson's runtime (null in the playground): the hook for the Node runtime. */
  runtime: 'python' | 'node' | null;
  /** Lessons run at least once, by id. */
  done: Record<string, true>;
  /** The learner's choice for the sidebar (full list or a slim rail); null: not chosen yet. */
  sidebarPref: boolean | null;
  /** Phone width: the sidebar as a drawer over the page. */
  drawerOpen: boolean;
  query: string;
  /** By program key (`<lessonId>:<program>`). */
  predictions: Record<string, PredictionState>;
  loadError: string | null;

  markDone(lessonId: string): void;
  resetProgress(): void;
  setSidebarPref(open: boolean): void;
  setDrawerOpen(open: boolean): void;
  setQuery(query: string): void;
  updatePrediction(key: string, patch: Partial<PredictionState>): void;
  /** What "Export progress" saves. */
  exportProgress(): ProgressFile;
  /** "Import progress": the file's lessons are added to those done, its predictions replace those of the same programs. */
  importProgress(progress: ProgressFile): { lessons: number; predictions: number };
}

interface SavedUi {
  sidebarOpen?: boolean;
}

function loadDone(): Record<string, true> {
  const list = loadJson<unknown>(PROGRESS_KEY);
  const done: Record<string, true> = {};
  if (Array.isArray(list)) for (const id of list) if (typeof id === 'string') done[id] = true;
  return done;
}

/** Predictions kept across reloads: what was predicted and scored (a run in progress is not kept). */
function loadPredictions(): Record<string, PredictionState> {
  const saved = loadJson<unknown>(PREDICTIONS_KEY);
  const out: Record<string, PredictionState> = {};
  if (typeof saved !== 'object' || saved === null) return out;
  for (const [key, value] of Object.entries(saved)) {
    const p = z.safeParse(SavedPrediction, value);
    if (p.success) out[key] = { ...(p.data as Omit<PredictionState, 'locked'>), locked: null };
  }
  return out;
}

function savedOf(predictions: Record<string, PredictionState>): Record<string, SavedPrediction> {
  const out: Record<string, SavedPrediction> = {};
  for (const [key, { locked: _locked, ...kept }] of Object.entries(predictions)) out[key] = kept as SavedPrediction;
  return out;
}

export const useLessonsStore = create<LessonsState>()((set, get) => ({
  current: null,
  lesson: null,
  fromLink: false,
  runtime: null,
  done: loadDone(),
  sidebarPref: loadJson<SavedUi>(LESSONS_UI_KEY)?.sidebarOpen ?? null,
  drawerOpen: false,
  query: '',
  predictions: loadPredictions(),
  loadError: null,

  markDone(lessonId) {
    if (get().done[lessonId]) return;
    const done = { ...get().done, [lessonId]: true as const };
    set({ done });
    saveJson(PROGRESS_KEY, Object.keys(done));
  },

  resetProgress() {
    set({ done: {}, predictions: {} });
    saveJson(PROGRESS_KEY, []);
    saveJson(PREDICTIONS_KEY, {});
  },

  setSidebarPref(sidebarOpen) {
    set({ sidebarPref: sidebarOpen });
    saveJson(LESSONS_UI_KEY, { sidebarOpen } satisfies SavedUi);
  },

  setDrawerOpen(drawerOpen) {
    set({ drawerOpen });
  },

  setQuery(query) {
    set({ query });
  },

  updatePrediction(key, patch) {
    const before = get().predictions[key] ?? emptyPrediction();
    set({ predictions: { ...get().predictions, [key]: { ...before, ...patch } } });
    saveJson(PREDICTIONS_KEY, savedOf(get().predictions));
  },

  exportProgress() {
    return progressFile(Object.keys(get().done), savedOf(get().predictions));
  },

  importProgress(progress) {
    const done = { ...get().done };
    for (const id of progress.done) done[id] = true;
    const predictions = { ...get().predictions };
    for (const [key, p] of Object.entries(progress.predictions)) predictions[key] = { ...(p as Omit<PredictionState, 'locked'>), locked: null };
    set({ done, predictions });
    saveJson(PROGRESS_KEY, Object.keys(done));
    saveJson(PREDICTIONS_KEY, savedOf(predictions));
    return { lessons: progress.done.length, predictions: Object.keys(progress.predictions).length };
  },
}));
