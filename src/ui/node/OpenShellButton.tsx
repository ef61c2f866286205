/** "Open shell": an interactive `jsh` (the WebContainer's shell) in the terminal; boots Node.js on demand. */
import { useRunStore } from '../../store/run';
import { services } from '../services';
import { useNodeUi } from '../../store/node';

export function OpenShellButton() {
  const shellOpen = useNodeUi((s) => s.shellOpen);
  const running = useRunStore((s) => s.phase === 'running');
  return (
    <button
      type="button"
      className="btn ghost small icon"
      aria-label="Open shell"
      onClick={() => void services().controller.openShell()}
      disabled={shellOpen && running}
      title="Open jsh, the WebContainer's Node.js shell, in the terminal (needs a network connection to StackBlitz)"
    >
      <svg viewBox="0 0 16 16" aria-hidden="true">
        <path d="M3 4.5l3.5 3.5L3 11.5M8 12h5" />
      </svg>
    </button>
  );
}
