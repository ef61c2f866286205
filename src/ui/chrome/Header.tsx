import { useAuthorStore } from '../../store/author';
import { sidebarOpenOf, useLessonsStore } from '../../store/lessons';
import type { BlockingPath } from '../../engine/protocol';
import { canSuspend } from '../../engine/suspend';
import { ENGINE_CHOICE_KEY, pageIsIsolated } from '../../hosts/browser/engine';
import { useRunStore } from '../../store/run';
import { SIDEBAR_ID, toggleLessons } from '../lessons/LessonSidebar';

function EngineState() {
  const engine = useRunStore((s) => s.engine);
  if (engine.state === 'failed') {
    return (
      <span className="engine-state failed" role="status">
        Python failed to start{engine.message ? `: ${engine.message}` : ''}
      </span>
    );
  }
  if (engine.state === 'booting' || !engine.info) {
    const pct = Math.max(0, Math.min(100, Math.round(engine.percent)));
    return (
      <span className="engine-state booting" role="status" data-testid="engine-state">
        <span className="label">Starting Python… {pct}%</span>
        <span className="bar" role="progressbar" aria-label="Starting Python" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <span style={{ width: `${pct}%` }} />
        </span>
      </span>
    );
  }
  const { pythonVersion, pyodideVersion, blocking, fromSnapshot, bootMs } = engine.info;
  return (
    <details className="engine-about">
      <summary className="engine-state ready" data-testid="engine-state" title="About this Python">
        <span className="dot" aria-hidden="true" />
        Python {pythonVersion}
      </summary>
      <div className="engine-about-panel" data-testid="engine-about">
        <p>
          <strong>Python {pythonVersion}</strong> (Pyodide {pyodideVersion}) in a worker of this page, one fresh
          interpreter per run ({fromSnapshot ? 'restored from a memory snapshot' : 'booted'} in {bootMs} ms).
        </p>
        <p data-testid="engine-path" data-path={blocking}>
          {BLOCKING_TEXT[blocking]}
          {blocking === 'shared-memory' && isolatedByServiceWorker() ? ISOLATED_BY_WORKER : null}
        </p>
        <PathSwitch current={blocking} />
      </div>
    </details>
  );
}

const PATH_LABEL: Record<BlockingPath, string> = {
  suspension: 'suspension',
  'shared-memory': 'shared memory',
  none: 'neither',
};

/** Where the browser offers both paths, the learner may compare them (the choice is kept). */
function PathSwitch({ current }: { current: BlockingPath }) {
  const others = (['suspension', 'shared-memory'] as const).filter(
    (p) => p !== current && (p === 'suspension' ? canSuspend() : pageIsIsolated()),
  );
  if (others.length === 0) return null;
  return (
    <p>
      {others.map((p) => (
        <button
          key={p}
          type="button"
          className="btn ghost small"
          onClick={() => {
            try {
              localStorage.setItem(ENGINE_CHOICE_KEY, p);
            } catch {
              /* not kept: the reload below still asks for it */
            }
            const url = new URL(location.href);
            if (!url.searchParams.has('engine')) return location.reload();
            url.searchParams.delete('engine');
            location.replace(url.href);
          }}
        >
          Use {PATH_LABEL[p]} instead (reloads the page)
        </button>
      ))}
    </p>
  );
}

/** What each way of blocking means for the learner (one source: the engine's `BlockingPath`). */
const BLOCKING_TEXT: Record<BlockingPath, string> = {
  suspension:
    'Blocking by suspension (JSPI): while a program sleeps, waits for input or for a signal, WebAssembly is suspended and the page’s messages still reach it. No special server headers are needed.',
  'shared-memory':
    'Blocking on shared memory: this page is cross-origin isolated, so the Python worker waits on a SharedArrayBuffer that the page writes typed input and signals into.',
  none: 'Neither JSPI nor cross-origin isolation here: a program gets only the input typed before Run, signals cannot reach it, and Stop discards its worker.',
};

const ISOLATED_BY_WORKER =
  ' The server sends no isolation headers: a service worker of this site adds them (the page reloaded once for it).';

/** Whether the page is isolated thanks to the coi-serviceworker that index.html registers. */
function isolatedByServiceWorker(): boolean {
  const url = typeof navigator !== 'undefined' ? navigator.serviceWorker?.controller?.scriptURL : undefined;
  return Boolean(url && /\/coi-serviceworker\.js$/.test(new URL(url).pathname));
}

function LessonsToggle() {
  const open = useLessonsStore(sidebarOpenOf);
  const drawer = useLessonsStore((s) => s.drawerOpen);
  return (
    <button
      type="button"
      className="btn ghost small lessons-toggle"
      aria-controls={SIDEBAR_ID}
      aria-expanded={open}
      data-drawer={drawer ? 'open' : 'closed'}
      onClick={toggleLessons}
      title="Show or hide the lessons"
    >
      <svg viewBox="0 0 16 16" aria-hidden="true">
        <path d="M2.5 4h11M2.5 8h11M2.5 12h11" />
      </svg>
      <span className="toggle-label">Lessons</span>
    </button>
  );
}

export function Header() {
  return (
    <header className="header">
      <div className="brand">
        <LessonsToggle />
        <svg className="logo" viewBox="0 0 32 32" aria-hidden="true">
          <rect width="32" height="32" rx="8" />
          <path d="M9 9h9v3h-6v2.5h5v3h-5V20h6v3H9z" />
          <path className="arrow" d="M20 13l4 3-4 3" />
        </svg>
        <span className="name">Exit Lab</span>
        <span className="tagline">how Python programs end</span>
      </div>
      <button type="button" className="btn ghost small new-lesson" onClick={() => useAuthorStore.getState().setOpen(true)} title="Write a lesson of your own">
        New lesson
      </button>
      <EngineState />
    </header>
  );
}
