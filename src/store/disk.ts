/**
 * Disk slice: the files a program wrote in its working directory, kept for its
 * next run (each run is a fresh interpreter, the disk is not). Persisted per
 * program in IndexedDB, so they also survive a reload; an embed keeps them in memory only
 * (`persist: false`), so that snippets of an article share nothing with each other or with
 * the playground.
 */
import { create } from 'zustand';
import type { WorkFile } from '../engine/protocol';
import { DEFAULT_PROGRAM, programKeyOf } from './defaults';
import { loadDisk, saveDisk, type StoredFile } from './persist';

export type FileChange = 'new' | 'changed';

export interface DiskState {
  programKey: string;
  files: StoredFile[];
  /** Whether files are kept in IndexedDB (else in memory, for this page only). */
  persist: boolean;
  /** Whether the stored files have been read (runs wait for it). */
  loaded: boolean;
  /** What the last run created or changed, by path; and what it deleted. */
  changes: Record<string, FileChange>;
  deleted: string[];
  /** Reads the program's stored disk. */
  load(programKey?: string): Promise<void>;
  /** The files to hand to a run. */
  forRun(): WorkFile[];
  /** A run ended: its working directory is the new disk. */
  replaceFromRun(files: WorkFile[]): void;
  clear(): void;
  restore(files: StoredFile[]): void;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

let loading: Promise<void> | null = null;

export const useDiskStore = create<DiskState>()((set, get) => ({
  programKey: programKeyOf(DEFAULT_PROGRAM),
  files: [],
  persist: true,
  loaded: false,
  changes: {},
  deleted: [],

  load(programKey) {
    const key = programKey ?? get().programKey;
    if (loading && key === get().programKey) return loading;
    set({ programKey: key, loaded: false });
    loading = (get().persist ? loadDisk(key) : Promise.resolve(null)).then((files) => {
      if (get().programKey !== key) return;
      set({ files: files ?? [], loaded: true, changes: {}, deleted: [] });
    });
    return loading;
  },

  forRun() {
    return get().files.map((f) => ({ path: f.path, data: f.data }));
  },

  replaceFromRun(files) {
    const before = new Map(get().files.map((f) => [f.path, f]));
    const now = Date.now();
    const changes: Record<string, FileChange> = {};
    const next: StoredFile[] = files
      .slice()
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((f) => {
        const old = before.get(f.path);
        if (!old) changes[f.path] = 'new';
        else if (!sameBytes(old.data, f.data)) changes[f.path] = 'changed';
        const unchanged = old !== undefined && changes[f.path] === undefined;
        return { path: f.path, data: f.data, mtime: unchanged ? old.mtime : now };
      });
    const kept = new Set(next.map((f) => f.path));
    const deleted = [...before.keys()].filter((p) => !kept.has(p));
    set({ files: next, changes, deleted });
    if (get().persist) void saveDisk(get().programKey, next);
  },

  clear() {
    set({ files: [], changes: {}, deleted: [] });
    if (get().persist) void saveDisk(get().programKey, null);
  },

  restore(files) {
    set({ files, changes: {}, deleted: [] });
    if (get().persist) void saveDisk(get().programKey, files);
  },
}));
