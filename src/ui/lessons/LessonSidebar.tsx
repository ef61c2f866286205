/**
 * The lessons in order, with progress and search; the playground as its own entry.
 * Collapsible on a wide screen, a drawer over the page at phone width.
 */
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { MAX_PROGRESS_BYTES, readProgressFile } from '../../lessons/progress';
import { sidebarOpenOf, useLessonsStore } from '../../store/lessons';
import { LESSONS, matchesQuery, matchingTopics } from './catalog';
import { goToLesson, goToPlayground } from './navigate';
import { downloadText } from '../download';

export const SIDEBAR_ID = 'lesson-sidebar';

/** Phone width: the sidebar is a drawer. Matches the stylesheet's breakpoint. */
export const PHONE_QUERY = '(max-width: 760px)';

export function isPhone(): boolean {
  try {
    return window.matchMedia(PHONE_QUERY).matches;
  } catch {
    return false;
  }
}

/** The header's "Lessons" button: collapses the sidebar, or opens the drawer on a phone. */
export function toggleLessons(): void {
  const s = useLessonsStore.getState();
  if (isPhone()) s.setDrawerOpen(!s.drawerOpen);
  else s.setSidebarPref(!sidebarOpenOf(s));
}

/** Shows the full list (a topic was picked, or the rail's search button): the drawer on a phone. */
export function showLessonList(focusSearch = false): void {
  const s = useLessonsStore.getState();
  if (isPhone()) s.setDrawerOpen(true);
  else if (!sidebarOpenOf(s)) s.setSidebarPref(true);
  if (focusSearch) setTimeout(() => document.querySelector<HTMLInputElement>(`#${SIDEBAR_ID} input[type="search"]`)?.focus(), 0);
}

function plainClick(e: MouseEvent): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;
}

function Check({ done }: { done: boolean }) {
  return (
    <span className={`lesson-check${done ? ' done' : ''}`} aria-hidden="true">
      {done && (
        <svg viewBox="0 0 12 12">
          <path d="M2.5 6.2l2.3 2.3 4.7-5" />
        </svg>
      )}
    </span>
  );
}

