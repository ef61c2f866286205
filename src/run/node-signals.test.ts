import { describe, expect, it } from 'vitest';
import { signalNoteFor } from './node-signals';

describe('signalNoteFor', () => {
  it('says how each delivery reached the Node.js job, naming the signal', () => {
    expect(signalNoteFor('SIGINT', 'ctrl-c')).toMatch(/^SIGINT: Ctrl\+C was typed/);
    expect(signalNoteFor('SIGKILL', 'kill')).toMatch(/^SIGKILL: the process was stopped with the WebContainer's kill\(\)/);
    expect(signalNoteFor('SIGUSR1', 'unsupported')).toBe(
      'The WebContainer cannot send SIGUSR1 to a running program: only Ctrl+C (SIGINT) and Stop reach it.',
    );
  });
});
