/**
 * `parascope/runtime`: a parallel runtime for Node modelled on Python's `multiprocessing`.
 *
 * ```ts
 * import { Pool, task } from 'parascope/runtime';
 * export function square(x: number): number { return x * x; }
 * const square$ = task(import.meta.url, 'square');
 * await using pool = new Pool({ processes: 2 });
 * const squares = await pool.map(square$, [1, 2, 3]); // [1, 4, 9]
 * ```
 */
export { Pool } from './pool';
export { Process, activeChildren, type ProcessOptions, type ProcessBackend } from './process';
export { ProcessStateError } from './process-errors';
export { defaultChunksize, type PoolOptions } from './options';
export { task, type TaskRef } from './task-ref';
export { setTraceSink, getTraceSink, type TraceSink } from './trace';
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
export type { TypeCode } from './sync/typecodes';
