import { describe, expect, it } from 'vitest';
import { MAX_PROGRESS_BYTES, progressFile, readProgressFile, type SavedPrediction } from './progress';

const prediction: SavedPrediction = {
  status: 2,
  steps: ['atexit save'],
  stepsAnswered: true,
  skipped: false,
  score: {
    status: { predicted: 2, actual: 2, right: true },
    steps: [{ step: 'atexit save', predicted: true, ran: true, skipped: false, right: true }],
    surprises: [],
    order: null,
    right: 2,
    total: 2,
  },
  actual: { status: 2, timeline: ['atexit save'] },
};

describe('progress files', () => {
  it('round-trip the lessons done and the predictions', () => {
    const file = progressFile(['atexit', 'os-exit'], { 'atexit:handlers': prediction }, new Date('2026-12-07T00:00:00Z'));
    const read = readProgressFile(JSON.stringify(file));
    expect(read).toEqual({ ok: true, progress: file });
  });

  it('refuses what is not one, with the reason', () => {
    const good = progressFile(['atexit'], {});
    const cases: [string, RegExp][] = [
      ['not json', /not JSON/],
      ['{"format":"something-else"}', /not an Exit Lab progress file/],
      [JSON.stringify({ ...good, version: 7 }), /newer Exit Lab/],
      [JSON.stringify({ ...good, done: ['<script>'] }), /damaged at done\.0/],
      [JSON.stringify({ ...good, predictions: { 'atexit:handlers': { ...prediction, status: 'two' } } }), /damaged at predictions/],
      [' '.repeat(MAX_PROGRESS_BYTES + 1), /too large/],
      // A bracket bomb under the size limit is refused before JSON.parse walks it.
      ['['.repeat(MAX_PROGRESS_BYTES - 1), /nests more than 32 levels/],
      [`{"done":[${'{"a":'.repeat(40)}1${'}'.repeat(40)}]}`, /nests more than 32 levels/],
    ];
    // Brackets inside strings are not nesting.
    const deepInString = JSON.stringify({ ...good, exportedAt: `${'['.repeat(100)}` });
    expect(readProgressFile(deepInString).ok).toBe(true);
    for (const [text, reason] of cases) {
      const r = readProgressFile(text);
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.reason).toMatch(reason);
    }
  });
});
