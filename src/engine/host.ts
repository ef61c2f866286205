/**
 * The host side of the engine, shared by the browser page and the Node CLI: the pool of
 * warm interpreters (host/pool.ts), one run's process controller (host/process.ts) and the
 * worker boot handshake (host/worker-boot.ts).
 */
export { EnginePool, type EnginePoolOptions } from './host/pool';
export { HostedProcess } from './host/process';
export type { SnapshotStore, WorkerFactory, WorkerHandle } from './host/worker-boot';
