/**
 * The host-side view of one Python process run by the engine. Every host
 * (browser page, Node CLI) drives runs through this interface; the worker
 * plumbing behind it differs per host.
 */
import type { BlockingPath, EngineNotice, ExitRecord, RunRequest, SignalName, TimelineEvent, BootInfo, WorkFile } from './protocol';

export interface ProcessListener {
  /** Return false when the sink is full: output stays in the worker's pipe until `resumeOutput()`. */
  stdout?(data: Uint8Array): boolean | void;
  stderr?(data: Uint8Array): boolean | void;
  /** The program blocks reading stdin; its prompt has already been delivered. */
  inputRequest?(): void;
  timeline?(event: TimelineEvent): void;
  /** Files of the working directory after the run (browser disk). */
  files?(files: WorkFile[]): void;
  /** Something to tell the person running the program, beside its output (once per run each). */
  notice?(notice: EngineNotice): void;
}

export interface PythonProcess {
  /** Deliver a signal as the kernel would. SIGKILL always ends the run at once. */
  sendSignal(sig: SignalName): void;
  /** Bytes typed into the terminal (kept as typeahead until read); `null` is end of input. */
  writeStdin(data: Uint8Array | null): void;
  /** Resolves once with the exit record; never rejects (a broken worker is `cause: 'crash'`). */
  readonly exited: Promise<ExitRecord>;
  /** Resolves when the program starts running on an interpreter (never, if it could not start). */
  readonly started: Promise<void>;
  /** After a listener returned false: its sink has room again. */
  resumeOutput?(): void;
}

export interface EngineStatus {
  state: 'booting' | 'ready' | 'failed';
  /** 0..100 while booting. */
  percent: number;
  message?: string;
  info?: BootInfo;
  /** False when programs cannot be reached while they block: no stdin while running, no signals. */
  interactive: boolean;
  /** How programs block, once an interpreter has said (see `BlockingPath`). */
  blocking?: BlockingPath;
  /** Interpreters booted and waiting for a run (the next Run starts at once when > 0). */
  warm?: number;
  /**
   * The memory snapshot this session boots from: `loaded` from the store, or made now
   * (`making`, then `saved` once stored, or `unavailable` when that failed).
   */
  snapshot?: 'loaded' | 'making' | 'saved' | 'unavailable';
}

export interface Engine {
  status(): EngineStatus;
  onStatus(cb: (s: EngineStatus) => void): () => void;
  /** Starts a run on a warm interpreter (booting one if none is ready). */
  spawn(request: RunRequest, listener: ProcessListener): PythonProcess;
}
