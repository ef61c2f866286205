import { beforeEach, describe, expect, it } from 'vitest';
import { useTerminalStore } from './terminal';

describe('terminal slice', () => {
  beforeEach(() => useTerminalStore.setState({ version: 0, hasRun: false }));

  it('counts transcript changes and says whether the transcript is of a run', () => {
    useTerminalStore.getState().transcriptChanged();
    useTerminalStore.getState().transcriptChanged();
    useTerminalStore.getState().setHasRun(true);
    expect(useTerminalStore.getState()).toMatchObject({ version: 2, hasRun: true });
  });

  it('holds data only: no live object in its state', () => {
    const values = Object.values(useTerminalStore.getState()).filter((v) => typeof v !== 'function');
    for (const v of values) expect(['number', 'boolean']).toContain(typeof v);
  });
});
