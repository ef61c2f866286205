/**
 * Editor slice: the program's source, its saved draft, the command line, and
 * where the shown code came from (the user's draft or a share link).
 *
 * Drafts: `exitlab:draft:<lessonId>:<program>` in localStorage, written on
 * (debounced) edits; absent when the draft equals the original snippet.
 * A share link's code is shown without touching the saved draft: edits made
 * to it stay in memory until the user keeps it as their draft.
 */
import { create } from 'zustand';
import { parseLocationHash } from '../links';
import { DEFAULT_PROGRAM, programKeyOf, type ProgramDefaults } from './defaults';
import { useDiskStore } from './disk';
import { commandKey, draftKey, loadText, saveText, type StoredFile } from './persist';

export type EditorNotice =
  | { kind: 'link'; lessonId?: string; program?: string }
  | { kind: 'damaged'; reason: string }
  | { kind: 'lesson'; lessonId: string }
  | null;

export interface ResetUndo {
  source: string;
  origin: 'draft' | 'link';
  savedDraft: string | null;
  commandLine: string;
  files: StoredFile[];
  notice: EditorNotice;
}

export interface EditorState {
  program: ProgramDefaults;
  programKey: string;
  /** The latest text the store knows (the editor reports edits debounced). */
  source: string;
  /** `draft`: edits are saved as the draft; `link`: code opened from a share link, not saved. */
  origin: 'draft' | 'link';
  /** Bumped whenever `source` is replaced from outside the editor (reset, link, draft). */
  revision: number;
  commandLine: string;
  notice: EditorNotice;
  /** What Reset replaced, for "Undo reset". */
  undo: ResetUndo | null;
  /** Set when the browser refused to save the draft. */
  storageProblem: string | null;

  /** Opens the program, honouring a share link in `hash` (never running it). */
  init(hash: string): void;
  /**
   * Switches to another program (a lesson's, or the playground's): its saved draft and command
   * line, or `opts.source` from a link (origin `link`, the draft untouched), and its disk.
   */
  openProgram(program: ProgramDefaults, opts?: { source?: string; notice?: EditorNotice }): void;
  /** The user edited the code (debounced by the editor). */
  editorChanged(text: string): void;
  setCommandLine(line: string): void;
  /** From link mode: load the saved draft back. */
  backToDraft(): void;
  /** From link mode: make the shown code the draft. */
  keepAsDraft(): void;
  /** Puts back the original snippet, clears the program's files; undoable. */
  resetToOriginal(): void;
  undoReset(): void;
  dismissUndo(): void;
  dismissNotice(): void;
}

function savedDraft(key: string): string | null {
  return loadText(draftKey(key));
}

const DRAFT_REFUSED =
  'Your draft could not be saved in this browser (storage is full or disabled); it is kept only until you leave the page.';

export const useEditorStore = create<EditorState>()((set, get) => {
  const program = DEFAULT_PROGRAM;
  const key = programKeyOf(program);

  function persistDraft(text: string): void {
    const { program, programKey } = get();
    const ok = saveText(draftKey(programKey), text === program.source ? null : text);
    if (!ok && get().storageProblem === null) set({ storageProblem: DRAFT_REFUSED });
    if (ok && get().storageProblem !== null) set({ storageProblem: null });
  }

  return {
    program,
    programKey: key,
    source: program.source,
    origin: 'draft',
    revision: 0,
    commandLine: program.command,
    notice: null,
    undo: null,
    storageProblem: null,

    init(hash) {
      const { program, programKey } = get();
      const draft = savedDraft(programKey) ?? program.source;
      const commandLine = loadText(commandKey(programKey)) ?? program.command;
      // Timed for the tests and the bench: reading a link is bounded (a link that decompresses
      // past MAX_PROGRAM_CHARS is refused as soon as it passes it).
      const readStart = performance.now();
      const target = parseLocationHash(hash);
      performance.measure('exitlab:read-link', { start: readStart });
      const base = { commandLine, revision: get().revision + 1, undo: null };
      switch (target.kind) {
        case 'code': {
          const notice: EditorNotice = { kind: 'link' };
          if (target.lessonId !== undefined) notice.lessonId = target.lessonId;
          if (target.program !== undefined) notice.program = target.program;
          set({ ...base, source: target.source, origin: 'link', notice });
          break;
        }
        case 'damaged':
          set({ ...base, source: draft, origin: 'draft', notice: { kind: 'damaged', reason: target.reason } });
          break;
        case 'lesson':
          set({ ...base, source: draft, origin: 'draft', notice: { kind: 'lesson', lessonId: target.lessonId } });
          break;
        default:
          set({ ...base, source: draft, origin: 'draft', notice: null });
      }
    },

    openProgram(next, opts = {}) {
      const key = programKeyOf(next);
      const fromLink = opts.source !== undefined;
      set({
        program: next,
        programKey: key,
        source: opts.source ?? savedDraft(key) ?? next.source,
        origin: fromLink ? 'link' : 'draft',
        commandLine: loadText(commandKey(key)) ?? next.command,
        revision: get().revision + 1,
        notice: opts.notice ?? null,
        undo: null,
      });
      if (useDiskStore.getState().programKey !== key) void useDiskStore.getState().load(key);
    },

    editorChanged(text) {
      if (text === get().source) return;
      set({ source: text });
      if (get().origin === 'draft') persistDraft(text);
    },

    setCommandLine(line) {
      set({ commandLine: line });
      const { program, programKey } = get();
      saveText(commandKey(programKey), line === program.command ? null : line);
    },

    backToDraft() {
      const { program, programKey, revision } = get();
      set({
        source: savedDraft(programKey) ?? program.source,
        origin: 'draft',
        revision: revision + 1,
        notice: null,
      });
    },

    keepAsDraft() {
      set({ origin: 'draft', notice: null });
      persistDraft(get().source);
    },

    resetToOriginal() {
      const { program, programKey, source, origin, commandLine, revision, notice } = get();
      const disk = useDiskStore.getState();
      const undo: ResetUndo = {
        source,
        origin,
        savedDraft: savedDraft(programKey),
        commandLine,
        files: disk.files,
        notice,
      };
      saveText(draftKey(programKey), null);
      saveText(commandKey(programKey), null);
      disk.clear();
      set({
        source: program.source,
        origin: 'draft',
        commandLine: program.command,
        revision: revision + 1,
        notice: null,
        undo,
      });
    },

    undoReset() {
      const { undo, programKey, revision } = get();
      if (!undo) return;
      saveText(draftKey(programKey), undo.savedDraft);
      saveText(commandKey(programKey), undo.commandLine === get().program.command ? null : undo.commandLine);
      useDiskStore.getState().restore(undo.files);
      set({
        source: undo.source,
        origin: undo.origin,
        commandLine: undo.commandLine,
        revision: revision + 1,
        notice: undo.notice,
        undo: null,
      });
    },

    dismissUndo() {
      set({ undo: null });
    },

    dismissNotice() {
      set({ notice: null });
    },
  };
});
