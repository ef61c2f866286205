import { beforeEach, describe, expect, it } from 'vitest';
import { useTimelineUi } from './timeline';

describe('timeline slice', () => {
  beforeEach(() => useTimelineUi.setState({ runSource: '', selected: null, focus: null, hoverLine: null, hoverItem: null }));

  it('selecting an item with a line asks the editor to reveal it, again on every click', () => {
    useTimelineUi.getState().select(2, 9);
    const first = useTimelineUi.getState().focus;
    useTimelineUi.getState().select(2, 9);
    const second = useTimelineUi.getState().focus;
    expect(first?.line).toBe(9);
    expect(second?.line).toBe(9);
    expect(second?.seq).not.toBe(first?.seq);
    useTimelineUi.getState().select(null);
    expect(useTimelineUi.getState()).toMatchObject({ selected: null, focus: null });
  });

  it('a new run forgets the selection and keeps the source it ran', () => {
    useTimelineUi.getState().select(1, 3);
    useTimelineUi.getState().setHoverItem(1);
    useTimelineUi.getState().newRun('print(1)\n');
    expect(useTimelineUi.getState()).toMatchObject({ runSource: 'print(1)\n', selected: null, focus: null, hoverItem: null });
  });

  it('hovering the same line twice changes nothing the second time', () => {
    useTimelineUi.getState().setHoverLine(4);
    const before = useTimelineUi.getState();
    useTimelineUi.getState().setHoverLine(4);
    expect(useTimelineUi.getState()).toBe(before);
  });
});