/** The collapsed sidebar: one numbered dot per lesson, done ones filled. */
function LessonRail() {
  const current = useLessonsStore((s) => s.current);
  const done = useLessonsStore((s) => s.done);
  const doneCount = LESSONS.filter((l) => done[l.id]).length;
  return (
    <nav className="lesson-rail" aria-label="Lessons (compact)" data-testid="lesson-rail">
      <button type="button" className="rail-button" aria-label="Search lessons" title="Search lessons" onClick={() => showLessonList(true)}>
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="7" cy="7" r="4.5" />
          <path d="M10.5 10.5L14 14" />
        </svg>
      </button>
      <a
        href={location.pathname + location.search}
        className="rail-item playground"
        aria-label="Playground"
        title="Playground"
        aria-current={current === null ? 'page' : undefined}
        onClick={(e) => {
          if (!plainClick(e)) return;
          e.preventDefault();
          void goToPlayground();
        }}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M5 4.5L1.5 8 5 11.5M11 4.5L14.5 8 11 11.5" />
        </svg>
      </a>
      <span className="rail-count" title={`${doneCount} of ${LESSONS.length} lessons done`}>
        {doneCount}/{LESSONS.length}
      </span>
      <ol className="rail-list">
        {LESSONS.map((l) => {
          const isDone = !!done[l.id];
          return (
            <li key={l.id} data-lesson={l.id} data-done={isDone ? 'true' : 'false'}>
              <a
                href={`#lesson/${l.id}`}
                className={`rail-item${isDone ? ' done' : ''}${l.runtime === 'node' ? ' node' : ''}`}
                aria-label={`${l.order}. ${l.title}${isDone ? ' (done)' : ''}`}
                title={`${l.order}. ${l.title}${isDone ? ' · done' : ''}`}
                aria-current={current?.lessonId === l.id ? 'page' : undefined}
                onClick={(e) => {
                  if (!plainClick(e)) return;
                  e.preventDefault();
                  void goToLesson(l.id);
                }}
              >
                {l.order}
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** Export and import of the learner's progress (lessons done, predictions) as a file. */
function ProgressActions() {
  const input = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const exportFile = (): void => {
    const text = `${JSON.stringify(useLessonsStore.getState().exportProgress(), null, 1)}\n`;
    downloadText('exitlab-progress.json', text, 'application/json');
    setNote({ text: 'Progress saved as exitlab-progress.json.', tone: 'ok' });
  };
  const importFile = async (file: File): Promise<void> => {
    if (file.size > MAX_PROGRESS_BYTES) {
      setNote({ text: `Not imported: the file is too large for a progress file (${file.size} bytes).`, tone: 'error' });
      return;
    }
    const read = readProgressFile(await file.text());
    if (!read.ok) {
      setNote({ text: `Not imported: ${read.reason} Your progress is unchanged.`, tone: 'error' });
      return;
    }
    const { lessons, predictions } = useLessonsStore.getState().importProgress(read.progress);
    setNote({ text: `Imported ${lessons} lesson(s) done and ${predictions} prediction(s).`, tone: 'ok' });
  };
  return (
    <div className="sidebar-foot">
      <button type="button" className="link-button" onClick={exportFile}>
        Export progress
      </button>
      <button type="button" className="link-button" onClick={() => input.current?.click()}>
        Import progress
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label="Progress file to import"
        data-testid="progress-file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void importFile(file);
        }}
      />
      {note && (
        <p className={`progress-note ${note.tone}`} role="status" data-testid="progress-note">
          {note.text}
        </p>
      )}
    </div>
  );
}

export function LessonSidebar() {
  const current = useLessonsStore((s) => s.current);
  const done = useLessonsStore((s) => s.done);
  const open = useLessonsStore(sidebarOpenOf);
  const drawer = useLessonsStore((s) => s.drawerOpen);
  const query = useLessonsStore((s) => s.query);
  const setQuery = useLessonsStore((s) => s.setQuery);
  const setDrawer = useLessonsStore((s) => s.setDrawerOpen);
  const nav = useRef<HTMLElement>(null);

  const shown = LESSONS.filter((l) => matchesQuery(l, query));
  const doneCount = LESSONS.filter((l) => done[l.id]).length;
  const pct = LESSONS.length === 0 ? 0 : Math.round((doneCount / LESSONS.length) * 100);

  // The drawer: Escape closes it, and focus moves into it when it opens.
  useEffect(() => {
    if (!drawer) return;
    nav.current?.querySelector<HTMLElement>('input, a')?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setDrawer(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drawer, setDrawer]);

  const classes = ['lesson-sidebar', open ? 'open' : 'collapsed', drawer ? 'drawer-open' : ''].filter(Boolean).join(' ');
  return (
    <>
      {!open && <LessonRail />}
      {drawer && <div className="drawer-backdrop" aria-hidden="true" onClick={() => setDrawer(false)} />}
      <nav ref={nav} id={SIDEBAR_ID} className={classes} aria-label="Lessons" data-testid="lesson-sidebar">
        <div className="sidebar-head">
          <div className="sidebar-title-row">
            <span className="sidebar-title">Lessons</span>
            <span className="sidebar-progress-text" data-testid="lesson-progress">
              {doneCount} of {LESSONS.length} done
            </span>
          </div>
          <span
            className="sidebar-progress"
            role="progressbar"
            aria-label="Lessons done"
            aria-valuemin={0}
            aria-valuemax={LESSONS.length}
            aria-valuenow={doneCount}
          >
            <span style={{ width: `${pct}%` }} />
          </span>
          <div className="sidebar-search">
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <circle cx="7" cy="7" r="4.5" />
              <path d="M10.5 10.5L14 14" />
            </svg>
            <input
              type="search"
              aria-label="Search lessons"
              placeholder="Search title or topic"
              value={query}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape' && query) {
                  e.stopPropagation();
                  setQuery('');
                }
              }}
            />
          </div>
        </div>
        <ol className="lesson-list">
          {!query && (
            <li>
              <a
                href={location.pathname + location.search}
                className="lesson-item playground-item"
                aria-current={current === null ? 'page' : undefined}
                onClick={(e) => {
                  if (!plainClick(e)) return;
                  e.preventDefault();
                  void goToPlayground();
                }}
              >
                <span className="playground-icon" aria-hidden="true">
                  <svg viewBox="0 0 16 16">
                    <path d="M5 4.5L1.5 8 5 11.5M11 4.5L14.5 8 11 11.5" />
                  </svg>
                </span>
                <span className="lesson-text">
                  <span className="lesson-title">Playground</span>
                  <span className="lesson-sub">Your own program, no lesson</span>
                </span>
              </a>
            </li>
          )}
          {shown.map((l) => {
            const isDone = !!done[l.id];
            const topics = matchingTopics(l, query);
            return (
              <li key={l.id} data-lesson={l.id} data-done={isDone ? 'true' : 'false'}>
                <a
                  href={`#lesson/${l.id}`}
                  className="lesson-item"
                  aria-current={current?.lessonId === l.id ? 'page' : undefined}
                  title={l.summary}
                  onClick={(e) => {
                    if (!plainClick(e)) return;
                    e.preventDefault();
                    void goToLesson(l.id);
                  }}
                >
                  <Check done={isDone} />
                  <span className="lesson-text">
                    <span className="lesson-title">
                      <span className="lesson-num">{l.order}.</span> {l.title}
                      {isDone && <span className="visually-hidden"> (done)</span>}
                    </span>
                    {topics.length > 0 && <span className="lesson-sub">{topics.join(' · ')}</span>}
                  </span>
                  {l.runtime === 'node' && <span className="runtime-tag">Node</span>}
                </a>
              </li>
            );
          })}
        </ol>
        {shown.length === 0 && (
          <p className="sidebar-empty" role="status">
            No lesson matches “{query}”.{' '}
            <button type="button" className="link-button" onClick={() => setQuery('')}>
              Clear the search
            </button>
          </p>
        )}
        <ProgressActions />
      </nav>
    </>
  );
}
