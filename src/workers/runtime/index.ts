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
