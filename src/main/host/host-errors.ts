/**
 * Error factory for the host façade: every error the host returns is built here, so codes,
 * names and wording stay consistent and no stack of a host-internal error leaks to a renderer.
 */
import { describeValue, type ErrorCode, type ErrorData } from '../../shared/errors';

/** Builds an {@link ErrorData} without a stack. */
export function errorData(code: ErrorCode, message: string, name = 'Error'): ErrorData {
  return { code, name, message };
}

/**
 * Converts anything thrown by a service into {@link ErrorData} with the given code. Keeps the
 * class name and message (they help the user); drops the stack (host internals).
 */
export function toErrorData(error: unknown, code: ErrorCode): ErrorData {
  if (error instanceof Error) return errorData(code, error.message, error.name);
  return errorData(code, `non-error thrown: ${describeValue(error)}`);
}

/** The channel is not part of the contract. */
export function unknownChannel(channel: unknown): ErrorData {
  return errorData('unknown-channel', `unknown channel: ${describeValue(channel)}`, 'TypeError');
}

/** A payload failed validation (message from `parseRequest` or a service's TypeError/RangeError). */
export function invalidPayload(message: string, name = 'TypeError'): ErrorData {
  return errorData('invalid-payload', message, name);
}

/** A session is already running. */
export function sessionBusy(runningId: string): ErrorData {
  return errorData('busy', `a session is already running (${runningId}); stop it first`);
}

/** Too many workload files are being opened at once. */
export function openBusy(): ErrorData {
  return errorData('busy', 'other workload files are still being opened; try again when they are');
}

/** No session with this id is known. */
export function sessionNotFound(sessionId: string): ErrorData {
  return errorData('not-found', `no session with id ${describeValue(sessionId)}`, 'RangeError');
}

/** The host was disposed and takes no more calls. */
export function hostDisposed(): ErrorData {
  return errorData('internal', 'the host has been disposed');
}

/** An argument of `createHost` or `Host.subscribe` (e.g. `deps.sampler`) has the wrong shape. */
export function badHostDependency(argument: string, expected: string): TypeError {
  return new TypeError(`host: ${argument} must be ${expected}`);
}
