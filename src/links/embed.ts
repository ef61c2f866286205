/**
 * Embed links, as pure functions of the hash: the playground's `#code/…` link plus what only an
 * embed reads, each an ordinary `&key=value` parameter the playground ignores:
 *
 * - `view=output|editor|both` (default `both`): which parts the embed shows;
 * - `cmd=<command line>` (URI-encoded, default `python main.py`);
 * - `autorun=1`: run once when the embed loads, with stdin at end of input. Only the embedding
 *   site sets it (the drop-in script, from its own `data-exitlab-autorun` attribute); the
 *   playground never reads it, so a shared link cannot make anything run by itself.
 *
 * An embed hash without a program, or with a damaged one, opens the default snippet with the
 * reason; a bad `view` or `cmd` is ignored with the reason (the program still opens).
 */
import { makeCodeLink, parseLocationHash, readParams, type LinkTarget } from './index';

export const EMBED_VIEWS = ['both', 'editor', 'output'] as const;
export type EmbedView = (typeof EMBED_VIEWS)[number];

/** The longest command line an embed takes (a real one is a few dozen characters). */
export const MAX_EMBED_COMMAND = 500;
export const DEFAULT_EMBED_COMMAND = 'python main.py';
export const DEFAULT_EMBED_SOURCE = 'import sys\n\nprint("Hello from Exit Lab")\nsys.exit(0)\n';

export interface EmbedTarget {
  source: string;
  view: EmbedView;
  commandLine: string;
  autorun: boolean;
  /** Why something of the hash was not used (shown in the embed), or null. */
  problem: string | null;
}

// Control characters have no place in a one-line command.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/**
 * The embed-only parameters of a hash (the first of each; `null` when absent). One that cannot
 * be read (empty, broken %-escapes) reads as the empty string, which no parameter accepts.
 */
function embedParams(hash: string): { view: string | null; cmd: string | null; autorun: string | null } {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const { values, problems } = readParams(text.split('&').slice(1), ['view', 'cmd', 'autorun'] as const);
  const unreadable = new Set(problems.filter((p) => p.why === 'unreadable').map((p) => p.key));
  const value = (key: 'view' | 'cmd' | 'autorun'): string | null => values[key] ?? (unreadable.has(key) ? '' : null);
  return { view: value('view'), cmd: value('cmd'), autorun: value('autorun') };
}

/** Reads an embed's location hash. */
export function parseEmbedHash(hash: string): EmbedTarget {
  const link: LinkTarget = parseLocationHash(hash);
  const params = embedParams(hash);
  const problems: string[] = [];
  let source = DEFAULT_EMBED_SOURCE;
  if (link.kind === 'code') source = link.source;
  else if (link.kind === 'damaged') problems.push(link.reason);
  else problems.push('This embed names no program; it shows an example.');

  let view: EmbedView = 'both';
  if (params.view !== null) {
    if ((EMBED_VIEWS as readonly string[]).includes(params.view)) view = params.view as EmbedView;
    else problems.push(`The view ${JSON.stringify(params.view.slice(0, 20))} is not one of ${EMBED_VIEWS.join(', ')}; both are shown.`);
  }
  let commandLine = DEFAULT_EMBED_COMMAND;
  if (params.cmd !== null) {
    if (params.cmd.trim() === '' || CONTROL_CHARS.test(params.cmd) || params.cmd.length > MAX_EMBED_COMMAND) {
      problems.push(`The command line could not be used; it is "${DEFAULT_EMBED_COMMAND}".`);
    } else {
      commandLine = params.cmd;
    }
  }
  return { source, view, commandLine, autorun: params.autorun === '1' && link.kind === 'code', problem: problems.length ? problems.join(' ') : null };
}

/** The hash of an embed of `source` (with its `#`). */
export function makeEmbedHash(source: string, opts: { view?: EmbedView; commandLine?: string; autorun?: boolean } = {}): string {
  let hash = makeCodeLink('', source);
  if (opts.view !== undefined && opts.view !== 'both') hash += `&view=${opts.view}`;
  if (opts.commandLine !== undefined && opts.commandLine !== DEFAULT_EMBED_COMMAND) hash += `&cmd=${encodeURIComponent(opts.commandLine)}`;
  if (opts.autorun) hash += '&autorun=1';
  return hash;
}
