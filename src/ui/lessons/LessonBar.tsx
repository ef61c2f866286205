/**
 * Above the command line in a lesson: the lesson's programs as tabs (each with its own draft and
 * command line), what to do while it runs (the lesson's script, in words), the Node note, and
 * the prediction card.
 */
import { useRef, type KeyboardEvent } from 'react';
import type { ScriptStep } from '../../lessons/schema';
import { useLessonsStore } from '../../store/lessons';
import { selectProgram } from './navigate';
import { PredictCard } from './PredictCard';

function quote(text: string): string {
  return `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;
}

/** The lesson's script as instructions to the learner. */
export function describeScript(script: readonly ScriptStep[]): string[] {
  return script.map((step) => {
    if ('input' in step) return step.input === null ? 'press Ctrl+D (end of input)' : `type ${quote(step.input)} and Enter`;
    if ('afterOutput' in step) return `send ${step.signal} once it prints ${quote(step.afterOutput)}`;
    const s = step.afterMs / 1000;
    return `send ${step.signal} ${s === 0 ? 'right away' : `after ${s} s`}`;
  });
}

function ProgramTabs() {
  const lesson = useLessonsStore((s) => s.lesson);
  const current = useLessonsStore((s) => s.current);
  const list = useRef<HTMLDivElement>(null);
  if (!lesson || !current || lesson.programs.length < 2) return null;
  const names = lesson.programs.map((p) => p.name);
  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const at = names.indexOf(current.program);
    let next = -1;
    if (e.key === 'ArrowRight') next = (at + 1) % names.length;
    else if (e.key === 'ArrowLeft') next = (at - 1 + names.length) % names.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = names.length - 1;
    if (next < 0) return;
    e.preventDefault();
    const name = names[next];
    if (name === undefined) return;
    void selectProgram(name).then(() => list.current?.querySelector<HTMLButtonElement>(`[data-program="${name}"]`)?.focus());
  };
  return (
    <div ref={list} className="program-tabs" role="tablist" aria-label="Programs of this lesson" onKeyDown={onKey}>
      {lesson.programs.map((p, i) => {
        const selected = p.name === current.program;
        return (
          <button
            key={p.name}
            type="button"
            role="tab"
            data-program={p.name}
            aria-selected={selected}
            tabIndex={selected ? 0 : -1}
            className={`program-tab${selected ? ' selected' : ''}`}
            onClick={() => void selectProgram(p.name)}
          >
            <span className="tab-num" aria-hidden="true">
              {i + 1}
            </span>
            {p.label}
          </button>
        );
      })}
    </div>
  );
}

export function LessonBar() {
  const lesson = useLessonsStore((s) => s.lesson);
  const current = useLessonsStore((s) => s.current);
  const loadError = useLessonsStore((s) => s.loadError);
  if (loadError) {
    return (
      <div className="banner error" role="alert">
        {loadError}
      </div>
    );
  }
  if (!lesson || !current) return null;
  const program = lesson.programs.find((p) => p.name === current.program);
  const steps = program ? describeScript(program.script) : [];
  return (
    <section className="lesson-bar" aria-label="Lesson program" data-testid="lesson-bar">
      <div className="lesson-bar-row">
        <ProgramTabs />
        {lesson.programs.length < 2 && program && <span className="single-program">{program.label}</span>}
        {steps.length > 0 && (
          <p className="script-hint">
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M8 1.8a6.2 6.2 0 100 12.4A6.2 6.2 0 008 1.8zM8 7.2v4M8 4.8v.1" />
            </svg>
            <span>
              While it runs: {steps.join(', then ')}.
            </span>
          </p>
        )}
      </div>
      {lesson.runtime === 'node' && (
        <p className="node-note" role="note" data-testid="node-note">
          <strong>This lesson runs on Node.js.</strong> Node starts in your browser from the network (WebContainers),
          so running it needs a network connection. The prose and the program are here to read either way.
        </p>
      )}
      <PredictCard />
    </section>
  );
}
