/** Errors that travel as data across a process or IPC boundary (never thrown across it). */

/** Machine-readable error codes used on every boundary. */
export type ErrorCode =
  | 'invalid-payload'
  | 'unknown-channel'
  | 'not-found'
  | 'busy'
  | 'stopped'
  | 'workload-error'
  | 'worker-died'
  | 'internal';

/** An error as data: safe to structured-clone or JSON-encode. */
export interface ErrorData {
  code: ErrorCode;
  /** Class name of the original error where there was one (e.g. "TypeError"). */
  name: string;
  message: string;
  /** Stack of the original error, when it is useful to the user (remote task traces). */
  stack?: string;
}

/** Result of a call across a boundary: a value or an error, never an exception. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

/** Wraps an {@link ErrorData} as a failed {@link Result}. */
export function failure(error: ErrorData): { ok: false; error: ErrorData } {
  return { ok: false, error };
}

/** Wraps a value as a successful {@link Result}. */
export function success<T>(value: T): Result<T> {
  return { ok: true, value };
}

/**
 * A short, safe description of an untrusted value for an error message: never the whole
 * payload (a string is clipped to `maxLength` characters), never anything that could throw.
 */
export function describeValue(value: unknown, maxLength = 64): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > maxLength ? `${value.slice(0, maxLength)}…` : value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.toString();
    case 'function':
      return 'a function';
    default:
      return Array.isArray(value) ? 'an array' : 'an object';
  }
}
