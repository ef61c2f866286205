import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The disk slice as a fresh page load sees it (same IndexedDB, new modules). */
async function load(): Promise<typeof import('./disk').useDiskStore> {
  vi.resetModules();
  return (await import('./disk')).useDiskStore;
}

/** Lets IndexedDB's transactions (which the slice does not await) complete. */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 20));

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('disk slice', () => {
  it('keeps what a run wrote for the next run, and after a reload', async () => {
    let disk = await load();
    await disk.getState().load();
    expect(disk.getState()).toMatchObject({ files: [], loaded: true });
    disk.getState().replaceFromRun([
      { path: 'b.txt', data: text('two') },
      { path: 'a.txt', data: text('one') },
    ]);
    expect(disk.getState().forRun().map((f) => f.path)).toEqual(['a.txt', 'b.txt']);
    await settle();

    disk = await load();
    await disk.getState().load();
    expect(disk.getState().forRun()).toEqual([
      { path: 'a.txt', data: text('one') },
      { path: 'b.txt', data: text('two') },
    ]);
  });

  it('tells new, changed and deleted files apart, and keeps the time of a file no run changed', async () => {
    const disk = await load();
    await disk.getState().load();
    disk.getState().replaceFromRun([{ path: 'keep', data: text('k') }, { path: 'edit', data: text('1') }, { path: 'gone', data: text('g') }]);
    expect(disk.getState().changes).toEqual({ keep: 'new', edit: 'new', gone: 'new' });
    const kept = disk.getState().files.find((f) => f.path === 'keep')!.mtime;
    await new Promise((r) => setTimeout(r, 5));
    disk.getState().replaceFromRun([{ path: 'keep', data: text('k') }, { path: 'edit', data: text('2') }, { path: 'added', data: text('a') }]);
    expect(disk.getState().changes).toEqual({ edit: 'changed', added: 'new' });
    expect(disk.getState().deleted).toEqual(['gone']);
    expect(disk.getState().files.find((f) => f.path === 'keep')!.mtime).toBe(kept);
  });

  it('keeps each program\'s disk apart, and clear() empties only the open one', async () => {
    let disk = await load();
    await disk.getState().load('one:main');
    disk.getState().replaceFromRun([{ path: 'x', data: text('1') }]);
    await disk.getState().load('two:main');
    expect(disk.getState().files).toEqual([]);
    disk.getState().replaceFromRun([{ path: 'y', data: text('2') }]);
    disk.getState().clear();
    await settle();

    disk = await load();
    await disk.getState().load('one:main');
    expect(disk.getState().files.map((f) => f.path)).toEqual(['x']);
    await disk.getState().load('two:main');
    expect(disk.getState().files).toEqual([]);
  });

  it('works in memory when the browser has no IndexedDB', async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error: a browser without IndexedDB (some private modes)
    delete globalThis.indexedDB;
    try {
      const disk = await load();
      await disk.getState().load();
      disk.getState().replaceFromRun([{ path: 'a', data: text('1') }]);
      expect(disk.getState().forRun().map((f) => f.path)).toEqual(['a']);
    } finally {
      globalThis.indexedDB = saved;
    }
  });

  it('keeps nothing in IndexedDB when told not to persist (an embed)', async () => {
    let disk = await load();
    disk.setState({ persist: false });
    await disk.getState().load();
    disk.getState().replaceFromRun([{ path: 'a', data: text('1') }]);
    expect(disk.getState().forRun().map((f) => f.path)).toEqual(['a']);
    await settle();
    disk = await load();
    await disk.getState().load();
    expect(disk.getState().files).toEqual([]);
  });
});
