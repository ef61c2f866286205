/**
 * Where the page keeps what must survive a reload: drafts and command lines in
 * localStorage (small text), the per-program disk in IndexedDB (binary, can be
 * large). Every access is guarded: a browser without storage (private mode,
 * quota exceeded) keeps working in memory and says so once.
 */

export const STORAGE_PREFIX = 'exitlab:';

/** `exitlab:draft:default:main` */
export function draftKey(programKey: string): string {
  return `${STORAGE_PREFIX}draft:${programKey}`;
}
export function commandKey(programKey: string): string {
  return `${STORAGE_PREFIX}cmd:${programKey}`;
}
export const SETTINGS_KEY = `${STORAGE_PREFIX}settings`;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadText(key: string): string | null {
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Saves (or removes, for null); returns false when the browser refused. */
export function saveText(key: string, value: string | null): boolean {
  const s = storage();
  if (!s) return false;
  try {
    if (value === null) s.removeItem(key);
    else s.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export function loadJson<T>(key: string): T | null {
  const text = loadText(key);
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export function saveJson(key: string, value: unknown): boolean {
  return saveText(key, JSON.stringify(value));
}

// ---- IndexedDB: one object store of disks, keyed by program key ----

const DB_NAME = 'exitlab';
const DB_VERSION = 1;
const DISKS = 'disks';

let dbPromise: Promise<IDBDatabase | null> | null = null;

function openDb(): Promise<IDBDatabase | null> {
  if (dbPromise) return dbPromise;
  dbPromise = new Promise((resolve) => {
    try {
      if (typeof indexedDB === 'undefined') {
        resolve(null);
        return;
      }
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(DISKS)) req.result.createObjectStore(DISKS);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
      req.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return dbPromise;
}

export interface StoredFile {
  path: string;
  data: Uint8Array;
  /** ms since epoch of the run that last wrote it. */
  mtime: number;
}

export async function loadDisk(programKey: string): Promise<StoredFile[] | null> {
  const db = await openDb();
  if (!db) return null;
  return new Promise((resolve) => {
    try {
      const req = db.transaction(DISKS, 'readonly').objectStore(DISKS).get(programKey);
      req.onsuccess = () => {
        const value = req.result as StoredFile[] | undefined;
        resolve(Array.isArray(value) ? value : null);
      };
      req.onerror = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
}

export async function saveDisk(programKey: string, files: StoredFile[] | null): Promise<boolean> {
  const db = await openDb();
  if (!db) return false;
  return new Promise((resolve) => {
    try {
      const tx = db.transaction(DISKS, 'readwrite');
      const store = tx.objectStore(DISKS);
      if (files === null || files.length === 0) store.delete(programKey);
      else store.put(files, programKey);
      tx.oncomplete = () => resolve(true);
      tx.onerror = () => resolve(false);
      tx.onabort = () => resolve(false);
    } catch {
      resolve(false);
    }
  });
}
