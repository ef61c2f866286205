/**
 * The cleanup timeline: what the last run did on its way out, one
 * item per timeline event, in order, under `[data-testid="timeline"]`, each
 * with `data-kind` set to the event's kind. Clicking an item highlights its
 * line in the editor; hovering a line in the editor highlights that line's
 * items here.
 */
import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import { useRunStore } from '../../store/run';
import { useNodeUi } from '../../store/node';
import type { TimelineIcon, TimelineItem } from './describe';
import { useTimelineUi } from '../../store/timeline';
import { itemsFor } from './items';
import { PanelToggle } from '../layout/PanelToggle';

const ICONS: Record<TimelineIcon, ReactNode> = {
  raise: (
    <>
      <path d="M9.5 2.5h4v4" />
      <path d="M13.5 2.5L8 8" />
      <path d="M12 9.5v3a1 1 0 01-1 1H3.5a1 1 0 01-1-1V5a1 1 0 011-1h3" />
    </>
  ),
  caught: (
    <>
      <path d="M8 1.8L14.5 13H1.5z" />
      <path d="M8 6v3.2" />
      <path d="M8 11.2v.1" />
    </>
  ),
  finally: (
    <>
      <path d="M3 2.5v6a2 2 0 002 2h7.5" />
      <path d="M10 8l2.5 2.5L10 13" />
    </>
  ),
  context: (
    <>
      <path d="M5.5 2.5h-2v11h2" />
      <path d="M10.5 2.5h2v11h-2" />
      <path d="M6.5 8h4M8.5 6l2 2-2 2" />
    </>
  ),
  signal: <path d="M9 1.5L3.5 9h4L7 14.5 12.5 7h-4z" />,
  atexit: (
    <>
      <path d="M4 14V2.5" />
      <path d="M4 3h8l-1.8 2.5L12 8H4" />
    </>
  ),
  flush: (
    <>
      <path d="M8 2v7M5 6l3 3 3-3" />
      <path d="M2.5 10.5v2a1 1 0 001 1h9a1 1 0 001-1v-2" />
    </>
  ),
  skipped: (
    <>
      <circle cx="8" cy="8" r="5.5" />
      <path d="M4.2 11.8l7.6-7.6" />
    </>
  ),
  lost: (
    <>
      <path d="M2.5 4.5h11M6 4.5V3h4v1.5" />
      <path d="M4 4.5l.7 9h6.6l.7-9" />
    </>
  ),
  exit: (
    <>
      <path d="M6.5 13.5h-3v-11h3" />
      <path d="M10 5l3 3-3 3M13 8H6.5" />
    </>
  ),
};

/** `a \`b\` c` → a <code>b</code> c. */
function Sentence({ text }: { text: string }) {
  const parts = text.split('`');
  return (
    <>
      {parts.map((p, i) => (i % 2 === 1 ? <code key={i}>{p}</code> : <Fragment key={i}>{p}</Fragment>))}
    </>
  );
}

function Item({
  item,
  index,
  selected,
  hovered,
}: {
  item: TimelineItem;
  index: number;
  selected: boolean;
  hovered: boolean;
}) {
  const select = useTimelineUi((s) => s.select);
  const setHoverItem = useTimelineUi((s) => s.setHoverItem);
  const classes = ['tl-item', `tone-${item.tone}`, selected ? 'selected' : '', hovered ? 'hovered' : ''].filter(Boolean).join(' ');
  const body = (
    <>
      <span className="tl-icon" aria-hidden="true">
        <svg viewBox="0 0 16 16">{ICONS[item.icon]}</svg>
      </span>
      <span className="tl-text">
        <Sentence text={item.text} />
      </span>
    </>
  );
  return (
    <li
      className={classes}
      data-kind={item.kind}
      {...(item.name !== undefined ? { 'data-name': item.name } : {})}
      {...(item.what !== undefined ? { 'data-what': item.what } : {})}
      {...(item.line !== undefined ? { 'data-line': item.line } : {})}
      aria-current={selected ? 'step' : undefined}
      onMouseEnter={() => setHoverItem(index)}
      onMouseLeave={() => setHoverItem(null)}
    >
      {item.line !== undefined ? (
        <button
          type="button"
          className="tl-row"
          title={`Show line ${item.line} in the editor`}
          onClick={() => select(index, item.line)}
        >
          {body}
        </button>
      ) : (
        <div className="tl-row">{body}</div>
      )}
      {item.warning && (
        <p className="tl-warning">
          <Sentence text={item.warning.text} />{' '}
          <a href={item.warning.href}>{item.warning.linkText} →</a>
        </p>
      )}
    </li>
  );
}

