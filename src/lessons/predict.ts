/**
 * "Predict before you run": the choices a learner picks from, and how a prediction is scored
 * against the real run. Pure functions (no DOM, no stores), unit-tested in predict.test.ts.
 *
 * Status choices: the lesson's real status, 0 and 1, the other programs' statuses (the mistake
 * and the fix usually differ), and plausible misreadings: 128+N for other signals, the bare
 * signal number, timeout's 124, 255, 2.
 *
 * Cleanup steps: each choice is one step that might run at the end (`finally`, a `with`
 * block's `__exit__`, an atexit handler, the flush of buffered output, an `except` catching
 * SystemExit). A step "runs" when the timeline records it, and does not when the timeline
 * records it as skipped or not at all. Choices come from the program's expected timeline (both
 * what ran and what was skipped) and from the lesson's other programs.
 */
import { SIGNALS } from '../engine/protocol';

/** What a prediction needs of a lesson program. */
export interface PredictableProgram {
  name: string;
  command: string;
  expect: { status: number; signal?: string; timeline?: readonly string[] };
}

/** A cleanup step as a learner predicts it: `finally`, `atexit save`, `context-exit Lock.__exit__`, ... */
export type Step = string;

const MAX_STATUS_CHOICES = 6;
const MAX_STEP_CHOICES = 7;

/** The step a timeline line is about, or null for lines that are not cleanup steps. */
export function stepOf(line: string): { step: Step; ran: boolean } | null {
  let ran = true;
  let rest = line;
  if (rest.startsWith('skipped ')) {
    ran = false;
    rest = rest.slice('skipped '.length);
  }
  if (rest === 'finally' || rest === 'buffered-output') return { step: rest, ran };
  if (/^(context-exit|atexit) \S/.test(rest)) return { step: rest, ran };
  if (ran && /^caught (SystemExit|KeyboardInterrupt)$/.test(rest)) return { step: rest, ran };
  return null;
}

/** Steps that ran and steps that were skipped, in the order of the timeline (first occurrence). */
export function stepsOf(timeline: readonly string[]): { ran: Step[]; skipped: Step[] } {
  const ran: Step[] = [];
  const skipped: Step[] = [];
  for (const line of timeline) {
    const s = stepOf(line);
    if (!s) continue;
    const list = s.ran ? ran : skipped;
    if (!list.includes(s.step)) list.push(s.step);
  }
  // A step that ran once and was skipped another time (two runs on one line) counts as ran.
  return { ran, skipped: skipped.filter((s) => !ran.includes(s)) };
}

/** Words for a step, as a chip shows it. */
export function stepLabel(step: Step): string {
  if (step === 'finally') return 'finally block';
  if (step === 'buffered-output') return 'buffered output written';
  if (step.startsWith('context-exit ')) return step.slice('context-exit '.length);
  if (step.startsWith('caught ')) return `except catches ${step.slice('caught '.length)}`;
  return step; // `atexit save_pending`
}

/** Short words for a step inside a sentence. */
export function stepPhrase(step: Step): string {
  if (step === 'finally') return 'finally';
  if (step === 'buffered-output') return 'the buffered output';
  if (step.startsWith('context-exit ')) return step.slice('context-exit '.length);
  if (step.startsWith('caught ')) return `the except catching ${step.slice('caught '.length)}`;
  return step;
}

function pushUnique(list: number[], n: number): void {
  if (Number.isInteger(n) && n >= 0 && n <= 255 && !list.includes(n)) list.push(n);
}

/** The status choices for `program`, ascending; always holds the real status. */
export function statusChoices(program: PredictableProgram, siblings: readonly PredictableProgram[] = []): number[] {
  const real = program.expect.status;
  const must: number[] = [];
  pushUnique(must, real);
  pushUnique(must, 0);
  pushUnique(must, 1);
  const extra: number[] = [];
  for (const s of siblings) if (s !== program) pushUnique(extra, s.expect.status);
  if (/\btimeout\b/.test(program.command)) pushUnique(extra, 124);
  if (real > 128 && real < 160) {
    // Killed by a signal: the bare signal number, and other deaths.
    pushUnique(extra, real - 128);
    for (const n of [130, 143, 137]) pushUnique(extra, n);
  } else if (program.expect.signal || /SIG[A-Z]+/.test(program.command)) {
    for (const n of [130, 143, 137]) pushUnique(extra, n);
  }
  pushUnique(extra, 2);
  pushUnique(extra, 255);
  pushUnique(extra, 130);
  const choices = [...must];
  for (const n of extra) {
    if (choices.length >= MAX_STATUS_CHOICES) break;
    pushUnique(choices, n);
  }
  return choices.sort((a, b) => a - b);
}

