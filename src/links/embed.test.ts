import { describe, expect, it } from 'vitest';
import { DEFAULT_EMBED_SOURCE, makeEmbedHash, parseEmbedHash } from './embed';
import { parseLocationHash } from './index';

const CODE = 'import sys\nname = input("name? ")\nsys.exit(len(name))\n';

describe('embed links', () => {
  it('round-trips the program, the view, the command line and autorun', () => {
    const hash = makeEmbedHash(CODE, { view: 'output', commandLine: 'python main.py --fast | cat', autorun: true });
    expect(parseEmbedHash(hash)).toEqual({
      source: CODE,
      view: 'output',
      commandLine: 'python main.py --fast | cat',
      autorun: true,
      problem: null,
    });
    expect(parseEmbedHash(makeEmbedHash(CODE))).toMatchObject({ view: 'both', commandLine: 'python main.py', autorun: false });
  });

  it('is a playground link too: the playground reads the program and ignores the rest', () => {
    const hash = makeEmbedHash(CODE, { view: 'editor', commandLine: 'python main.py x', autorun: true });
    expect(parseLocationHash(hash)).toMatchObject({ kind: 'code', source: CODE });
  });

  it('opens the example with the reason for a missing or damaged program, and never autoruns it', () => {
    expect(parseEmbedHash('')).toMatchObject({ source: DEFAULT_EMBED_SOURCE, problem: expect.stringMatching(/names no program/) });
    const damaged = makeEmbedHash(CODE, { autorun: true }).replace(/&h=[0-9a-f]{8}/, '&h=00000000');
    expect(parseEmbedHash(damaged)).toMatchObject({ source: DEFAULT_EMBED_SOURCE, autorun: false, problem: expect.stringMatching(/checksum/) });
  });

  it('ignores a bad view or command line with the reason, and keeps the program', () => {
    const base = makeEmbedHash(CODE);
    expect(parseEmbedHash(`${base}&view=<script>`)).toMatchObject({ source: CODE, view: 'both', problem: expect.stringMatching(/not one of both, editor, output/) });
    for (const cmd of ['', '%0Arm%20-rf', 'x'.repeat(501), '%E0%A4%A']) {
      expect(parseEmbedHash(`${base}&cmd=${cmd}`)).toMatchObject({ source: CODE, commandLine: 'python main.py', problem: expect.stringMatching(/command line/) });
    }
  });
});
