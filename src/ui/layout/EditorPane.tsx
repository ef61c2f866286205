import { useEditorStore } from '../../store/editor';
import { share } from '../chrome/SharePanel';
import { CodeEditor } from '../editor/CodeEditor';

export function EditorPane() {
  const filename = useEditorStore((s) => s.program.filename);
  const origin = useEditorStore((s) => s.origin);
  const reset = useEditorStore((s) => s.resetToOriginal);
  return (
    <section className="pane editor-pane" aria-label="Editor">
      <div className="pane-header">
        <div className="tab" aria-current="page">
          <svg viewBox="0 0 16 16" aria-hidden="true" className="file-icon">
            <path d="M4 1.5h5.5L13 5v9.5H4z" />
            <path d="M9.5 1.5V5H13" />
          </svg>
          {filename}
          {origin === 'link' && <span className="chip">from a link</span>}
        </div>
        <div className="pane-actions">
          <button
            type="button"
            className="btn ghost small"
            onClick={reset}
            title="Put back the original snippet and clear the program's files (can be undone)"
          >
            Reset
          </button>
          <button type="button" className="btn ghost small" onClick={() => void share()} title="Copy a link to this code">
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M6.5 9.5l3-3M7 4.5l1.2-1.2a2.5 2.5 0 013.5 3.5L10.5 8M9 11.5l-1.2 1.2a2.5 2.5 0 01-3.5-3.5L5.5 8" />
            </svg>
            Share
          </button>
        </div>
      </div>
      <CodeEditor />
    </section>
  );
}
