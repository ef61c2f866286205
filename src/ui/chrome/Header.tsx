import { sidebarOpenOf, useLessonsStore } from '../../store/lessons';
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
  const { pythonVersion, pyodideVersion } = engine.info;
  return (
    <span className="engine-state ready" data-testid="engine-state" title={`Pyodide ${pyodideVersion}, running in your browser`}>
      <span className="dot" aria-hidden="true" />
      Python {pythonVersion}
    </span>
  );
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
      <EngineState />
    </header>
  );
}
