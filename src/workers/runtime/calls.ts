/**
 * Calls and chunks: how one `map` becomes messages and how answers become its result. Kept out
 * of the pool so that later call kinds (apply, imap, starmap) can share the bookkeeping.
 */
import type { TaskSubmitEvent } from '../../shared/trace-schema';
import type { TaskOutcome, TaskRef } from '../../shared/worker-protocol';
import { RemoteTaskError } from './errors';
import { nowUs, summarizeArgs } from './trace';

/** One outstanding call, settled exactly once (by the pool). */
export interface PendingCall {
  readonly task: TaskRef;
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
  readonly calls: unknown[][];
  /** Trace ids parallel to `calls`; empty when tracing is off. */
  readonly taskIds: string[];
}

// Process-wide, so task ids (`<call>:<index>`) stay unique across every pool of a session.
let nextCallId = 0;

/** Allocates the id of a new call. */
export function newCallId(): number {
  return nextCallId++;
}

/** Trace ids of a call's tasks and their `task-submit` events (one shared timestamp: all arrive at once). */
export function submitEvents(
  callId: number,
  task: TaskRef,
  items: readonly unknown[],
): { taskIds: string[]; events: TaskSubmitEvent[] } {
  const ts = nowUs();
  const taskIds = items.map((_, i) => `${callId}:${i}`);
  const events = items.map((item, i): TaskSubmitEvent => ({
    type: 'task-submit',
    ts,
    taskId: taskIds[i] ?? '',
    name: task.name,
    args: summarizeArgs([item]),
  }));
  return { taskIds, events };
}

/** Splits single-argument calls over `items` into chunks of `size`, ids from `nextChunkId`. */
export function splitIntoChunks(
  call: PendingCall,
  items: readonly unknown[],
  size: number,
  taskIds: readonly string[],
  nextChunkId: () => number,
): Chunk[] {
  const chunks: Chunk[] = [];
  for (let start = 0; start < items.length; start += size) {
    const end = Math.min(start + size, items.length);
    const calls = new Array<unknown[]>(end - start);
    for (let i = start; i < end; i++) calls[i - start] = [items[i]];
    const ids = taskIds.length > 0 ? taskIds.slice(start, end) : [];
    chunks.push({ chunkId: nextChunkId(), call, start, calls, taskIds: ids });
  }
  return chunks;
}

/**
 * Stores a chunk's results in its call. Returns the error the call must fail with (the first
 * failed task, as Python's pool raises), 'complete' when every result is in, else 'pending'.
 */
export function recordOutcomes(
  chunk: Chunk,
  outcomes: readonly TaskOutcome[],
  where: { workerId: number; pid: number | undefined },
): RemoteTaskError | 'complete' | 'pending' {
  const call = chunk.call;
  for (let i = 0; i < outcomes.length; i++) {
    const outcome = outcomes[i] as TaskOutcome;
    if (!outcome.ok) {
      return new RemoteTaskError(outcome.error, { task: call.task, index: chunk.start + i, ...where });
    }
    call.results[chunk.start + i] = outcome.value;
  }
  call.remaining -= outcomes.length;
  return call.remaining <= 0 ? 'complete' : 'pending';
}
