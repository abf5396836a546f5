/**
 * Calls and chunks: how one `map` becomes messages and how answers become its result. Kept out
 * of the pool so that later call kinds (apply, imap, starmap) can share the bookkeeping.
 */
import type { TaskSubmitEvent } from '../../shared/trace-schema';
import type { TaskFailure, TaskRef, ToWorker } from '../../shared/worker-protocol';
import { RemoteTaskError } from './errors';
import { summarizeArgs } from './trace';

/** One outstanding call, settled exactly once (by the pool). */
export interface PendingCall {
  /** Process-wide id: the call's task `i` is `<callId>:<i>` in the trace. */
  readonly callId: number;
  readonly task: TaskRef;
  /** When the call was submitted (µs, trace clock); 0 when the pool does not trace. */
  readonly submitTs: number;
  /** Traced task by task, its submits recorded by the pool (small enough; see trace.ts). */
  readonly detailed: boolean;
  readonly results: unknown[];
  /** Tasks whose outcome has not arrived yet. */
  remaining: number;
  settled: boolean;
  resolve(results: unknown[]): void;
  reject(error: Error): void;
}

/** A slice of a call's items, sent to one worker as one message. */
export interface Chunk {
  readonly chunkId: number;
  readonly call: PendingCall;
  /** Index of the chunk's first item in the call's input. */
  readonly start: number;
  /** One element per task: its argument, or with `spread` its argument list. */
  readonly args: unknown[] | Float64Array;
  readonly spread: boolean;
}

// Process-wide, so task ids (`<call>:<index>`) stay unique across every pool of a session.
let nextCallId = 0;

/** Allocates the id of a new call. */
export function newCallId(): number {
  return nextCallId++;
}

/** `task-submit` events for every task of a call, all at its submit time (they arrive at once). */
export function submitEvents(
  call: PendingCall,
  items: readonly unknown[],
  spread: boolean,
): TaskSubmitEvent[] {
  const events = new Array<TaskSubmitEvent>(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    events[i] = {
      type: 'task-submit',
      ts: call.submitTs,
      taskId: `${call.callId}:${i}`,
      name: call.task.name,
      args: summarizeArgs(spread && Array.isArray(item) ? item : [item]),
    };
  }
  return events;
}

/**
 * Splits a call over `items` into chunks of `size`, ids from `nextChunkId`. With `numbers`
 * (every item a number) the chunks are views of one Float64Array, the cheapest form to send.
 */
export function splitIntoChunks(
  call: PendingCall,
  items: readonly unknown[],
  size: number,
  options: { spread: boolean; numbers: boolean },
  nextChunkId: () => number,
): Chunk[] {
  const { spread, numbers } = options;
  const packed = numbers ? new Float64Array(items as readonly number[]) : null;
  const chunks: Chunk[] = [];
  for (let start = 0; start < items.length; start += size) {
    const end = Math.min(start + size, items.length);
    const args = packed ? packed.subarray(start, end) : items.slice(start, end);
    chunks.push({ chunkId: nextChunkId(), call, start, args, spread });
  }
  return chunks;
}

/** The message that hands `chunk` to a worker (with what the worker needs to trace it). */
export function runMessage(chunk: Chunk, tracing: boolean): Extract<ToWorker, { type: 'run' }> {
  const { chunkId, start, args, call } = chunk;
  return {
    type: 'run',
    chunkId,
    task: call.task,
    start,
    args,
    ...(chunk.spread ? { spread: true } : {}),
    ...(tracing ? { trace: { callId: call.callId, submitTs: call.submitTs, detailed: call.detailed } } : {}),
  };
}

/**
 * Stores a chunk's results in its call. Returns the error the call must fail with (the chunk's
 * first failed task, as Python's pool raises), 'complete' when every result is in, else 'pending'.
 */
export function recordResults(
  chunk: Chunk,
  values: readonly unknown[] | Float64Array,
  failures: readonly TaskFailure[],
  where: { workerId: number; pid: number | undefined },
): RemoteTaskError | 'complete' | 'pending' {
  const call = chunk.call;
  const failure = failures[0];
  if (failure !== undefined) {
    return new RemoteTaskError(failure.error, {
      task: call.task,
      index: chunk.start + failure.index,
      ...where,
    });
  }
  if (values instanceof Float64Array) copyNumbers(call.results, chunk.start, values);
  else copyValues(call.results, chunk.start, values);
  call.remaining -= values.length;
  return call.remaining <= 0 ? 'complete' : 'pending';
}

// Two monomorphic copies: one loop reading both kinds of input is several times slower.
function copyNumbers(results: unknown[], offset: number, values: Float64Array): void {
  for (let i = 0; i < values.length; i++) results[offset + i] = values[i];
}

function copyValues(results: unknown[], offset: number, values: readonly unknown[]): void {
  for (let i = 0; i < values.length; i++) results[offset + i] = values[i];
}
