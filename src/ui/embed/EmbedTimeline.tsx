/**
 * The embed's timeline on one line: one chip per event (`[data-testid="timeline"]`, each child
 * with `data-kind`, as in the playground), its full sentence as the chip's title.
 */
import type { TimelineEvent } from '../../engine/protocol';
import { useRunStore } from '../../store/run';
import { useTimelineUi } from '../../store/timeline';
import { itemsFor } from '../timeline/items';
import { timelineStep } from '../../lessons/lesson-runner';

/** A few words for a chip: the step a lesson would write, or what the event is. */
export function chipLabel(e: TimelineEvent): string {
  if (e.kind === 'flush') return `flush ${e.stream}`;
  if (e.kind === 'exit') return `exit ${e.status}`;
  return timelineStep(e) ?? e.kind;
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
