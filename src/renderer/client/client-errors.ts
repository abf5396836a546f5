/**
 * Every error the renderer's client layer creates, in one place, so messages stay uniform
 * and callers can tell a host-side failure (it carries a `code`) from a transport failure.
 */
import type { ErrorCode, ErrorData } from '../../shared/errors';

/** An error reported by the host: `name` and `message` come from its {@link ErrorData}. */
export class HostError extends Error {
  /** The host's machine-readable code (e.g. `busy`, `invalid-payload`). */
  readonly code: ErrorCode;
  /** The original error's stack as the host sent it, if any. */
  readonly remoteStack: string | undefined;

  constructor(data: ErrorData) {
    super(data.message);
    this.name = data.name || 'Error';
    this.code = data.code;
    this.remoteStack = data.stack;
  }
}

/** Turns host error data into a rejectable {@link HostError}. */
export function hostError(data: ErrorData): HostError {
  return new HostError(data);
}

/** A call could not complete because the connection to the host closed. */
export function disconnectedError(channel: string): Error {
  const err = new Error(`connection to the host closed before "${channel}" was answered`);
  err.name = 'DisconnectedError';
  return err;
}

/** True for the error {@link disconnectedError} makes (worth retrying once reconnected). */
export function isDisconnectedError(err: unknown): boolean {
  return err instanceof Error && err.name === 'DisconnectedError';
}

/** A value that should have been a `Result` was not one. */
export function malformedResultError(channel: string): TypeError {
  return new TypeError(`host reply for "${channel}" is not a Result ({ ok, value } or { ok, error })`);
}

/** A reply that should carry trace chunks holds something else (records must come in a binary frame). */
export function malformedChunksError(channel: string): TypeError {
  return new TypeError(`host reply for "${channel}" holds a chunk that is not a TraceChunk`);
}

/** An option given to a client factory is out of range. */
export function badOptionError(option: string, expected: string): RangeError {
  return new RangeError(`option "${option}" must be ${expected}`);
}
