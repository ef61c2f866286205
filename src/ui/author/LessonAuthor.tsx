/**
 * "New lesson": the lesson format in two editors (the frontmatter in YAML, checked as you type
 * against the lesson schema by monaco-yaml; the prose in Markdown) beside a live preview of
 * what a learner sees (prose, programs, what they are asked to predict). "Check" runs each
 * program and fills its expected outcome and timeline from the engine; "Share" gives a link
 * carrying the whole lesson; "Export" saves the Markdown file `exitlab check` accepts.
 * Loaded lazily, with Monaco and monaco-yaml.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { checkDraft, exportFileName, lessonFileText, readDraft, type DraftReading } from '../../lessons/author';
import { makeLessonLinkHash } from '../../links/lesson-link';
import { useAuthorStore } from '../../store/author';
import { useSettingsStore } from '../../store/settings';
import { MONO_FONT } from '../editor/CodeEditor';
import { sanitize } from '../lessons/LessonArticle';
import { renderProse } from '../lessons/markdown';
import { services } from '../services';
import { downloadText } from '../download';

const EDIT_DEBOUNCE_MS = 250;

/** One Monaco editor on a store field; the store's text replaces it when `revision` moves. */
function PartEditor({ part, uri, language, label }: { part: 'frontmatter' | 'body'; uri: string; language: string; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  useEffect(() => {
    let disposed = false;
    const cleanups: (() => void)[] = [];
    import('./yaml-setup')
      .then(({ monaco }) => {
        if (disposed || !host.current) return;
        const store = useAuthorStore.getState();
        const model = monaco.editor.getModel(monaco.Uri.parse(uri)) ?? monaco.editor.createModel(store[part], language, monaco.Uri.parse(uri));
        model.setValue(store[part]);
        const editor = monaco.editor.create(host.current, {
          model,
          theme: useSettingsStore.getState().scheme === 'dark' ? 'exitlab-dark' : 'exitlab-light',
          automaticLayout: true,
          minimap: { enabled: false },
          fontFamily: MONO_FONT,
          fontSize: 13,
          lineHeight: 20,
          scrollBeyondLastLine: false,
          tabSize: 2,
          wordWrap: part === 'body' ? 'on' : 'off',
          fixedOverflowWidgets: true,
          ariaLabel: `${label}. Press Escape then Tab to leave the editor.`,
        });
        let timer: ReturnType<typeof setTimeout> | null = null;
        const sub = model.onDidChangeContent(() => {
          if (timer) clearTimeout(timer);
          timer = setTimeout(() => useAuthorStore.getState().edit({ [part]: model.getValue() }), EDIT_DEBOUNCE_MS);
        });
        const unsubRevision = useAuthorStore.subscribe((s, prev) => {
          if (s.revision !== prev.revision && model.getValue() !== s[part]) model.setValue(s[part]);
        });
        const unsubScheme = useSettingsStore.subscribe((s) => monaco.editor.setTheme(s.scheme === 'dark' ? 'exitlab-dark' : 'exitlab-light'));
        cleanups.push(() => {
          if (timer) {
            clearTimeout(timer);
            useAuthorStore.getState().edit({ [part]: model.getValue() });
          }
          sub.dispose();
          unsubRevision();
          unsubScheme();
          editor.dispose();
          model.dispose();
        });
        setState('ready');
      })
      .catch(() => setState('failed'));
    return () => {
      disposed = true;
      for (const c of cleanups) c();
    };
  }, [part, uri, language, label]);
  return (
    <section className="author-part" aria-label={label}>
      <h3>{label}</h3>
      <div ref={host} className="author-editor" data-testid={`author-${part}`} data-state={state} />
    </section>
  );
}

/** The draft as the page reads it (read once per edit, by LessonAuthor) and its prose. */
function Preview({ reading, body }: { reading: DraftReading; body: string }) {
  const blocks = useMemo(() => renderProse(body, sanitize), [body]);
  const { lesson, problems, unchecked } = reading;
  return (
    <section className="author-preview" aria-label="Preview" data-testid="author-preview">
      {problems.length > 0 && (
        <div className="author-problems" role="status" data-testid="author-problems">
          <strong>{problems.length === 1 ? 'One problem' : `${problems.length} problems`} in the frontmatter</strong>
          <ul>
            {problems.slice(0, 8).map((p, i) => (
              <li key={i}>
                <code>{p.path || '(the file)'}</code>: {p.problem}
              </li>
            ))}
          </ul>
        </div>
      )}
      {lesson && (
        <>
          <h2 data-testid="author-title">{lesson.title}</h2>
          <p className="lesson-summary">{lesson.summary}</p>
          <div className="prose">
            {blocks.map((b, i) =>
              b.kind === 'html' ? (
                <div key={i} className="prose-html" dangerouslySetInnerHTML={{ __html: b.html }} />
              ) : (
                <pre key={i}>
                  <code>{b.code}</code>
                </pre>
              ),
            )}
          </div>
          <h3>Programs</h3>
          <ol className="author-programs">
            {lesson.programs.map((p) => (
              <li key={p.name} data-testid="author-program">
                <div>
                  <strong>{p.label}</strong> <code>$ {p.command}</code>
                </div>
                <pre>
                  <code>{p.source}</code>
                </pre>
                {unchecked.includes(p.name) ? (
                  <p className="muted">Not checked yet: press Check to fill in its outcome.</p>
                ) : (
                  <p className="muted">
                    The learner predicts the exit status (<strong>{p.expect.signal ? `killed by ${p.expect.signal}` : p.expect.status}</strong>)
                    {p.expect.timeline ? (
                      <>
                        {' '}
                        and the cleanup steps (<strong>{p.expect.timeline.length ? p.expect.timeline.join(' → ') : 'none'}</strong>)
                      </>
                    ) : null}
                    .
                  </p>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

export default function LessonAuthor() {
  const checking = useAuthorStore((s) => s.checking);
  const report = useAuthorStore((s) => s.report);
  const shareLink = useAuthorStore((s) => s.shareLink);
  const frontmatter = useAuthorStore((s) => s.frontmatter);
  const body = useAuthorStore((s) => s.body);
  const reading = useMemo(() => readDraft(frontmatter, body), [frontmatter, body]);
  const valid = reading.lesson !== null;
  const close = (): void => useAuthorStore.getState().setOpen(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !(e.target as HTMLElement | null)?.closest?.('.monaco-editor')) close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const check = async (): Promise<void> => {
    const s = useAuthorStore.getState();
    s.setCheck({ checking: true, report: ['checking…'] });
    try {
      const done = await checkDraft(services().engine, s.frontmatter, s.body);
      useAuthorStore.getState().replace({ frontmatter: done.frontmatter });
      useAuthorStore.getState().setCheck({ checking: false, report: done.report });
    } catch (err) {
      useAuthorStore.getState().setCheck({ checking: false, report: [err instanceof Error ? err.message : String(err)] });
    }
  };

  const share = (): void => {
    const s = useAuthorStore.getState();
    const link = `${location.origin}${location.pathname}${makeLessonLinkHash(lessonFileText(s.frontmatter, s.body))}`;
    s.setShareLink(link);
  };

  const exportFile = (): void => {
    if (!reading.lesson) return;
    downloadText(exportFileName(reading.lesson), lessonFileText(frontmatter, body), 'text/markdown;charset=utf-8');
  };

  return (
    <div className="author" role="dialog" aria-modal="true" aria-label="Lesson editor">
      <div className="author-bar">
        <h2>Write a lesson</h2>
        <button type="button" className="btn primary" onClick={() => void check()} disabled={checking || !valid}>
          Check
        </button>
        <button type="button" className="btn" onClick={share} disabled={!valid}>
          Share
        </button>
        <button type="button" className="btn" onClick={exportFile} disabled={!valid}>
          Export
        </button>
        <button type="button" className="btn ghost" onClick={() => useAuthorStore.getState().startOver()}>
          Start over
        </button>
        <button type="button" className="btn ghost" onClick={close} aria-label="Close the lesson editor">
          Close
        </button>
      </div>
      {(report.length > 0 || shareLink) && (
        <div className="author-notes">
          {report.length > 0 && (
            <ul className="author-report" data-testid="author-report" role="status">
              {report.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          )}
          {shareLink && (
            <label className="author-share">
              Link to this lesson:
              <input readOnly value={shareLink} data-testid="author-share-link" onFocus={(e) => e.currentTarget.select()} />
            </label>
          )}
        </div>
      )}
      <div className="author-body">
        <div className="author-editors">
          <PartEditor part="frontmatter" uri="file:///lesson/frontmatter.yaml" language="yaml" label="Frontmatter (YAML)" />
          <PartEditor part="body" uri="file:///lesson/prose.md" language="markdown" label="Prose (Markdown)" />
        </div>
        <Preview reading={reading} body={body} />
      </div>
    </div>
  );
}
