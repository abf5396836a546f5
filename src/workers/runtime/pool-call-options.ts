/**
 * The trailing options object of every pool call, where Python takes `chunksize` (and
 * `callback`, `error_callback`) positionally. A bare number is accepted as the chunksize.
 */
import { checkTimeout } from './timeouts';
import { invalidArgument } from './errors';
import { validateChunksize } from './options';

/** Called with the number of the call's tasks done so far and its total. */
export type ProgressCallback = (done: number, total: number) => void;

/** Options every call takes. */
export interface CallOptions {
  /** Cancels the call: queued tasks are dropped and the call rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Called in the caller each time results arrive (errors it throws become process warnings). */
  onProgress?: ProgressCallback;
}

/** Options of the calls over many items (`map`, `starmap`, `imap`, …). */
export interface MapOptions extends CallOptions {
  /** Items per message to a worker (Python's `chunksize`). */
  chunksize?: number;
}

/**
 * Callbacks of the `…Async` calls, run in the caller when the result is ready. One that throws
 * does not disturb the pool: the error is emitted as a process warning (`PoolCallbackError`).
 */
export interface AsyncCallbacks<R> {
  /** Receives the result on success (Python's `callback`). */
  callback?: (result: R) => void;
  /** Receives the error on failure (Python's `error_callback`). */
  errorCallback?: (error: Error) => void;
}

/** A call's options after validation. */
export interface ResolvedCallOptions {
  chunksize: number | undefined;
  signal: AbortSignal | null;
  onProgress: ProgressCallback | null;
  callback: ((result: unknown) => void) | null;
  errorCallback: ((error: Error) => void) | null;
}

function optionalFunction<F>(value: unknown, name: string): F | null {
  if (value === undefined) return null;
  if (typeof value !== 'function') throw invalidArgument(name, 'must be a function', value, 'type');
  return value as F;
}

function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    value instanceof AbortSignal ||
    (typeof value === 'object' &&
      value !== null &&
      typeof (value as AbortSignal).aborted === 'boolean' &&
      typeof (value as AbortSignal).addEventListener === 'function')
  );
}

/**
 * Validates a call's options; `allowed` lists the keys that call accepts beyond `signal` and
 * `onProgress`. Throws TypeError/RangeError naming the bad option.
 */
export function resolveCallOptions(
  options: unknown,
  allowed: { chunksize?: boolean; callbacks?: boolean },
): ResolvedCallOptions {
  if (typeof options === 'number' && allowed.chunksize) options = { chunksize: options };
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null) {
    const what = allowed.chunksize ? 'must be an options object or a chunksize' : 'must be an object';
    throw invalidArgument('options', what, options, 'type');
  }
  const o = options as Record<string, unknown>;
  if (o.signal !== undefined && !isAbortSignal(o.signal)) {
    throw invalidArgument('signal', 'must be an AbortSignal', o.signal, 'type');
  }
  if (!allowed.chunksize && o.chunksize !== undefined) {
    throw invalidArgument('chunksize', 'is not an option of this call', o.chunksize, 'type');
  }
  return {
    chunksize: o.chunksize === undefined ? undefined : validateChunksize(o.chunksize),
    signal: (o.signal as AbortSignal | undefined) ?? null,
    onProgress: optionalFunction<ProgressCallback>(o.onProgress, 'onProgress'),
    callback: allowed.callbacks ? optionalFunction(o.callback, 'callback') : null,
    errorCallback: allowed.callbacks ? optionalFunction(o.errorCallback, 'errorCallback') : null,
  };
}

/** Validates a timeout in milliseconds: see timeouts.ts. */
export const validateTimeout = checkTimeout;
