/**
 * Helpers for the page's command line: the "terminal / pipe (| cat)" switch,
 * and writing a parsed line back out.
 */
import type { CommandList, Pipeline } from './ast';
import { parseCommandLine } from './parse';

/** The pipelines that run a program, python or node (directly or under timeout). */
function programPipelines(ast: CommandList): Pipeline[] {
  const out: Pipeline[] = [];
  for (const item of ast.items) {
    for (const p of [item.first, ...item.rest.map((r) => r.pipeline)]) {
      const c = p.command;
      if (c.kind === 'python' || c.kind === 'node' || (c.kind === 'timeout' && c.command !== null)) out.push(p);
    }
  }
  return out;
}

/**
 * Whether the line runs its programs in pipe mode: true when it has at least one
 * python (or node) command and every one of them is piped into cat. False for a line
 * that does not parse.
 */
export function getPipeMode(line: string): boolean {
  const parsed = parseCommandLine(line);
  if (!parsed.ok) return false;
  const pipelines = programPipelines(parsed.ast);
  return pipelines.length > 0 && pipelines.every((p) => p.cats.length > 0);
}

/**
 * Adds ` | cat` after every python (or node) command that lacks it (`on`), or removes
 * the `| cat` after every such command (`!on`), leaving the rest of the
 * line as written. A line that does not parse comes back unchanged.
 */
export function setPipeMode(line: string, on: boolean): string {
  const parsed = parseCommandLine(line);
  if (!parsed.ok) return line;
  const edits: { start: number; end: number; text: string }[] = [];
  for (const p of programPipelines(parsed.ast)) {
    if (on && p.cats.length === 0) edits.push({ start: p.command.end, end: p.command.end, text: ' | cat' });
    if (!on && p.cats.length > 0) edits.push({ start: p.command.end, end: p.end, text: '' });
  }
  let out = line;
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  return out;
}
