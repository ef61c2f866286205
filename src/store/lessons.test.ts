import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installMemoryStorage, type MemoryStorage } from './testing/memory-storage';

let storage: MemoryStorage;

/** The lessons slice as a fresh page load sees it (same storage, new modules). */
async function load(): Promise<typeof import('./lessons')> {
  vi.resetModules();
  return import('./lessons');
}

beforeEach(() => {
  storage = installMemoryStorage();
});

describe('lessons slice', () => {
  it('keeps completed lessons across a reload, and forgets them on reset', async () => {
    let m = await load();
    m.useLessonsStore.getState().markDone('atexit');
    m.useLessonsStore.getState().markDone('os-exit');
    m.useLessonsStore.getState().markDone('atexit');
    expect(JSON.parse(storage.getItem(m.PROGRESS_KEY)!)).toEqual(['atexit', 'os-exit']);

    m = await load();
    expect(m.useLessonsStore.getState().done).toEqual({ atexit: true, 'os-exit': true });
    m.useLessonsStore.getState().resetProgress();
    m = await load();
    expect(m.useLessonsStore.getState().done).toEqual({});
  });

  it('starts with no progress from a damaged or foreign value, instead of failing', async () => {
    const { PROGRESS_KEY } = await load();
    for (const value of ['{not json', '{"atexit": true}', '[1, null, "ok"]']) {
      storage.setItem(PROGRESS_KEY, value);
      const m = await load();
      expect(m.useLessonsStore.getState().done).toEqual(value.startsWith('[') ? { ok: true } : {});
    }
  });

  it('remembers the sidebar choice; until one is made, the playground shows the full list', async () => {
    let m = await load();
    expect(m.sidebarOpenOf({ sidebarPref: m.useLessonsStore.getState().sidebarPref, current: null })).toBe(true);
    m.useLessonsStore.getState().setSidebarPref(false);
    m = await load();
    expect(m.useLessonsStore.getState().sidebarPref).toBe(false);
    expect(m.sidebarOpenOf({ sidebarPref: false, current: null })).toBe(false);
  });

  it('merges a prediction update into what the program had', async () => {
    const { useLessonsStore, emptyPrediction } = await load();
    useLessonsStore.getState().updatePrediction('atexit:handlers', { status: 2 });
    useLessonsStore.getState().updatePrediction('atexit:handlers', { steps: ['atexit save'], stepsAnswered: true });
    expect(useLessonsStore.getState().predictions['atexit:handlers']).toEqual({
      ...emptyPrediction(),
      status: 2,
      steps: ['atexit save'],
      stepsAnswered: true,
    });
    expect(useLessonsStore.getState().predictions['atexit:killed']).toBeUndefined();
  });

  it('keeps predictions across a reload (not a run in progress), and imports a progress file', async () => {
    let m = await load();
    m.useLessonsStore.getState().updatePrediction('atexit:handlers', { status: 2, stepsAnswered: true, locked: { prediction: { status: 2, steps: [], stepsAnswered: true }, choices: [] } });
    m = await load();
    expect(m.useLessonsStore.getState().predictions['atexit:handlers']).toMatchObject({ status: 2, stepsAnswered: true, locked: null });

    const file = m.useLessonsStore.getState().exportProgress();
    m.useLessonsStore.getState().markDone('os-exit');
    m.useLessonsStore.getState().resetProgress();
    m = await load();
    expect(m.useLessonsStore.getState().predictions).toEqual({});
    expect(m.useLessonsStore.getState().importProgress({ ...file, done: ['atexit'] })).toEqual({ lessons: 1, predictions: 1 });
    m = await load();
    expect(m.useLessonsStore.getState().done).toEqual({ atexit: true });
    expect(m.useLessonsStore.getState().predictions['atexit:handlers']?.status).toBe(2);
  });
});
