/**
 * Run slice: the engine's boot state, the current run, and how the last one ended.
 */
import { create } from 'zustand';
import type { EngineStatus } from '../engine/process';
import type { ExitRecord, TimelineEvent } from '../engine/protocol';
import type { LineOutcome } from '../run/describeExit';

export type RunPhase = 'idle' | 'running';

export interface RunState {
  engine: EngineStatus;
  phase: RunPhase;
  /** Increases with every Run. */
  runId: number;
  /** The exit badge's text: '' before any run, 'running' while one runs. */
  exitText: string;
  /** The last run's outcome and the exit record of its last python process. */
  outcome: LineOutcome | null;
  record: ExitRecord | null;
  /** A python process is in the foreground (signals and typed input reach it). */
  foreground: boolean;
  /** The foreground program is blocked reading stdin. */
  waitingForInput: boolean;
  /** Timeline events of the run, in order. */
  timeline: TimelineEvent[];
  /** A one-line problem with the command line (shown in the terminal too). */
  commandError: string | null;
}

/** Nothing known of a run yet: before the first, and as each new one starts. */
const NO_OUTCOME = {
  outcome: null,
  record: null,
  foreground: false,
  waitingForInput: false,
  timeline: [],
  commandError: null,
} satisfies Partial<RunState>;

export const useRunStore = create<RunState>()(() => ({
  engine: { state: 'booting', percent: 0, interactive: true },
  phase: 'idle',
  runId: 0,
  exitText: '',
  ...NO_OUTCOME,
}));

/** Run `runId` has started: the badge says `running`, the last run's outcome and timeline are gone. */
export function runStarted(runId: number): void {
  useRunStore.setState({ phase: 'running', runId, exitText: 'running', ...NO_OUTCOME });
}
