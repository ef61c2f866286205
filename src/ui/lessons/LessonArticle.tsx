/**
 * The open lesson: title, summary, the prose (Markdown, sanitized), code blocks that can be
 * loaded into the editor, and previous/next. Loaded lazily (with marked and DOMPurify).
 */
import DOMPurify from 'dompurify';
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useEditorStore } from '../../store/editor';
import { useLessonsStore } from '../../store/lessons';
import { LESSONS, neighbours } from './catalog';
import { ALLOWED_ATTR, ALLOWED_TAGS, codeForEditor, isPythonBlock, renderProse, type ProseBlock } from './markdown';
import { showLessonList } from './LessonSidebar';
import { goToLesson, loadIntoEditor } from './navigate';

export function sanitize(html: string): string {
  if (!DOMPurify.isSupported) return html; // the Markdown layer has already escaped raw HTML
  return DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false });
}

function CodeBlock({ block, filename }: { block: Extract<ProseBlock, { kind: 'code' }>; filename: string }) {
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (!loaded) return;
    const t = setTimeout(() => setLoaded(false), 2500);
    return () => clearTimeout(t);
  }, [loaded]);
  const python = isPythonBlock(block.lang);
  return (
    <figure className="prose-code">
      {python && (
        <div className="prose-code-bar">
          <span className="lang">{block.lang}</span>
          <span className="load-status" role="status">
            {loaded ? `Loaded into ${filename} · Ctrl+Z in the editor undoes` : ''}
          </span>
          <button
            type="button"
            className="btn ghost small"
            onClick={() => {
              loadIntoEditor(codeForEditor(block.code));
              setLoaded(true);
            }}
          >
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M8 2v8M4.5 6.5L8 10l3.5-3.5M2.5 13.5h11" />
            </svg>
            Load into editor
          </button>
        </div>
      )}
      <pre>
        <code>{block.code}</code>
      </pre>
    </figure>
  );
}

function navClick(id: string) {
  return (e: MouseEvent<HTMLAnchorElement>): void => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    void goToLesson(id);
  };
}

export default function LessonArticle() {
  const lesson = useLessonsStore((s) => s.lesson);
  const fromLink = useLessonsStore((s) => s.fromLink);
  const filename = useEditorStore((s) => s.program.filename);
  const scroller = useRef<HTMLElement>(null);
  const blocks = useMemo(() => (lesson ? renderProse(lesson.body, sanitize) : []), [lesson]);

  // A new lesson starts at its top.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [lesson?.id]);

  if (!lesson) return null;
  const { prev, next } = neighbours(lesson.id);
  const position = LESSONS.findIndex((l) => l.id === lesson.id) + 1;

  return (
    <article ref={scroller} className="lesson-article" aria-labelledby="lesson-title" data-testid="lesson-article">
      <header className="lesson-head">
        <div className="eyebrow">
          {fromLink ? (
            <span className="from-link" data-testid="lesson-from-link">
              From a link: someone's own lesson, not one of Exit Lab's. Nothing in it runs until you press Run.
            </span>
          ) : (
            `Lesson ${position} of ${LESSONS.length}`
          )}
          {lesson.runtime === 'node' && <span className="runtime-tag">Node.js</span>}
        </div>
        <h2 id="lesson-title">{lesson.title}</h2>
        <p className="lesson-summary">{lesson.summary}</p>
        {lesson.topics.length > 0 && (
          <ul className="topic-list" aria-label="Topics">
            {lesson.topics.map((t) => (
              <li key={t}>
                <button
                  type="button"
                  className="topic"
                  aria-label={`Lessons about ${t}`}
                  title={`Show the lessons about ${t}`}
                  onClick={() => {
                    useLessonsStore.getState().setQuery(t);
                    showLessonList();
                  }}
                >
                  {t}
                </button>
              </li>
            ))}
          </ul>
        )}
      </header>
      <div className="prose" data-testid="lesson-prose">
        {blocks.map((b, i) =>
          b.kind === 'html' ? (
            <div key={i} className="prose-html" dangerouslySetInnerHTML={{ __html: b.html }} />
          ) : (
            <CodeBlock key={i} block={b} filename={filename} />
          ),
        )}
      </div>
      {!fromLink && (
        <nav className="lesson-pager" aria-label="Previous and next lesson">
          {prev ? (
            <a className="pager prev" href={`#lesson/${prev.id}`} onClick={navClick(prev.id)}>
              <span className="pager-dir">← Previous</span>
              <span className="pager-title">{prev.title}</span>
            </a>
          ) : (
            <span />
          )}
          {next ? (
            <a className="pager next" href={`#lesson/${next.id}`} onClick={navClick(next.id)}>
              <span className="pager-dir">Next →</span>
              <span className="pager-title">{next.title}</span>
            </a>
          ) : (
            <span className="pager end">That was the last lesson. Well done.</span>
          )}
        </nav>
      )}
    </article>
  );
}
