import { useEditorStore } from '../../store/editor';
import { useRunStore } from '../../store/run';

function IsolationBanner() {
  const interactive = useRunStore((s) => s.engine.interactive);
  const isolated = typeof crossOriginIsolated === 'boolean' ? crossOriginIsolated : false;
  if (isolated && interactive) return null;
  return (
    <div className="banner warning" role="alert" data-testid="isolation-banner">
      <strong>Typing input and sending signals are unavailable here.</strong> This page is not cross-origin
      isolated, so it cannot share memory with the Python worker (SharedArrayBuffer). The server must send{' '}
      <code>Cross-Origin-Opener-Policy: same-origin</code> and <code>Cross-Origin-Embedder-Policy: require-corp</code>.
      Programs still run, and Stop ends them by discarding the worker.
    </div>
  );
}

function LinkNotice() {
  const notice = useEditorStore((s) => s.notice);
  const backToDraft = useEditorStore((s) => s.backToDraft);
  const keepAsDraft = useEditorStore((s) => s.keepAsDraft);
  const reset = useEditorStore((s) => s.resetToOriginal);
  const dismiss = useEditorStore((s) => s.dismissNotice);
  if (!notice) return null;
  switch (notice.kind) {
    case 'link':
      return (
        <div className="banner info" role="status" data-testid="link-notice">
          <span>
            <strong>Opened from a link.</strong> The code was not run, and your saved draft is untouched
            {notice.lessonId ? ` (the link names lesson “${notice.lessonId}”${notice.program ? `, program “${notice.program}”` : ''})` : ''}.
          </span>
          <span className="actions">
            <button type="button" onClick={backToDraft}>
              Back to your draft
            </button>
            <button type="button" onClick={keepAsDraft}>
              Keep as your draft
            </button>
            <button type="button" onClick={reset}>
              Reset to the original
            </button>
          </span>
        </div>
      );
    case 'damaged':
      return (
        <div className="banner error" role="alert" data-testid="link-notice">
          <span>
            <strong>This link could not be opened.</strong> {notice.reason} The playground opened as usual; your saved
            draft is untouched.
          </span>
          <span className="actions">
            <button type="button" onClick={dismiss}>
              Dismiss
            </button>
          </span>
        </div>
      );
    case 'lesson':
      return (
        <div className="banner info" role="status" data-testid="link-notice">
          <span>
            <strong>Lesson “{notice.lessonId}”.</strong> Lessons are not in this version of the page yet; the
            playground opened instead.
          </span>
          <span className="actions">
            <button type="button" onClick={dismiss}>
              Dismiss
            </button>
          </span>
        </div>
      );
  }
}

function StorageNotice() {
  const problem = useEditorStore((s) => s.storageProblem);
  if (!problem) return null;
  return (
    <div className="banner warning" role="status">
      {problem}
    </div>
  );
}

export function Banners() {
  return (
    <div className="banners">
      <IsolationBanner />
      <LinkNotice />
      <StorageNotice />
    </div>
  );
}
