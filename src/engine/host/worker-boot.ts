/**
 * Booting one worker as a host sees it: the handle a host gives (Web Worker or
 * worker_threads), where snapshots are kept, and the boot handshake up to `ready`.
 */
import type { BootInfo, HostToWorker, SnapshotSource, WorkerToHost } from '../protocol';
import { controlViews, createControlBuffer, type ControlViews } from '../shared';

/** A worker as the host sees it (Web Worker or worker_threads). */
export interface WorkerHandle {
  post(msg: HostToWorker, transfer?: ArrayBuffer[]): void;
  onMessage(cb: (msg: WorkerToHost) => void): void;
  /** The worker died on its own (uncaught error, out of memory). */
  onError(cb: (message: string) => void): void;
  terminate(): void;
}

export type WorkerFactory = () => WorkerHandle;

/** Where a host keeps the memory snapshot (disk for Node, Cache Storage in a browser). */
export interface SnapshotStore {
  load(): Promise<SnapshotSource | null>;
  save(data: Uint8Array): Promise<void>;
}

export interface BootedWorker {
  handle: WorkerHandle;
  control: ControlViews | null;
  info: BootInfo;
  /** Messages that arrived before a process took the worker over. */
  backlog: WorkerToHost[];
  listener: ((msg: WorkerToHost) => void) | null;
  errorListener: ((message: string) => void) | null;
  dead: string | null;
}

/**
 * Starts a worker at once (its script and Pyodide's start loading) and tells it to boot
 * once `snapshot` says from what: the snapshot lookup must not hold the worker back.
 */
export function bootWorker(
  factory: WorkerFactory,
  snapshot: SnapshotSource | undefined | Promise<SnapshotSource | undefined>,
  useSharedMemory: boolean | number,
  suspend: boolean,
  hooks: { onProgress?: (percent: number, stage: string) => void; onSnapshot?: (data: Uint8Array) => void } = {},
): Promise<BootedWorker> {
  return new Promise((resolve, reject) => {
    const handle = factory();
    const sab = useSharedMemory
      ? createControlBuffer(typeof useSharedMemory === 'number' ? useSharedMemory : undefined)
      : undefined;
    const booted: BootedWorker = {
      handle,
      control: sab ? controlViews(sab) : null,
      info: { pythonVersion: '', pyodideVersion: '', fromSnapshot: false, bootMs: 0, blocking: sab ? 'shared-memory' : 'none' },
      backlog: [],
      listener: null,
      errorListener: null,
      dead: null,
    };
    let ready = false;
    handle.onMessage((msg) => {
      if (!ready) {
        if (msg.type === 'boot-progress') hooks.onProgress?.(msg.percent, msg.stage);
        else if (msg.type === 'snapshot') hooks.onSnapshot?.(msg.data);
        else if (msg.type === 'ready') {
          ready = true;
          booted.info = msg.info;
          resolve(booted);
        } else if (msg.type === 'fatal') {
          handle.terminate();
          reject(new Error(msg.message));
        }
        return;
      }
      if (booted.listener) booted.listener(msg);
      else booted.backlog.push(msg);
    });
    handle.onError((message) => {
      booted.dead = message;
      if (!ready) reject(new Error(message));
      else booted.errorListener?.(message);
    });
    Promise.resolve(snapshot).then(
      (source) => {
        const msg: HostToWorker = {
          type: 'boot',
          snapshot: source,
          control: sab,
          makeSnapshot: hooks.onSnapshot !== undefined,
          suspend: !sab && suspend,
        };
        handle.post(msg);
      },
      (err: unknown) => {
        handle.terminate();
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
