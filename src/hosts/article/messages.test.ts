import { describe, expect, it } from 'vitest';
import { EmbedToPage, PageToEmbed, readMessage } from './messages';

describe('embed messages', () => {
  it('accepts the documented messages', () => {
    expect(readMessage(PageToEmbed, { type: 'exitlab:theme', theme: 'dark' })).toEqual({ type: 'exitlab:theme', theme: 'dark' });
    expect(readMessage(EmbedToPage, { type: 'exitlab:size', height: 420 })).toEqual({ type: 'exitlab:size', height: 420 });
  });

  it('drops everything else, whatever its shape', () => {
    const hostile: unknown[] = [
      { type: 'exitlab:run' },
      { type: 'exitlab:theme', theme: 'dark', run: true },
      { type: 'exitlab:theme', theme: '<img src=x onerror=alert(1)>' },
      { type: 'exitlab:size', height: 420 },
      'exitlab:theme',
      null,
      undefined,
      42,
      [],
      Object.create(null),
      { get type(): string { throw new Error('getter'); } },
    ];
    for (const m of hostile) expect(readMessage(PageToEmbed, m)).toBeNull();
    expect(readMessage(EmbedToPage, { type: 'exitlab:size', height: -1 })).toBeNull();
    expect(readMessage(EmbedToPage, { type: 'exitlab:size', height: 1.5 })).toBeNull();
  });
});
