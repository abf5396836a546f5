/**
 * Messages between a pool (in the caller's process) and its workers. One tagged union per
 * direction, imported by both sides; errors travel as {@link ErrorData}, never as throws.
 */
import type { ErrorData } from './errors';
import type { TraceEvent } from './trace-schema';

/** Where a task function lives: a module (absolute path or `file:` URL) and its export. */
export interface TaskRef {
  module: string;
  name: string;
}

/** Pool → worker. */
export type ToWorker =
  | {
      type: 'init';
      workerId: number;
      /** Record trace events? When false the worker sends none. */
      tracing: boolean;
      /** Flush buffered events at least this often (ms) while busy. */
      flushIntervalMs: number;
      /** Flush when this many events are buffered. */
      flushMaxEvents: number;
    }
  | {
      type: 'run';
      /** Identifies the chunk in the reply. */
      chunkId: number;
      task: TaskRef;
      /** One argument list per task in the chunk. */
      calls: unknown[][];
      /** Trace ids of the tasks in the chunk, parallel to `calls`; empty when tracing is off. */
      taskIds: string[];
    }
  | { type: 'shutdown' };

/** Outcome of one task inside a chunk. */
export type TaskOutcome = { ok: true; value: unknown } | { ok: false; error: ErrorData };

/** Worker → pool. */
export type FromWorker =
  | { type: 'ready'; workerId: number; pid: number }
  | { type: 'trace'; events: TraceEvent[] }
  | { type: 'chunk-done'; chunkId: number; outcomes: TaskOutcome[] }
  /** The task module or export could not be loaded: every task of the chunk fails with it. */
  | { type: 'chunk-failed'; chunkId: number; error: ErrorData };
