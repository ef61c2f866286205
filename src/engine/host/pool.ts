/**
 * A pool of warm interpreters, shared by the browser page and the Node CLI: each a worker
 * booted (from a memory snapshot when there is one) and waiting; every run takes a fresh
 * one and a replacement boots once the run has had the machine to itself for a while.
 */
import type { Engine, EngineStatus, ProcessListener, PythonProcess } from '../process';
import type { RunRequest, SnapshotSource } from '../protocol';
import { HostedProcess } from './process';
import { bootWorker, type BootedWorker, type SnapshotStore, type WorkerFactory } from './worker-boot';

/**
 * How long a page waits after its first plain boot is done before making the snapshot.
 * Not sooner: on a 2-core machine a second boot alongside the first slowed both.
 */
const BACKGROUND_SNAPSHOT_DELAY_MS = 500;
/** A run has the machine to itself this long before the pool boots its replacement. */
const REFILL_AFTER_MS = 1000;
/**
 * After a run ends, the refill waits this long: long enough for the page to show the
 * exit first (starting a worker and handing it the snapshot is main-thread work).
 */
const REFILL_AFTER_EXIT_MS = 50;

export interface EnginePoolOptions {
  factory: WorkerFactory;
  snapshots: SnapshotStore | null;
  /** Interpreters kept booted and waiting (1 is usually enough). */
  warm: number;
  /** Workers block on shared memory (needs cross-origin isolation in a browser). */
  sharedMemory: boolean;
  /**
   * Without shared memory: let workers block by suspension where their JavaScript engine
   * can (JSPI). Each worker says in its boot info which path it took.
   */
  suspend?: boolean;
  /** Without a stored snapshot: make one before the first run (CLI) or after it (page). */
  snapshotIn?: 'foreground' | 'background';
  /** Bytes of output the worker may write ahead of the host (default 1 MiB). */
  outputCapacity?: number;
}

/** A pool of warm interpreters. Every run gets a fresh one; none is reused. */
export class EnginePool implements Engine {
  private readonly opts: EnginePoolOptions;
  private stored: Promise<SnapshotSource | null> | null = null;
  private made: Promise<SnapshotSource | null> | null = null;
  private readonly ready: Promise<BootedWorker>[] = [];
  private current: EngineStatus;
  private readonly statusListeners = new Set<(s: EngineStatus) => void>();

  constructor(opts: EnginePoolOptions) {
    this.opts = opts;
    this.current = {
      state: 'booting',
      percent: 0,
      // Until a worker says which path it took, expect the one asked for.
      interactive: opts.sharedMemory || opts.suspend === true,
      blocking: opts.sharedMemory ? 'shared-memory' : undefined,
    };
  }

  status(): EngineStatus {
    return this.current;
  }

  onStatus(cb: (s: EngineStatus) => void): () => void {
    this.statusListeners.add(cb);
    return () => this.statusListeners.delete(cb);
  }

  private setStatus(s: Partial<EngineStatus>): void {
    this.current = { ...this.current, ...s };
    for (const cb of this.statusListeners) cb(this.current);
  }

  /** The stored snapshot, looked up once. */
  private storedSnapshot(): Promise<SnapshotSource | null> {
    if (!this.stored) {
      const store = this.opts.snapshots;
      this.stored = store
        ? store
            .load()
            .then((snap) => (snap instanceof Uint8Array ? this.shareable(snap) : snap))
            .catch(() => null)
        : Promise.resolve(null);
    }
    return this.stored;
  }

  /** Boots one interpreter from what `chooseSnapshot` decides; the worker starts at once. */
  private bootFromBestSource(onProgress: (percent: number, stage: string) => void): Promise<BootedWorker> {
    // bootWorker takes the ring size in place of `true`.
    const sharedMemory = this.opts.sharedMemory ? (this.opts.outputCapacity ?? true) : false;
    const choice = this.chooseSnapshot();
    const booted = bootWorker(
      this.opts.factory,
      choice.then((c) => c.source),
      sharedMemory,
      this.opts.suspend === true,
      { onProgress },
    );
    void choice.then((c) => {
      if (!c.makeAfterBoot) return;
      // The throwaway snapshot worker starts once this boot is done: on two cores it would slow it.
      booted.then(
        () => setTimeout(() => void this.makeAndStoreSnapshot(), BACKGROUND_SNAPSHOT_DELAY_MS),
        () => this.resolveMade(null),
      );
    });
    return booted;
  }

