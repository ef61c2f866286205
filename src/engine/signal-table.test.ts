import { constants } from 'node:os';
import { describe, expect, it } from 'vitest';
import { FORWARDED_SIGNALS, SENDABLE_SIGNALS, SIGNALS, SIGNAL_NAMES, SIGNAL_TABLE, TERMINATING_SIGNALS, isSignalName } from './protocol';

describe('the signal table', () => {
  it("numbers every signal as Linux does", () => {
    for (const row of SIGNAL_TABLE) expect([row.name, row.number]).toEqual([row.name, constants.signals[row.name]]);
  });

  it('derives the name and number maps, and knows its names only', () => {
    expect(SIGNALS.SIGTERM).toBe(15);
    expect(SIGNAL_NAMES[10]).toBe('SIGUSR1');
    expect(isSignalName('SIGHUP')).toBe(true);
    expect(isSignalName('SIGSTOP')).toBe(false);
  });

  it('a person sends every signal but the engine’s own; only SIGKILL cannot be caught', () => {
    expect(SENDABLE_SIGNALS).toEqual(SIGNAL_TABLE.filter((r) => r.from !== 'engine').map((r) => r.name));
    expect(SENDABLE_SIGNALS).not.toContain('SIGALRM');
    // The derived lists by name, so a wrong row (or a wrong filter) shows here.
    expect(SENDABLE_SIGNALS).toEqual(['SIGHUP', 'SIGINT', 'SIGKILL', 'SIGUSR1', 'SIGUSR2', 'SIGTERM']);
    expect([...TERMINATING_SIGNALS]).toEqual(['SIGHUP', 'SIGINT', 'SIGUSR1', 'SIGUSR2', 'SIGALRM', 'SIGTERM']);
    expect([...TERMINATING_SIGNALS]).toEqual(SIGNAL_TABLE.filter((r) => r.name !== 'SIGKILL').map((r) => r.name));
  });

  it('the command passes on every signal a program can catch', () => {
    expect(FORWARDED_SIGNALS).toEqual([...TERMINATING_SIGNALS]);
  });
});
