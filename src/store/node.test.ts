import { describe, expect, it } from 'vitest';
import { useNodeUi } from './node';

describe('node slice', () => {
  it('starts idle, with no note, no Node run and no shell, and holds data only', () => {
    const s = useNodeUi.getState();
    expect(s).toEqual({ runtime: { state: 'idle' }, signalNote: null, lastRunUsedNode: false, shellOpen: false });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