function EmptyHint({ running }: { running: boolean }) {
  const lastWasNode = useNodeUi((s) => s.lastRunUsedNode);
  if (running) {
    return (
      <p className="tl-empty">
        Recording… steps appear from the first <code>sys.exit()</code>, Ctrl+C or signal, and during shutdown.
      </p>
    );
  }
  if (lastWasNode) {
    return <p className="tl-empty">The timeline follows Python programs; for a Node.js run the exit status above says how it ended.</p>;
  }
  return (
    <p className="tl-empty">
      Run the program to see how it ends, step by step: <code>finally</code> blocks, <code>__exit__</code>, atexit
      handlers, signals, and what a hard stop skipped.
    </p>
  );
}

export function TimelinePanel() {
  const events = useRunStore((s) => s.timeline);
  const running = useRunStore((s) => s.phase === 'running');
  const runSource = useTimelineUi((s) => s.runSource);
  const selected = useTimelineUi((s) => s.selected);
  const hoverLine = useTimelineUi((s) => s.hoverLine);
  const select = useTimelineUi((s) => s.select);
  const [open, setOpen] = useState(true);
  const items = itemsFor(events, runSource);
  const list = useRef<HTMLOListElement>(null);
  const warnings = items.filter((i) => i.warning).length;
  const skipped = items.filter((i) => i.tone === 'skipped').length;

  // Follow the run: keep the newest item in view while events arrive. In the next frame,
  // when the page lays itself out anyway: reading scrollHeight at once forced a layout.
  useEffect(() => {
    if (!running) return;
    const frame = requestAnimationFrame(() => {
      const el = list.current;
      if (el) el.scrollTop = el.scrollHeight;
    });
    return () => cancelAnimationFrame(frame);
  }, [items.length, running]);

  // Hovering an editor line: bring its first item into view.
  useEffect(() => {
    if (hoverLine === null || !list.current) return;
    const first = list.current.querySelector<HTMLElement>('.tl-item.hovered');
    first?.scrollIntoView({ block: 'nearest' });
  }, [hoverLine]);

  return (
    <section className="timeline-panel" aria-label="Timeline" data-open={open}>
      <div className="timeline-head">
        <PanelToggle title="Timeline" count={items.length} open={open} onToggle={() => setOpen((o) => !o)} className="timeline-toggle" />
        <span className="timeline-summary">
          {warnings > 0 && (
            <span className="chip warn">
              {warnings} swallowed exit{warnings === 1 ? '' : 's'}
            </span>
          )}
          {skipped > 0 && <span className="chip skipped">{skipped} skipped</span>}
          {items.length > 0 && warnings === 0 && skipped === 0 && <span className="timeline-tip">click a step to see its line</span>}
        </span>
      </div>
      <div className="timeline-body" hidden={!open}>
        <ol
          ref={list}
          className="timeline-list"
          data-testid="timeline"
          aria-label="How the last run ended, step by step"
          onKeyDown={(e) => {
            if (e.key === 'Escape') select(null);
          }}
        >
          {items.map((item, i) => (
            <Item
              key={i}
              item={item}
              index={i}
              selected={selected === i}
              hovered={hoverLine !== null && item.lines.includes(hoverLine)}
            />
          ))}
        </ol>
        {items.length === 0 && <EmptyHint running={running} />}
      </div>
    </section>
  );
}
