/**
 * A learner's progress as a file they can keep and bring to another browser: the lessons they
 * have done and their predictions (with how each was scored). Read back through a schema: a
 * file that is not one, too large, or from a newer version is refused with the reason, and
 * nothing of it is taken.
 */
import * as z from 'zod/mini';

export const PROGRESS_FORMAT = 'exitlab-progress';
export const PROGRESS_VERSION = 1;
/** A real progress file is a few kilobytes; anything near this is not one. */
export const MAX_PROGRESS_BYTES = 1_000_000;

const step = z.string().check(z.maxLength(500));
const nat = z.int().check(z.minimum(0), z.maximum(255));
const verdict = z.object({ step, predicted: z.boolean(), ran: z.boolean(), skipped: z.boolean(), right: z.boolean() });
const score = z.object({
  status: z.nullable(z.object({ predicted: nat, actual: nat, right: z.boolean() })),
  steps: z.nullable(z.array(verdict).check(z.maxLength(100))),
  surprises: z.array(step).check(z.maxLength(100)),
  order: z.nullable(z.object({ right: z.boolean(), predicted: z.array(step), actual: z.array(step) })),
  right: z.int(),
  total: z.int(),
});

/** A prediction as kept: what the learner said and how it was scored (not a run in progress). */
export const SavedPrediction = z.object({
  status: z.nullable(nat),
  steps: z.array(step).check(z.maxLength(100)),
  stepsAnswered: z.boolean(),
  skipped: z.boolean(),
  score: z.nullable(score),
  actual: z.nullable(z.object({ status: nat, timeline: z.array(step).check(z.maxLength(200)) })),
});
export type SavedPrediction = z.infer<typeof SavedPrediction>;

const key = z.string().check(z.regex(/^[a-z0-9-]+(:[a-z0-9-]+)?$/), z.maxLength(200));

export const ProgressFile = z.object({
  format: z.literal(PROGRESS_FORMAT),
  version: z.int().check(z.minimum(1)),
  exportedAt: z.optional(z.string()),
  done: z.array(key).check(z.maxLength(10_000)),
  predictions: z.record(key, SavedPrediction),
});
export type ProgressFile = z.infer<typeof ProgressFile>;

export function progressFile(done: readonly string[], predictions: Record<string, SavedPrediction>, now = new Date()): ProgressFile {
  return { format: PROGRESS_FORMAT, version: PROGRESS_VERSION, exportedAt: now.toISOString(), done: [...done], predictions };
}

/** A progress file nests four levels deep; anything far deeper is refused before it is parsed. */
const MAX_NESTING = 32;

/**
 * Whether JSON text nests brackets deeper than `limit` (outside strings). One pass over the
 * text: a file of a million `[` costs milliseconds here and hundreds of them in JSON.parse.
 */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Reads a progress file's text: the progress, or why it cannot be used. */
export function readProgressFile(text: string): { ok: true; progress: ProgressFile } | { ok: false; reason: string } {
  if (text.length > MAX_PROGRESS_BYTES) return { ok: false, reason: `The file is too large for a progress file (${text.length} bytes; at most ${MAX_PROGRESS_BYTES}).` };
  if (nestsDeeperThan(text, MAX_NESTING)) return { ok: false, reason: `The file is not a progress file (it nests more than ${MAX_NESTING} levels deep).` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'The file is not a progress file (it is not JSON).' };
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== PROGRESS_FORMAT) {
    return { ok: false, reason: 'The file is not an Exit Lab progress file.' };
  }
  const version = (data as { version?: unknown }).version;
  if (typeof version === 'number' && version > PROGRESS_VERSION) {
    return { ok: false, reason: `The file is from a newer Exit Lab (progress format v${version}; this page reads v${PROGRESS_VERSION}).` };
  }
  const parsed = z.safeParse(ProgressFile, data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `The progress file is damaged${issue ? ` at ${issue.path.join('.') || 'its top'}` : ''}.` };
  }
  return { ok: true, progress: parsed.data };
}