  /**
   * What an interpreter boots from: the stored snapshot when there is one. Without one:
   * in `foreground` mode (the CLI) a throwaway worker makes it first and the run boots
   * from it; in `background` mode (the page) this boot is plain, so a first visit waits
   * for one plain boot only, and the snapshot is made by a throwaway worker after it.
   *
   * A snapshotting interpreter is never used for a run: runs on one ended in
   * Pyodide fatal errors during finalization now and then (pyodide 314.0.7).
   */
  private async chooseSnapshot(): Promise<{ source?: SnapshotSource; makeAfterBoot?: boolean }> {
    const stored = await this.storedSnapshot();
    if (stored) {
      if (!this.current.snapshot) this.setStatus({ snapshot: 'loaded' });
      return { source: stored };
    }
    if (!this.opts.snapshots) return {};
    if (this.opts.snapshotIn === 'background') {
      if (this.made) {
        const made = await Promise.race([this.made, Promise.resolve(null)]);
        return made ? { source: made } : {};
      }
      this.made = new Promise((r) => (this.resolveMade = r));
      return { makeAfterBoot: true };
    }
    if (!this.made) {
      this.made = new Promise((r) => (this.resolveMade = r));
      void this.makeAndStoreSnapshot();
    }
    return { source: (await this.made) ?? undefined };
  }

  private resolveMade: (s: SnapshotSource | null) => void = () => undefined;

  /**
   * The snapshot as each boot is handed it: a structured clone of 31 MB cost the page 35 ms
   * per worker right when a run had ended, and the garbage it left slowed the next run's
   * exit on the page 2 to 3 times. Where memory can be shared with workers (Node, an isolated
   * page) it goes in shared memory; elsewhere in a Blob, which a message passes by reference.
   * The worker copies it out itself.
   */
  private shareable(snapshot: Uint8Array): SnapshotSource {
    const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
    if (typeof SharedArrayBuffer !== 'undefined' && isolated) {
      const shared = new Uint8Array(new SharedArrayBuffer(snapshot.byteLength));
      shared.set(snapshot);
      return shared;
    }
    if (typeof Blob !== 'undefined') return new Blob([snapshot as BlobPart]);
    return snapshot;
  }

  /** A throwaway worker boots plainly, takes the snapshot, and is terminated. */
  private async makeAndStoreSnapshot(): Promise<void> {
    const store = this.opts.snapshots;
    this.setStatus({ snapshot: 'making' });
    const made = await new Promise<Uint8Array | null>((resolve) => {
      const handle = this.opts.factory();
      handle.onMessage((msg) => {
        if (msg.type === 'snapshot') {
          handle.terminate();
          resolve(msg.data);
        } else if (msg.type === 'fatal') {
          handle.terminate();
          resolve(null);
        }
      });
      handle.onError(() => resolve(null));
      handle.post({ type: 'boot', makeSnapshot: true });
    });
    const saved = made && store ? await store.save(made).then(() => true, () => false) : false;
    this.setStatus({ snapshot: saved ? 'saved' : 'unavailable' });
    this.resolveMade(made ? this.shareable(made) : null);
  }

  private bootOne(): Promise<BootedWorker> {
    const p = this.bootFromBestSource((percent, stage) => {
      if (this.current.state === 'booting') this.setStatus({ percent: Math.max(this.current.percent, percent), message: stage });
    });
    p.then(
      (w) =>
        this.setStatus({
          state: 'ready',
          percent: 100,
          info: w.info,
          message: undefined,
          blocking: w.info.blocking,
          interactive: w.info.blocking !== 'none',
        }),
      (err: unknown) => {
        if (this.current.state !== 'ready') this.setStatus({ state: 'failed', message: String(err) });
      },
    );
    return p;
  }

  /** Keep `warm` interpreters booting or booted. */
  fill(): void {
    while (this.ready.length < this.opts.warm) {
      const p = this.bootOne();
      p.catch(() => undefined);
      this.ready.push(p);
      p.then(
        () => {
          this.booted.add(p);
          this.showWarm();
        },
        () => undefined,
      );
    }
  }

  private readonly booted = new WeakSet<Promise<BootedWorker>>();

  /** `warm` in the status: booted interpreters still in the pool (derived, never counted by hand). */
  private showWarm(): void {
    this.setStatus({ warm: this.ready.filter((p) => this.booted.has(p)).length });
  }

  /** Takes a booted (or booting) interpreter out of the pool (spawn refills it later). */
  private take(): Promise<BootedWorker> {
    const next = this.ready.shift();
    this.showWarm();
    return next ?? this.bootOne();
  }

  spawn(request: RunRequest, listener: ProcessListener): PythonProcess {
    const proc = new HostedProcess(this.take(), request, listener);
    // Refill once this run is over (or has had a second to itself): a boot started
    // now would compete with the run for the two cores it has.
    let refilled = false;
    const refill = () => {
      if (refilled) return;
      refilled = true;
      this.fill();
    };
    void proc.exited.then(() => setTimeout(refill, REFILL_AFTER_EXIT_MS));
    setTimeout(refill, REFILL_AFTER_MS);
    return proc;
  }

  /** Stop every warm worker (the CLI calls this before exiting). */
  dispose(): void {
    for (const p of this.ready.splice(0)) p.then((w) => w.handle.terminate(), () => undefined);
  }
}
