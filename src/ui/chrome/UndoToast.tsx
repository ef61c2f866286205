import { useEffect } from 'react';
import { useEditorStore } from '../../store/editor';

const TOAST_MS = 15_000;

export function UndoToast() {
  const undo = useEditorStore((s) => s.undo);
  const undoReset = useEditorStore((s) => s.undoReset);
  const dismiss = useEditorStore((s) => s.dismissUndo);

  useEffect(() => {
    if (!undo) return;
    const t = setTimeout(dismiss, TOAST_MS);
    return () => clearTimeout(t);
  }, [undo, dismiss]);

  if (!undo) return null;
  return (
    <div className="toast" role="status" data-testid="undo-toast">
      <span>Original snippet restored{undo.files.length > 0 ? ', files cleared' : ''}.</span>
      <button type="button" className="btn small" onClick={undoReset}>
        Undo reset
      </button>
      <button type="button" className="btn ghost small icon" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
