/** A fake ShellRuntime with a manual clock, for the shell's tests. */
import { SIGNALS, type ExitRecord, type OutputMode, type SignalName } from '../engine/protocol';
import type { Job, ShellRuntime } from './run';

/** What a fake python does when it gets a signal: exit with a record, or keep running (null). */
export type OnSignal = (sig: SignalName, job: FakeJob) => ExitRecord | null;

/** Default dispositions: KeyboardInterrupt for SIGINT, death for the rest. */
export const defaultDisposition: OnSignal = (sig) =>
  sig === 'SIGINT'
    ? { status: 130, cause: 'exception', type: 'KeyboardInterrupt' }
    : { status: 128 + SIGNALS[sig], cause: 'signal', signal: sig };

/** A program with handlers: `handled` signals make it exit with `status`, SIGKILL still kills. */
export function handles(signals: SignalName[], status: number): OnSignal {
  return (sig, job) =>
    signals.includes(sig) ? { status, cause: 'sys.exit', value: String(status) } : defaultDisposition(sig, job);
}

/** A program that ignores the given signals (SIGKILL cannot be ignored). */
export function ignores(signals: SignalName[]): OnSignal {
  return (sig, job) => (signals.includes(sig) && sig !== 'SIGKILL' ? null : defaultDisposition(sig, job));
}

export interface Plan {
  /** Exit at once with this status (cause end/sys.exit). */
  exitWith?: number;
  onSignal?: OnSignal;
}

export class FakeJob implements Job {
  readonly signals: { sig: SignalName; at: number }[] = [];
  readonly exited: Promise<ExitRecord>;
  done = false;
  private resolve!: (r: ExitRecord) => void;
  constructor(
    private readonly clock: FakeClock,
    private readonly onSignal: OnSignal,
  ) {
    this.exited = new Promise((r) => (this.resolve = r));
  }
  sendSignal(sig: SignalName): void {
    this.signals.push({ sig, at: this.clock.now });
    if (this.done) return;
    const record = this.onSignal(sig, this);
    if (record !== null) this.exit(record);
  }
  exit(record: ExitRecord | number): void {
    if (this.done) return;
    this.done = true;
    this.resolve(typeof record === 'number' ? { status: record, cause: record === 0 ? 'end' : 'sys.exit' } : record);
  }
}

export class FakeClock {
  now = 0;
  private timers: { at: number; seq: number; fn: () => void; live: boolean }[] = [];
  private seq = 0;
  readonly requested: number[] = [];
  setTimer = (ms: number, fn: () => void): (() => void) => {
    this.requested.push(ms);
    const t = { at: this.now + ms, seq: this.seq++, fn, live: true };
    this.timers.push(t);
    return () => {
      t.live = false;
    };
  };
  pending(): number {
    return this.timers.filter((t) => t.live).length;
  }
  /** Moves time forward, firing due timers in order, letting promises settle after each. */
  async advance(ms: number): Promise<void> {
    const target = this.now + ms;
    for (;;) {
      await flush();
      const due = this.timers
        .filter((t) => t.live && t.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) break;
      due.live = false;
      this.now = due.at;
      due.fn();
    }
    this.now = target;
    await flush();
  }
}

export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setTimeout(r, 0));
}

export interface Start {
  file: string;
  argv: string[];
  mode: OutputMode;
  job: FakeJob;
  at: number;
}

export class FakeRuntime implements ShellRuntime {
  readonly clock = new FakeClock();
  readonly starts: Start[] = [];
  stdout = '';
  stderr = '';
  /** Plans for the next jobs, in order; jobs without one run until told. */
  readonly plans: Plan[] = [];
  throwOnStart: Error | null = null;
  constructor(plans: Plan[] = []) {
    this.plans.push(...plans);
  }
  startPython(opts: { file: string; argv: string[]; mode: OutputMode }): Job {
    if (this.throwOnStart !== null) throw this.throwOnStart;
    const plan = this.plans.shift() ?? {};
    const job = new FakeJob(this.clock, plan.onSignal ?? defaultDisposition);
    this.starts.push({ ...opts, job, at: this.clock.now });
    if (plan.exitWith !== undefined) job.exit(plan.exitWith);
    return job;
  }
  writeStdout(text: string): void {
    this.stdout += text;
  }
  writeStderr(text: string): void {
    this.stderr += text;
  }
  setTimer(ms: number, fn: () => void): () => void {
    return this.clock.setTimer(ms, fn);
  }
  job(i: number): FakeJob {
    const s = this.starts[i];
    if (s === undefined) throw new Error(`no job ${i}`);
    return s.job;
  }
}
