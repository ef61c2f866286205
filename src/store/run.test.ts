import { describe, expect, it } from 'vitest';
import { runStarted, useRunStore } from './run';

describe('run slice', () => {
  it('a started run says running and forgets the last outcome, timeline and command error', () => {
    useRunStore.setState({
      phase: 'idle',
      exitText: 'exit status 3',
      outcome: { status: 3, last: null, timedOut: false },
      record: { status: 3, cause: 'sys.exit' },
      timeline: [{ kind: 'finally', line: 2 }],
      commandError: 'bad line',
      foreground: true,
      waitingForInput: true,
    });
    runStarted(7);
    expect(useRunStore.getState()).toMatchObject({
      phase: 'running',
      runId: 7,
      exitText: 'running',
      outcome: null,
      record: null,
      timeline: [],
      commandError: null,
      foreground: false,
      waitingForInput: false,
    });
  });
});
