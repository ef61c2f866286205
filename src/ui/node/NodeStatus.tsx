/**
 * The Node.js runtime's state in the terminal panel: starting, ready, or, when
 * it cannot start, why (one sentence) and what to do (one sentence), straight
 * from the adapter. Also what the WebContainer did with a signal it cannot
 * send. Shows nothing while Node has never been asked for.
 */
import { useNodeUi } from '../../store/node';

export function NodeStatus() {
  const runtime = useNodeUi((s) => s.runtime);
  const note = useNodeUi((s) => s.signalNote);
  const dismiss = (): void => useNodeUi.setState({ signalNote: null });
  if (runtime.state === 'idle' && note === null) return null;
  return (
    <div className="node-status" data-testid="node-status" data-state={runtime.state} role="status">
      {runtime.state === 'booting' && (
        <p className="node-line">
          <span className="spinner" aria-hidden="true" />
          Starting Node.js in a WebContainer (StackBlitz)… the first start takes a few seconds.
        </p>
      )}
      {runtime.state === 'ready' && (
        <p className="node-line ok">
          <span className="dot" aria-hidden="true" />
          Node.js runs in a WebContainer: Stop and Ctrl+C reach it; SIGTERM and other named signals cannot.
        </p>
      )}
      {runtime.state === 'unavailable' && (
        <div className="node-unavailable" data-reason={runtime.reason}>
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="M8 1.8L14.5 13H1.5z" />
            <path d="M8 6v3.2M8 11.2v.1" />
          </svg>
          <p>
            <strong>{runtime.message}</strong> {runtime.action}
          </p>
        </div>
      )}
      {note !== null && (
        <p className="node-line note" data-testid="node-signal-note">
          {note}
          <button type="button" className="btn ghost small" onClick={dismiss} aria-label="Dismiss">
            ×
          </button>
        </p>
      )}
    </div>
  );
}
