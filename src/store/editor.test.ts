import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { makeCodeLink } from '../links';
import { DEFAULT_PROGRAM, type ProgramDefaults } from './defaults';
import { commandKey, draftKey } from './persist';
import { installMemoryStorage, type MemoryStorage } from './testing/memory-storage';

let storage: MemoryStorage;

/** The editor and disk slices as a fresh page load sees them (same storage, new modules). */
async function load(): Promise<{ editor: typeof import('./editor').useEditorStore; disk: typeof import('./disk').useDiskStore }> {
  vi.resetModules();
  const [{ useEditorStore }, { useDiskStore }] = await Promise.all([import('./editor'), import('./disk')]);
  return { editor: useEditorStore, disk: useDiskStore };
}

const LESSON: ProgramDefaults = { lessonId: 'atexit', program: 'handlers', filename: 'main.py', command: 'python main.py', source: 'print(1)\n' };
const DRAFT = draftKey('default:main');

beforeEach(() => {
  storage = installMemoryStorage();
  globalThis.indexedDB = new IDBFactory();
});

describe('editor slice: drafts', () => {
  it('saves an edit as the draft, and reopens it after a reload', async () => {
    let { editor } = await load();
    editor.getState().init('');
    expect(editor.getState()).toMatchObject({ source: DEFAULT_PROGRAM.source, origin: 'draft', notice: null });
    editor.getState().editorChanged('print("mine")\n');
    expect(storage.getItem(DRAFT)).toBe('print("mine")\n');

    ({ editor } = await load());
    editor.getState().init('');
    expect(editor.getState().source).toBe('print("mine")\n');
  });

  it('keeps no draft that equals the original snippet', async () => {
    const { editor } = await load();
    editor.getState().init('');
    editor.getState().editorChanged('changed\n');
    editor.getState().editorChanged(DEFAULT_PROGRAM.source);
    expect(storage.getItem(DRAFT)).toBeNull();
  });

  it('keeps each program\'s draft and command line apart', async () => {
    const { editor } = await load();
    editor.getState().init('');
    editor.getState().editorChanged('playground\n');
    editor.getState().openProgram(LESSON);
    expect(editor.getState().source).toBe(LESSON.source);
    editor.getState().editorChanged('lesson draft\n');
    editor.getState().setCommandLine('python main.py | cat');
    editor.getState().openProgram(DEFAULT_PROGRAM);
    expect(editor.getState()).toMatchObject({ source: 'playground\n', commandLine: 'python main.py' });
    editor.getState().openProgram(LESSON);
    expect(editor.getState()).toMatchObject({ source: 'lesson draft\n', commandLine: 'python main.py | cat' });
    expect(storage.getItem(commandKey('atexit:handlers'))).toBe('python main.py | cat');
  });

  it('says once when the browser refuses to save, keeps the text in memory, and clears the notice when saving works again', async () => {
    const { editor } = await load();
    editor.getState().init('');
    storage.refuse = true;
    editor.getState().editorChanged('unsaved\n');
    expect(editor.getState().source).toBe('unsaved\n');
    expect(editor.getState().storageProblem).toMatch(/could not be saved/);
    storage.refuse = false;
    editor.getState().editorChanged('saved\n');
    expect(editor.getState().storageProblem).toBeNull();
    expect(storage.getItem(DRAFT)).toBe('saved\n');
  });
});

describe('editor slice: links', () => {
  it('shows a link\'s code without touching the draft, until the learner keeps it', async () => {
    storage.setItem(DRAFT, 'my draft\n');
    const { editor } = await load();
    const link = makeCodeLink('https://exitlab.example/', 'print("from a link")\n', { lessonId: 'atexit', program: 'handlers' });
    editor.getState().init(link.slice(link.indexOf('#')));
    expect(editor.getState()).toMatchObject({
      source: 'print("from a link")\n',
      origin: 'link',
      notice: { kind: 'link', lessonId: 'atexit', program: 'handlers' },
    });
    editor.getState().editorChanged('print("edited link")\n');
    expect(storage.getItem(DRAFT)).toBe('my draft\n');
    editor.getState().backToDraft();
    expect(editor.getState()).toMatchObject({ source: 'my draft\n', origin: 'draft', notice: null });

    editor.getState().init(link.slice(link.indexOf('#')));
    editor.getState().keepAsDraft();
    expect(storage.getItem(DRAFT)).toBe('print("from a link")\n');
  });

  it('falls back to the draft with a notice for a damaged link', async () => {
    storage.setItem(DRAFT, 'my draft\n');
    const { editor } = await load();
    const link = makeCodeLink('https://exitlab.example/', 'print(1)\n');
    editor.getState().init(link.slice(link.indexOf('#')).replace(/&h=[0-9a-f]+$/, '&h=00000000'));
    expect(editor.getState().source).toBe('my draft\n');
    expect(editor.getState().notice).toMatchObject({ kind: 'damaged' });
  });
});

describe('editor slice: reset and undo', () => {
  it('puts back the original snippet, command line and an empty disk, and undo brings all three back', async () => {
    const { editor, disk } = await load();
    editor.getState().init('');
    await disk.getState().load();
    editor.getState().editorChanged('draft\n');
    editor.getState().setCommandLine('python main.py arg');
    disk.getState().replaceFromRun([{ path: 'notes.txt', data: new TextEncoder().encode('kept') }]);

    editor.getState().resetToOriginal();
    expect(editor.getState()).toMatchObject({ source: DEFAULT_PROGRAM.source, commandLine: 'python main.py' });
    expect(disk.getState().files).toEqual([]);
    expect(storage.getItem(DRAFT)).toBeNull();

    editor.getState().undoReset();
    expect(editor.getState()).toMatchObject({ source: 'draft\n', commandLine: 'python main.py arg', undo: null });
    expect(disk.getState().files.map((f) => f.path)).toEqual(['notes.txt']);
    expect(storage.getItem(DRAFT)).toBe('draft\n');
  });
});
