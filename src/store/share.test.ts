import { describe, expect, it } from 'vitest';
import { useShareStore } from './share';

describe('share slice', () => {
  it('holds the link and its status until closed', () => {
    useShareStore.getState().shown('https://example.test/#code/x', 'copied');
    expect(useShareStore.getState()).toMatchObject({ link: 'https://example.test/#code/x', status: 'copied' });
    useShareStore.getState().close();
    expect(useShareStore.getState()).toMatchObject({ link: null, status: null });
  });

  it('a link too long to share keeps no link', () => {
    useShareStore.getState().shown(null, 'too-long');
    expect(useShareStore.getState()).toMatchObject({ link: null, status: 'too-long' });
  });
});
