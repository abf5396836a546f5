/**
 * `parascope/runtime`: a parallel runtime for Node modelled on Python's `multiprocessing`:
 * pools, processes, queues, pipes, locks and shared values, on worker processes or threads,
 * traced. docs/API.md has the whole API and its Python counterparts.
 *
 * A task is an exported function, named by its module and export. Every worker imports that
 * module, so the program itself must not run there: keep it in another file, or guard it as
 * Python's `if __name__ == '__main__':` does:
 *
 * ```ts
 * import { Pool, isMainModule, task } from 'parascope/runtime';
 * export function square(x: number): number { return x * x; }
 * if (isMainModule(import.meta.url)) {
 *   await using pool = new Pool({ processes: 2 });
 *   console.log(await pool.map(task(import.meta.url, 'square'), [1, 2, 3])); // [1, 4, 9]
 * }
 * ```
 *
 * Importing this module also registers how every kind of primitive is revived in a worker that
 * receives one as an argument (workers import it for that reason).
 */
export { Pool } from './pool';
export type { PoolProgress } from './pool-dispatch';
export { AsyncResult } from './async-result';
export type { CallOptions, MapOptions, AsyncCallbacks, ProgressCallback } from './pool-call-options';
export { InitializerError, ResultNotReadyError, PoolCallbackError } from './pool-errors';
export { TimeoutError } from './timeouts';
export { isMainModule } from './bootstrap';
export { Process, activeChildren, type ProcessOptions, type ProcessBackend } from './process';
export { ProcessStateError } from './process-errors';
export { defaultChunksize, type PoolOptions, type PoolBackend, type PoolResourceLimits } from './options';
export { task, type TaskRef } from './task-ref';
export {
  setTraceSink,
  getTraceSink,
  type TraceSink,
  type TraceChunkSink,
  type TraceSinkFormat,
  type TraceSinkOptions,
} from './trace';
export { decodeChunk, chunkEventCount, type TraceChunk } from '../../shared/trace-chunk';
export {
  RemoteTaskError,
  TaskLoadError,
  WorkerDiedError,
  PoolStateError,
  PoolTerminatedError,
  toErrorData,
} from './errors';
export type { TraceEvent } from '../../shared/trace-schema';
export {
  Lock,
  RLock,
  Semaphore,
  BoundedSemaphore,
  Event,
  Condition,
  Barrier,
  Value,
  SharedArray,
  // Python's name; shadows the global Array in a module that imports it under this name.
  SharedArray as Array,
  Queue,
  JoinableQueue,
  SimpleQueue,
  Pipe,
  Connection,
  Manager,
  ManagedValue,
  ManagedDict,
  ManagedList,
  LockAbandonedError,
  type LockOptions,
  type SemaphoreOptions,
  type BarrierOptions,
  type SharedOptions,
  type QueueOptions,
  type Held,
  type WaitOptions,
} from './primitives/index';
export {
  QueueFullError,
  QueueEmptyError,
  QueueClosedError,
  PeerGoneError,
  PipeClosedError,
  BrokenPipeError,
  PipeTimeoutError,
} from './channels/index';
export { BrokenBarrierError } from './sync/sync-errors';
export type { TypeCode, SharedScalar } from './sync/typecodes';
