/**
 * Messages between a pool (in the caller's process) and its workers. One tagged union per
 * direction, imported by both sides; errors travel as {@link ErrorData}, never as throws.
 *
 * The shapes are flat on purpose: a chunk's inputs and results are one array with one element
 * per task, which structured clone copies at a few nanoseconds per number, where an array or
 * an object per task costs a hundred times more; and a list made only of numbers goes as a
 * Float64Array, copied as one block of memory (and no heap object per number on arrival).
 * Task ids are never sent: task `i` of a chunk is `<callId>:<start + i>`, which the worker
 * derives when it records an event.
 */
import type { ErrorData } from './errors';
import type { LinkMessage } from './link-protocol';
import type { TraceChunk } from './trace-chunk';

/** Where a task function lives: a module (absolute path or `file:` URL) and its export. */
export interface TaskRef {
  module: string;
  name: string;
}

/** What a worker needs to trace a chunk's tasks (sent only when the pool traces). */
export interface ChunkTraceInfo {
  /** The call's id: the chunk's task `i` is `<callId>:<start + i>`. */
  callId: number;
  /** When the call was submitted (µs, trace clock): the `submitTs` of its tasks. */
  submitTs: number;
  /**
   * True for a call small enough to trace task by task: the pool recorded `task-submit` for
   * every task, and the worker records each task's start and end. When false, the worker
   * records `task-submit` itself for a task it records on its own, and may fold short tasks
   * into `task-batch` events (see `TaskBatchEvent` in the trace schema).
   */
  detailed: boolean;
}

/** One chunk for a worker to run. */
export interface RunMessage {
  type: 'run';
  /** Identifies the chunk in the reply. */
  chunkId: number;
  task: TaskRef;
  /** Index of the chunk's first task in its call. */
  start: number;
  /**
   * One element per task. Normally the task's single argument (`map`), as a Float64Array
   * when every argument is a number; with `spread`, each element is the task's argument
   * list (`starmap`).
   */
  args: unknown[] | Float64Array;
  /** Spread each element of `args` as the task's argument list. */
  spread?: boolean;
  /** `args` hold primitives in wire form (see context/wire.ts): revive them first. */
  wire?: boolean;
  /** Present when the pool traces. */
  trace?: ChunkTraceInfo;
  /**
   * A group of single-task calls (runtime pool-groups.ts): the call id of each task, which is
   * task 0 of its own call (its trace id `<taskCalls[i]>:0`). `start` is 0. Asked back
   * (`cancel`) once started, the worker runs no task after the current one and answers
   * `chunk-skipped` with `from`.
   */
  taskCalls?: number[];
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
      /**
       * In a call that is not `detailed`, tasks that succeed in less than this (µs) may be
       * folded into one `task-batch` event with their neighbours.
       */
      batchBelowUs: number;
      /**
       * Run this before the first chunk (Python's `initializer`): the worker answers `ready` once
       * it returned (or its promise resolved), `init-failed` if it threw.
       */
      initializer?: TaskRef;
      /** Arguments of the initializer. */
      initargs?: unknown[];
      /** `initargs` hold primitives in wire form (see context/wire.ts): revive them first. */
      wire?: boolean;
    }
  | RunMessage
  /** Several chunks at once, run in order (a worker holding many short chunks). */
  | { type: 'run-batch'; runs: RunMessage[] }
  /** Skip these chunks if they have not started (their call was cancelled); answer `chunk-skipped`. */
  | { type: 'cancel'; chunkIds: number[] }
  | { type: 'shutdown' }
  /** Operations on primitives and their replies share the channel (see link-protocol.ts). */
  | LinkMessage;

/** A task of a chunk that threw: its index in the chunk and the error. */
export interface TaskFailure {
  index: number;
  error: ErrorData;
}

/** Worker → pool. */
export type FromWorker =
  | { type: 'ready'; workerId: number; pid: number }
  /**
   * The initializer could not be loaded (`stage` 'load') or threw (`stage` 'run'). The worker
   * runs nothing and waits for `shutdown`.
   */
  | { type: 'init-failed'; workerId: number; pid: number; stage: 'load' | 'run'; error: ErrorData }
  /**
   * Sent as the worker dies of an uncaught exception or unhandled rejection (a timer's throw,
   * a promise nobody awaited), so the pool can say why; its exit follows.
   */
  | { type: 'fatal'; error: ErrorData }
  /**
   * A batch of the worker's trace events (its tasks', its primitives', pools it started), packed
   * (trace-chunk.ts); the pool forwards it to its sink without decoding.
   */
  | { type: 'trace'; chunk: TraceChunk }
  | {
      type: 'chunk-done';
      chunkId: number;
      /**
       * One result per task, in order (`undefined` where the task failed); a Float64Array when
       * every result is a number.
       */
      values: unknown[] | Float64Array;
      /** The tasks that threw, in order; usually empty. */
      failures: TaskFailure[];
      /**
       * How long the worker took to run the chunk's tasks (µs), without the time the chunk and
       * its answer spent in transit or queued: what the pool sizes groups by (pool-groups.ts).
       */
      runUs?: number;
    }
  /** The task module or export could not be loaded: every task of the chunk fails with it. */
  | { type: 'chunk-failed'; chunkId: number; error: ErrorData }
  /**
   * A chunk was cancelled before it started: none of its tasks ran. With `from` (a group asked
   * back once started): its tasks from `from` on will not run; the `chunk-done` that follows
   * holds the results of the tasks before.
   */
  | { type: 'chunk-skipped'; chunkId: number; from?: number }
  /** Several of the above, in order (a worker sends what it has together; see pool-outbox.ts). */
  | { type: 'batch'; messages: FromWorker[] }
  | LinkMessage;
