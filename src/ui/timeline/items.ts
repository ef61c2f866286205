/**
 * The last run's timeline items, as the panel and the editor show them (described from the
 * run slice's events and the source the run saw).
 */
import type { TimelineEvent } from '../../engine/protocol';
import { useRunStore } from '../../store/run';
import { useTimelineUi } from '../../store/timeline';
import { describeTimeline, type TimelineItem } from './describe';

let cache: { events: readonly TimelineEvent[]; source: string; items: TimelineItem[] } | null = null;

/** The last run's items (memoized on the event list and the source). */
export function itemsFor(events: readonly TimelineEvent[], source: string): TimelineItem[] {
  if (cache && cache.events === events && cache.source === source) return cache.items;
  const items = describeTimeline(events, { source });
  cache = { events, source, items };
  return items;
}

/** The current items, for code outside React. */
export function currentItems(): TimelineItem[] {
  return itemsFor(useRunStore.getState().timeline, useTimelineUi.getState().runSource);
}
