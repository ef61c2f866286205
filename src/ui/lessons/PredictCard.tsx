/**
 * "Predict before you run": a compact card above the command line. Optional (Skip folds it),
 * inline chips (a radio group for the status, checkboxes for the cleanup steps, picked in the
 * order the learner expects them), and after the run a friendly verdict on each.
 */
import { useId } from 'react';
import { programKeyOf } from '../../store/defaults';
import { emptyPrediction, useLessonsStore, type PredictionState } from '../../store/lessons';
import { useRunStore } from '../../store/run';
import {
  explainStatus,
  headline,
  statusChoices,
  stepChoices,
  stepLabel,
  stepPhrase,
  stepsOf,
  type Score,
  type Step,
} from '../../lessons/predict';

const NONE = '__none__';

function Icon({ kind }: { kind: 'right' | 'wrong' | 'idea' }) {
  if (kind === 'right') {
    return (
      <svg className="verdict-icon right" viewBox="0 0 16 16" aria-hidden="true">
        <path d="M3.5 8.4l2.8 2.8 6.2-6.6" />
      </svg>
    );
  }
  if (kind === 'wrong') {
    return (
      <svg className="verdict-icon wrong" viewBox="0 0 16 16" aria-hidden="true">
        <path d="M4.5 4.5l7 7M11.5 4.5l-7 7" />
      </svg>
    );
  }
  return (
    <svg className="verdict-icon idea" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M8 1.8a4.4 4.4 0 00-2.6 8l.4 1.7h4.4l.4-1.7A4.4 4.4 0 008 1.8zM6 13.8h4" />
    </svg>
  );
}

function Questions({ state, statuses, steps, update }: {
  state: PredictionState;
  statuses: number[];
  steps: Step[];
  update: (patch: Partial<PredictionState>) => void;
}) {
  const group = useId();
  const running = useRunStore((s) => s.phase === 'running');
  const toggleStep = (step: Step): void => {
    if (step === NONE) {
      const on = !(state.stepsAnswered && state.steps.length === 0);
      update({ steps: [], stepsAnswered: on });
      return;
    }
    const has = state.steps.includes(step);
    const next = has ? state.steps.filter((s) => s !== step) : [...state.steps, step];
    update({ steps: next, stepsAnswered: next.length > 0 });
  };
  const noneOn = state.stepsAnswered && state.steps.length === 0;
  const answered = state.status !== null || state.stepsAnswered;
  return (
    <div className="predict-body">
      <div className="predict-row">
        <span className="predict-label" aria-hidden="true">
          Exit status
        </span>
        <div className="chips" role="radiogroup" aria-label="Predicted exit status">
          {statuses.map((n) => (
            <label key={n} className={`chip-choice${state.status === n ? ' on' : ''}`}>
              <input
                type="radio"
                name={`${group}-status`}
                value={n}
                checked={state.status === n}
                disabled={running}
                onChange={() => update({ status: n })}
                onClick={() => {
                  // Clicking the chosen status again clears it.
                  if (state.status === n) update({ status: null });
                }}
              />
              {n}
            </label>
          ))}
        </div>
      </div>
      {steps.length > 0 && (
        <div className="predict-row">
          <span className="predict-label" aria-hidden="true">
            Cleanup that runs <span className="predict-sub">in the order you expect</span>
          </span>
          <div className="chips" aria-label="Predicted cleanup steps, in the order you expect them to run" role="group">
            {steps.map((step) => {
              const at = state.steps.indexOf(step);
              return (
                <label key={step} className={`chip-choice step${at >= 0 ? ' on' : ''}`}>
                  <input type="checkbox" checked={at >= 0} disabled={running} onChange={() => toggleStep(step)} />
                  {at >= 0 && (
                    <span className="order" aria-hidden="true">
                      {at + 1}
                    </span>
                  )}
                  <span className={step.startsWith('atexit ') || step.startsWith('context-exit ') ? 'mono' : ''}>
                    {stepLabel(step)}
                  </span>
                  {at >= 0 && <span className="visually-hidden">{`, number ${at + 1}`}</span>}
                </label>
              );
            })}
            <label className={`chip-choice none${noneOn ? ' on' : ''}`}>
              <input type="checkbox" checked={noneOn} disabled={running} onChange={() => toggleStep(NONE)} />
              none of them
            </label>
          </div>
        </div>
      )}
      <p className="predict-status" role="status">
        {running && answered
          ? 'Prediction locked in. Let’s see…'
          : answered
            ? 'Locked in when you run the program.'
            : ''}
      </p>
    </div>
  );
}

function stepList(list: Step[]): string {
  return list.length === 0 ? 'nothing' : list.map(stepPhrase).join(', ');
}

