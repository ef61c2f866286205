/**
 * Share: a link to the code (`#code/<payload>`), copied to the clipboard and
 * shown in a read-only field. The address bar changes only here, on explicit
 * Share.
 */
import { useEffect, useRef } from 'react';
import { codeLinkTooLong, makeCodeLink } from '../../links';
import { DEFAULT_PROGRAM } from '../../store/defaults';
import { useEditorStore } from '../../store/editor';
import { useShareStore } from '../../store/share';
import { currentSource } from '../bridges';

async function copy(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Older browsers, or clipboard permission refused: try the selection way.
    if (!field) return false;
    field.focus();
    field.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

let fieldRef: HTMLInputElement | null = null;

/** Builds the link, puts it in the address bar and the clipboard, and shows it. */
export async function share(): Promise<void> {
  const { notice } = useEditorStore.getState();
  const source = currentSource();
  const base = location.origin + location.pathname + location.search;
  const opts: { lessonId?: string; program?: string } = {};
  const { program } = useEditorStore.getState();
  if (program.lessonId !== DEFAULT_PROGRAM.lessonId) {
    // A lesson's program: the link opens the lesson with this program (`&lesson=`, `&program=`).
    opts.lessonId = program.lessonId;
    opts.program = program.program;
  } else if (notice?.kind === 'link' && notice.lessonId) {
    opts.lessonId = notice.lessonId;
    if (notice.program) opts.program = notice.program;
  }
  const link = makeCodeLink(base, source, opts);
  if (codeLinkTooLong(link)) {
    useShareStore.setState({ link: null, status: 'too-long' });
    return;
  }
  history.replaceState(history.state, '', link);
  useShareStore.setState({ link, status: null });
  const ok = await copy(link, fieldRef);
  useShareStore.setState({ status: ok ? 'copied' : 'select' });
}

export function SharePanel() {
  const link = useShareStore((s) => s.link);
  const status = useShareStore((s) => s.status);
  const close = useShareStore((s) => s.close);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    fieldRef = field.current;
    if (status === 'select') {
      field.current?.focus();
      field.current?.select();
    }
  }, [link, status]);

  if (status === 'too-long') {
    return (
      <div className="share-panel error" role="alert">
        <span>This program is too long to fit in a link. Shorten it to share it.</span>
        <button type="button" className="btn ghost small" onClick={close}>
          Close
        </button>
      </div>
    );
  }
  if (!link) return null;
  return (
    <div className="share-panel" role="region" aria-label="Share link">
      <label htmlFor="share-link">Link to this code</label>
      <input
        id="share-link"
        ref={field}
        type="text"
        readOnly
        value={link}
        data-testid="share-link"
        onFocus={(e) => e.currentTarget.select()}
      />
      <span className="share-status" role="status">
        {status === 'copied' ? 'Copied to the clipboard' : status === 'select' ? 'Press Ctrl+C to copy' : ''}
      </span>
      <button type="button" className="btn ghost small" onClick={close}>
        Close
      </button>
    </div>
  );
}
