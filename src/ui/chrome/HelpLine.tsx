const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl';

export function HelpLine() {
  return (
    <footer className="help-line" aria-label="Keyboard help">
      <span>
        <kbd>{mod}</kbd>+<kbd>Enter</kbd> run
      </span>
      <span>
        Editor: <kbd>Esc</kbd> then <kbd>Tab</kbd> leaves · <kbd>Ctrl</kbd>+<kbd>M</kbd> toggles Tab-moves-focus
      </span>
      <span>
        Terminal: <kbd>Enter</kbd> sends a line · <kbd>Ctrl</kbd>+<kbd>D</kbd> end of input · <kbd>Ctrl</kbd>+<kbd>C</kbd>{' '}
        SIGINT (copies a selection) · <kbd>Tab</kbd> leaves
      </span>
    </footer>
  );
}
