/** Turning the host's `Result` values into resolved values or rejected `Error`s. */
import type { ErrorData, Result } from '../../shared/errors';
import { hostError, malformedResultError } from './client-errors';

function isErrorData(value: unknown): value is ErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string';
}

/** True when `value` has the shape of a {@link Result} (checked because it crossed a boundary). */
export function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.ok === true) return 'value' in v;
  if (v.ok === false) return isErrorData(v.error);
  return false;
}

/**
 * Returns the value of a successful result, or throws a `HostError` (name, message and code
 * from the host's ErrorData) for a failed one. `channel` names the call in a malformed-reply
 * error.
 */
export function unwrapResult<T>(result: Result<T> | unknown, channel: string): T {
  if (!isResult(result)) throw malformedResultError(channel);
  if (result.ok) return result.value as T;
  throw hostError(result.error);
}
