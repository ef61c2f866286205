/**
 * The embed's timeline on one line: one chip per event (`[data-testid="timeline"]`, each child
 * with `data-kind`, as in the playground), its full sentence as the chip's title.
 */
import type { TimelineEvent } from '../../engine/protocol';
import { useRunStore } from '../../store/run';
import { useTimelineUi } from '../../store/timeline';
import { itemsFor } from '../timeline/items';

/** A few words for a chip. */
export function chipLabel(e: TimelineEvent): string {
  switch (e.kind) {
    case 'raise':
    case 'caught':
      return `${e.kind} ${e.exception}`;
    case 'context-exit':
      return `__exit__ ${e.name}`;
    case 'atexit':
      return `atexit ${e.name}`;
    case 'signal':
      return e.signal;
    case 'skipped':
      return e.name ? `skipped ${e.what} ${e.name}` : `skipped ${e.what}`;
    case 'flush':
      return `flush ${e.stream}`;
    case 'exit':
      return `exit ${e.status}`;
    default:
      return e.kind;
  }
}

export function EmbedTimeline() {
  const events = useRunStore((s) => s.timeline);
  const source = useTimelineUi((s) => s.runSource);
  const items = itemsFor(events, source);
  return (
    <ol className="embed-timeline" data-testid="timeline" aria-label="Cleanup timeline">
      {events.map((e, i) => (
        <li key={i} data-kind={e.kind} className={`chip tone-${items[i]?.tone ?? 'normal'}`} title={items[i]?.text.replace(/`/g, '') ?? ''}>
          {chipLabel(e)}
        </li>
      ))}
    </ol>
  );
}