/**
 * The step choices for `program`: its own steps (ran or skipped) first, then its siblings'.
 * Empty when the program has no expected timeline or fewer than one cleanup step to ask about.
 */
export function stepChoices(program: PredictableProgram, siblings: readonly PredictableProgram[] = []): Step[] {
  const timeline = program.expect.timeline;
  if (!timeline) return [];
  const own = stepsOf(timeline);
  const choices: Step[] = [...own.ran, ...own.skipped];
  for (const s of siblings) {
    if (s === program || !s.expect.timeline) continue;
    const theirs = stepsOf(s.expect.timeline);
    for (const step of [...theirs.ran, ...theirs.skipped]) if (!choices.includes(step)) choices.push(step);
  }
  if (choices.length === 0) return [];
  const limited = choices.slice(0, MAX_STEP_CHOICES);
  // Keep the program's own steps in timeline order first; distractors after, as found.
  return limited;
}

/** The learner's prediction: a status (or none), and the steps they expect to run, in order. */
export interface Prediction {
  status: number | null;
  /** Steps picked, in the order the learner expects them to run. */
  steps: Step[];
  /** Whether the learner gave a steps answer at all (picking none is an answer: "nothing runs"). */
  stepsAnswered: boolean;
}

export interface StepVerdict {
  step: Step;
  predicted: boolean;
  ran: boolean;
  /** Skipped explicitly by the run (e.g. `skipped atexit save` after a fatal signal). */
  skipped: boolean;
  right: boolean;
}

export interface Score {
  status: { predicted: number; actual: number; right: boolean } | null;
  steps: StepVerdict[] | null;
  /** Steps that ran but were not among the choices (the learner edited the program). */
  surprises: Step[];
  /** Relative order of predicted steps that ran: right when every pair is in the real order. */
  order: { right: boolean; predicted: Step[]; actual: Step[] } | null;
  right: number;
  total: number;
}

/** Scores a prediction against the real run's status and timeline (as `timelineSteps` writes it). */
export function scorePrediction(
  prediction: Prediction,
  choices: readonly Step[],
  actual: { status: number; timeline: readonly string[] },
): Score {
  let right = 0;
  let total = 0;
  let status: Score['status'] = null;
  if (prediction.status !== null) {
    status = { predicted: prediction.status, actual: actual.status, right: prediction.status === actual.status };
    total++;
    if (status.right) right++;
  }
  const real = stepsOf(actual.timeline);
  let steps: StepVerdict[] | null = null;
  let order: Score['order'] = null;
  const surprises = real.ran.filter((s) => !choices.includes(s));
  if (prediction.stepsAnswered && choices.length > 0) {
    // Judged: what the learner picked, and what the run did (ran or skipped). A distractor left
    // unpicked that never came up is not counted, or unpicked chips would inflate the score.
    const judged = choices.filter(
      (step) => prediction.steps.includes(step) || real.ran.includes(step) || real.skipped.includes(step),
    );
    steps = judged.map((step) => {
      const predicted = prediction.steps.includes(step);
      const ran = real.ran.includes(step);
      return { step, predicted, ran, skipped: real.skipped.includes(step), right: predicted === ran };
    });
    if (judged.length === 0) {
      // "None of them", and indeed none came up.
      total++;
      right++;
    }
    for (const v of steps) {
      total++;
      if (v.right) right++;
    }
    const predictedRan = prediction.steps.filter((s) => real.ran.includes(s));
    if (predictedRan.length >= 2) {
      const actualOrder = real.ran.filter((s) => predictedRan.includes(s));
      order = {
        right: predictedRan.every((s, i) => actualOrder[i] === s),
        predicted: predictedRan,
        actual: actualOrder,
      };
      total++;
      if (order.right) right++;
    }
  }
  return { status, steps, surprises, order, right, total };
}

/** How a status reads: `143 (128 + SIGTERM)`. */
export function explainStatus(status: number): string {
  if (status > 128 && status < 160) {
    const name = Object.entries(SIGNALS).find(([, n]) => n === status - 128)?.[0];
    if (name) return `128 + ${name} (${status - 128})`;
  }
  if (status === 124) return "timeout's status when the time ran out";
  if (status === 0) return 'success';
  return '';
}

/** One friendly headline for a score. */
export function headline(score: Score): string {
  if (score.total === 0) return 'Here is how it ended.';
  if (score.right === score.total) {
    if (score.order?.right && score.order.predicted.length >= 2) {
      const [a, b] = score.order.actual;
      return `You called it: ${stepPhrase(b ?? '')} ran after ${stepPhrase(a ?? '')}.`;
    }
    if (score.status) return `You called it: exit status ${score.status.actual}.`;
    return 'You called it.';
  }
  if (score.right === 0) return 'Not this time — here is what really happened.';
  return `${score.right} of ${score.total} right — close.`;
}
