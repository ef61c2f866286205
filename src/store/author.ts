/**
 * Author slice: the lesson being written in the browser (frontmatter and prose), whether its
 * editor is open, and what "Check" said. The draft is kept in localStorage, so it survives
 * reloads; "Start over" puts the template back.
 */
import { create } from 'zustand';
import { NEW_LESSON_BODY, NEW_LESSON_FRONTMATTER } from '../lessons/author';
import { STORAGE_PREFIX, loadJson, saveJson } from './persist';

export const AUTHOR_KEY = `${STORAGE_PREFIX}author`;

interface Saved {
  frontmatter: string;
  body: string;
}

export interface AuthorState {
  open: boolean;
  frontmatter: string;
  body: string;
  /** Bumped when the text is replaced from outside the editors (Check, Start over). */
  revision: number;
  checking: boolean;
  /** What the last Check said, a line per program (or why it could not run). */
  report: string[];
  /** The lesson link, once Share was pressed (cleared by any edit). */
  shareLink: string | null;
  setOpen(open: boolean): void;
  edit(part: { frontmatter?: string; body?: string }): void;
  replace(part: { frontmatter?: string; body?: string }): void;
  startOver(): void;
  setCheck(state: { checking: boolean; report?: string[] }): void;
  setShareLink(link: string | null): void;
}

function loadSaved(): Saved {
  const saved = loadJson<Partial<Saved>>(AUTHOR_KEY);
  return {
    frontmatter: typeof saved?.frontmatter === 'string' ? saved.frontmatter : NEW_LESSON_FRONTMATTER,
    body: typeof saved?.body === 'string' ? saved.body : NEW_LESSON_BODY,
  };
}

export const useAuthorStore = create<AuthorState>()((set, get) => {
  const save = (): void => void saveJson(AUTHOR_KEY, { frontmatter: get().frontmatter, body: get().body } satisfies Saved);
  return {
    open: false,
    ...loadSaved(),
    revision: 0,
    checking: false,
    report: [],
    shareLink: null,
    setOpen(open) {
      set({ open });
    },
    edit(part) {
      set({ ...part, shareLink: null });
      save();
    },
    replace(part) {
      set({ ...part, shareLink: null, revision: get().revision + 1 });
      save();
    },
    startOver() {
      get().replace({ frontmatter: NEW_LESSON_FRONTMATTER, body: NEW_LESSON_BODY });
      set({ report: [] });
    },
    setCheck({ checking, report }) {
      set(report === undefined ? { checking } : { checking, report });
    },
    setShareLink(shareLink) {
      set({ shareLink });
    },
  };
});
