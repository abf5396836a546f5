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
