/**
 * Calls and chunks: how one call (`map`, `apply`, `imap`, …) becomes messages and how answers
 * become its result. Every call kind shares this bookkeeping; they differ only in where results
 * go (an array, or a stream for imap) and in what settling means to the caller.
 */
import type { RunMessage, TaskFailure, TaskRef } from '../../shared/worker-protocol';
import { RemoteTaskError } from './errors';
import type { ProgressCallback } from './pool-call-options';
import { reportCallbackError } from './pool-errors';

/**
 * Takes a call's results as they arrive (imap). Results of in-flight chunks keep coming after
 * the call settled with an error, so that a stream in input order can still yield what precedes
 * the failure; the stream ignores what it no longer needs.
 */
export interface ResultStream {
  /** Results of tasks `start`, `start + 1`, … arrived. */
  push(start: number, values: ArrayLike<unknown>): void;
  /** Task `at` failed (or the call ended there: abort, terminate) with `error`. */
  fail(error: Error, at: number): void;
}

/** One outstanding call, settled exactly once (by the pool). */
export interface PendingCall {
  /** Process-wide id: the call's task `i` is `<callId>:<i>` in the trace. */
  readonly callId: number;
  readonly task: TaskRef;
  /** When the call was submitted (µs, trace clock); 0 when the pool does not trace. */
  readonly submitTs: number;
  /** Traced task by task, its submits recorded by the pool (small enough; see trace.ts). */
  readonly detailed: boolean;
  /** Number of tasks in the call. */
  readonly total: number;
  /** Its arguments hold primitives in wire form (the worker revives them). */
  readonly wire: boolean;
  /** Results by task index (left empty when `stream` takes them). */
  readonly results: unknown[];
  /** Takes each chunk's results as they arrive instead of `results` (imap). */
  readonly stream: ResultStream | null;
  /** The caller's per-call progress callback. */
  readonly onProgress: ProgressCallback | null;
  /** Tasks whose outcome has not arrived yet. */
  remaining: number;
  settled: boolean;
  resolve(results: unknown[]): void;
  /** Fails the call; `at` is the first task that failed (0 when the whole call was cancelled). */
  reject(error: Error, at: number): void;
  /** Undoes what the call set up outside the pool (its abort listener); run once settled. */
  cleanup: (() => void) | null;
}

/** What a new call needs; the rest starts empty. */
export interface CallInit {
  task: TaskRef;
  total: number;
  tracing: boolean;
  wire?: boolean;
  stream?: ResultStream;
  onProgress?: ProgressCallback | null;
  resolve(results: unknown[]): void;
  reject(error: Error, at: number): void;
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

/**
 * Lists of numbers longer than this travel as a Float64Array (one block of memory); shorter
 * ones as plain arrays, which the frame channel sends as JSON at a fraction of the fixed cost
 * of V8's serializer.
 */
export const PACK_NUMBERS_ABOVE = 64;

// Process-wide, so task ids (`<call>:<index>`) stay unique across every pool of a session.
let nextCallId = 0;

/** Allocates the id of a new call. */
export function newCallId(): number {
  return nextCallId++;
}

/** A new pending call; traced task by task when small enough (see `TRACE_DETAILED_TASKS`). */
export function newCall(init: CallInit, detailedUpTo: number, now: () => number): PendingCall {
  return {
    callId: newCallId(),
    task: init.task,
    submitTs: init.tracing ? now() : 0,
    detailed: init.tracing && init.total <= detailedUpTo,
    total: init.total,
    wire: init.wire ?? false,
    results: init.stream ? [] : new Array<unknown>(init.total),
    stream: init.stream ?? null,
    onProgress: init.onProgress ?? null,
    remaining: init.total,
    settled: false,
    resolve: init.resolve,
    reject: init.reject,
    cleanup: null,
  };
}

/**
 * Splits a call over `items` into chunks of `size`, ids from `nextChunkId`. With `numbers`
 * (every item a number) the chunks are views of one Float64Array, the cheapest form to send
 * through V8's serializer, which writes only a view's bytes. Structured clone (a thread's
 * postMessage) copies a view's whole buffer, so with `copy` each chunk gets its own.
 */
export function splitIntoChunks(
  call: PendingCall,
  items: readonly unknown[],
  size: number,
  options: { spread: boolean; numbers: boolean; copy?: boolean },
  nextChunkId: () => number,
): Chunk[] {
  const { spread, numbers, copy = false } = options;
  // An apply's one argument list: `items` was made for this call (pool.ts), so it is the chunk's.
  if (items.length === 1 && spread) {
    return [{ chunkId: nextChunkId(), call, start: 0, args: items as unknown[], spread }];
  }
  // A few numbers are cheaper as a plain array: it travels as JSON (context/frames.ts).
  const packed =
    numbers && items.length > PACK_NUMBERS_ABOVE ? new Float64Array(items as readonly number[]) : null;
  const chunks: Chunk[] = [];
  for (let start = 0; start < items.length; start += size) {
    const end = Math.min(start + size, items.length);
    const args = packed
      ? copy
        ? packed.slice(start, end)
        : packed.subarray(start, end)
      : items.slice(start, end);
    chunks.push({ chunkId: nextChunkId(), call, start, args, spread });
  }
  return chunks;
}

/**
 * Splits `chunk` after its first `count` tasks (a worker's remaining task budget); the tail gets
 * a new id from `nextChunkId`.
 */
export function splitChunk(chunk: Chunk, count: number, nextChunkId: () => number): [Chunk, Chunk] {
  const { args } = chunk;
  const head = { ...chunk, args: args.slice(0, count) };
  const tail = { ...chunk, chunkId: nextChunkId(), start: chunk.start + count, args: args.slice(count) };
  return [head, tail];
}

/** The message that hands `chunk` to a worker (with what the worker needs to trace it). */
export function runMessage(chunk: Chunk, tracing: boolean): RunMessage {
  const { chunkId, start, args, call } = chunk;
  return {
    type: 'run',
    chunkId,
    task: call.task,
    start,
    args,
    ...(chunk.spread ? { spread: true } : {}),
    ...(call.wire ? { wire: true } : {}),
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
    // A stream still gets the chunk's results that came before the failure, in order.
    if (call.stream !== null && failure.index > 0) {
      call.stream.push(chunk.start, values.slice(0, failure.index));
    }
    return new RemoteTaskError(failure.error, {
      task: call.task,
      index: chunk.start + failure.index,
      ...where,
    });
  }
  if (call.stream !== null) call.stream.push(chunk.start, values);
  else if (values instanceof Float64Array) copyNumbers(call.results, chunk.start, values);
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

/** Tells the caller's `onProgress` how far the call is; a callback that throws becomes a warning. */
export function reportProgress(call: PendingCall): void {
  if (call.onProgress === null) return;
  try {
    call.onProgress(call.total - call.remaining, call.total);
  } catch (thrown) {
    reportCallbackError('onProgress', thrown);
  }
}

/** Calls `abort` with the signal's reason when `signal` aborts, until the call is settled. */
export function watchAbort(call: PendingCall, signal: AbortSignal, abort: (reason: Error) => void): void {
  const onAbort = (): void => abort(signal.reason as Error);
  signal.addEventListener('abort', onAbort, { once: true });
  call.cleanup = () => signal.removeEventListener('abort', onAbort);
}
