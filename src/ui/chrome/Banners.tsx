import { useEditorStore } from '../../store/editor';
import { useRunStore } from '../../store/run';
import { useLessonsStore } from '../../store/lessons';
import { lessonById } from '../lessons/catalog';

function IsolationBanner() {
  const blocking = useRunStore((s) => s.engine.blocking);
  // Shown only once a worker has said it can do neither (see the engine's "about" panel).
  if (blocking !== 'none') return null;
  return (
    <div className="banner warning" role="alert" data-testid="isolation-banner">
      <strong>Typing input and sending signals are unavailable here:</strong> this browser cannot suspend
      WebAssembly (JSPI) and the page is not cross-origin isolated. Programs still run, and Stop ends them.
    </div>
  );
}

function LinkNotice() {
  const notice = useEditorStore((s) => s.notice);
  const inLesson = useLessonsStore((s) => s.current !== null);
  const backToDraft = useEditorStore((s) => s.backToDraft);
  const keepAsDraft = useEditorStore((s) => s.keepAsDraft);
  const reset = useEditorStore((s) => s.resetToOriginal);
  const dismiss = useEditorStore((s) => s.dismissNotice);
  if (!notice) return null;
  switch (notice.kind) {
    case 'link': {
      const lesson = notice.lessonId ? lessonById(notice.lessonId) : undefined;
      const label = lesson?.programs.find((p) => p.name === notice.program)?.label;
      return (
        <div className="banner info" role="status" data-testid="link-notice">
          <span>
            <strong>Opened from a link.</strong>{' '}
            {lesson
              ? `This is lesson “${lesson.title}”${label && lesson.programs.length > 1 ? `, program “${label}”` : ''}, as the link's author edited it. The code was not run, and your own draft is untouched.`
              : `The code was not run, and your saved draft is untouched${notice.lessonId ? ` (the link names lesson “${notice.lessonId}”${notice.program ? `, program “${notice.program}”` : ''})` : ''}.`}
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
    }
    case 'damaged':
      return (
        <div className="banner error" role="alert" data-testid="link-notice">
          <span>
            <strong>This link could not be opened.</strong> {notice.reason}{' '}
            {inLesson ? 'The lesson opened as usual' : 'The playground opened as usual'}; your saved
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
            <strong>There is no lesson “{notice.lessonId}”.</strong> The playground opened instead; pick a lesson from
            the list.
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
