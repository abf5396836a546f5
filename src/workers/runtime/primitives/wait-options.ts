/**
 * Options of every operation that can wait (acquire, get, put, recv, wait, join): Python's
 * `block` and `timeout`, in milliseconds, plus an AbortSignal. Validated once here so every
 * primitive names the bad option the same way.
 */
import { invalidArgument } from '../errors';
import { checkTimeout } from '../timeouts';

export { checkTimeout };

/** How long an operation may wait. */
export interface WaitOptions {
  /** `false`: try once and never wait (Python's `block=False`). Default true. */
  blocking?: boolean;
  /** Longest wait in milliseconds; omitted or `null`: wait as long as it takes. */
  timeout?: number | null;
  /** Stops the wait; the operation rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Validated wait options: `timeoutMs` null = forever, 0 = try once. */
export interface ResolvedWait {
  timeoutMs: number | null;
  signal: AbortSignal | undefined;
}

/** Validates {@link WaitOptions}; `blocking: false` becomes a timeout of 0. */
export function resolveWait(options: unknown): ResolvedWait {
  if (options === undefined) return { timeoutMs: null, signal: undefined };
  if (typeof options !== 'object' || options === null) {
    throw invalidArgument('options', 'must be an object like { timeout, blocking, signal }', options, 'type');
  }
  const o = options as Record<keyof WaitOptions, unknown>;
  if (o.blocking !== undefined && typeof o.blocking !== 'boolean') {
    throw invalidArgument('blocking', 'must be a boolean', o.blocking, 'type');
  }
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal)) {
    throw invalidArgument('signal', 'must be an AbortSignal', o.signal, 'type');
  }
  const timeoutMs = o.blocking === false ? 0 : checkTimeout(o.timeout);
  return { timeoutMs, signal: o.signal as AbortSignal | undefined };
}