function Verdicts({ score }: { score: Score }) {
  return (
    <ul className="verdicts">
      {score.status && (
        <li className={score.status.right ? 'right' : 'wrong'}>
          <Icon kind={score.status.right ? 'right' : 'wrong'} />
          <span>
            Exit status <strong>{score.status.actual}</strong>
            {explainStatus(score.status.actual) && <span className="why"> · {explainStatus(score.status.actual)}</span>}
            {!score.status.right && <span className="you-said"> — you said {score.status.predicted}</span>}
          </span>
        </li>
      )}
      {score.steps?.map((v) => (
        <li key={v.step} className={v.right ? 'right' : 'wrong'}>
          <Icon kind={v.right ? 'right' : 'wrong'} />
          <span>
            <span className="mono">{stepPhrase(v.step)}</span> {v.ran ? 'ran' : v.skipped ? 'was skipped' : 'did not run'}
            {!v.right && <span className="you-said"> — you said it {v.predicted ? 'would' : 'would not'}</span>}
          </span>
        </li>
      ))}
      {score.order && (
        <li className={score.order.right ? 'right' : 'wrong'}>
          <Icon kind={score.order.right ? 'right' : 'wrong'} />
          <span>
            Order: {score.order.actual.map(stepPhrase).join(' → ')}
            {!score.order.right && <span className="you-said"> — you said {score.order.predicted.map(stepPhrase).join(' → ')}</span>}
          </span>
        </li>
      )}
      {score.surprises.length > 0 && (
        <li className="idea">
          <Icon kind="idea" />
          <span>Also ran: {stepList(score.surprises)}</span>
        </li>
      )}
    </ul>
  );
}

export function PredictCard() {
  const lesson = useLessonsStore((s) => s.lesson);
  const current = useLessonsStore((s) => s.current);
  const key = current ? programKeyOf({ lessonId: current.lessonId, program: current.program }) : '';
  const state = useLessonsStore((s) => s.predictions[key]) ?? emptyPrediction();
  const update = (patch: Partial<PredictionState>): void => useLessonsStore.getState().updatePrediction(key, patch);
  const running = useRunStore((s) => s.phase === 'running');
  const program = lesson?.programs.find((p) => p.name === current?.program);
  if (!lesson || !current || !program) return null;
  const statuses = statusChoices(program, lesson.programs);
  const steps = stepChoices(program, lesson.programs);
  const again = (): void => update({ status: null, steps: [], stepsAnswered: false, skipped: false, score: null, actual: null, locked: null });

  // After a run: the verdict (or, without a prediction, what happened).
  if (state.actual && !running) {
    const score = state.score;
    if (score && score.total > 0) {
      const perfect = score.right === score.total;
      return (
        <section className={`predict-card result ${perfect ? 'perfect' : score.right === 0 ? 'missed' : 'partial'}`} aria-label="Your prediction" data-testid="predict-card">
          <div className="predict-head">
            <p className="predict-headline" role="status" data-testid="predict-headline">
              <Icon kind={perfect ? 'right' : 'idea'} />
              {headline(score)}
            </p>
            <span className="predict-score" data-testid="predict-score">
              {score.right}/{score.total}
            </span>
            <button type="button" className="btn ghost small" onClick={again}>
              Predict again
            </button>
          </div>
          <Verdicts score={score} />
        </section>
      );
    }
    const real = stepsOf(state.actual.timeline);
    return (
      <section className="predict-card result plain" aria-label="How it ended" data-testid="predict-card">
        <div className="predict-head">
          <p className="predict-headline" role="status">
            Ended with exit status <strong>{state.actual.status}</strong>
            {explainStatus(state.actual.status) && <span className="why"> ({explainStatus(state.actual.status)})</span>}
            {steps.length > 0 && (
              <>
                {' '}
                · ran: <span className="mono">{stepList(real.ran)}</span>
                {real.skipped.length > 0 && (
                  <>
                    {' '}
                    · skipped: <span className="mono">{stepList(real.skipped)}</span>
                  </>
                )}
              </>
            )}
          </p>
          <button type="button" className="btn ghost small" onClick={again}>
            Predict the next one
          </button>
        </div>
      </section>
    );
  }

  if (state.skipped) {
    return (
      <section className="predict-card folded" aria-label="Prediction" data-testid="predict-card">
        <span className="predict-title">Prediction skipped.</span>
        <button type="button" className="btn ghost small" onClick={() => update({ skipped: false })}>
          Predict
        </button>
      </section>
    );
  }

  return (
    <section className="predict-card" aria-label="Predict before you run" data-testid="predict-card">
      <div className="predict-head">
        <span className="predict-title">
          <Icon kind="idea" />
          Predict before you run
          <span className="predict-sub">optional · how will it end?</span>
        </span>
        <button type="button" className="btn ghost small" onClick={() => update({ skipped: true })} disabled={running}>
          Skip
        </button>
      </div>
      <Questions state={state} statuses={statuses} steps={steps} update={update} />
    </section>
  );
}
