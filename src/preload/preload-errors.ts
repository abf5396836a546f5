/**
 * Error factory for the preload bridge. Calls the bridge refuses come back as data (a failed
 * {@link Result}) so the renderer handles them like any host error; misuse of `on` is a
 * programming error in the renderer and throws a TypeError naming the argument.
 */
import type { ErrorData, Result } from '../shared/errors';

/** A failed {@link Result} carrying `error`. */
export function failure(error: ErrorData): Result<never> {
  return { ok: false, error };
}

/** `invoke` was called with a channel that is not in the contract. */
export function unknownInvokeChannel(channel: unknown): ErrorData {
  return {
    code: 'unknown-channel',
    name: 'TypeError',
    message: `parascope.invoke: unknown channel ${describe(channel)}`,
  };
}

/** The IPC call itself failed (no handler in main, or main threw instead of answering). */
export function ipcFailed(channel: string, error: unknown): ErrorData {
  const reason = error instanceof Error ? error.message : describe(error);
  return { code: 'internal', name: 'Error', message: `parascope.invoke(${channel}) failed: ${reason}` };
}

/** `on` was called with a channel that is not a push channel. */
export function unknownPushChannel(channel: unknown): TypeError {
  return new TypeError(`parascope.on: channel must be a push channel, got ${describe(channel)}`);
}

/** `on` was called without a listener function. */
export function listenerNotFunction(): TypeError {
  return new TypeError('parascope.on: listener must be a function');
}

/** A short, safe description of an untrusted value for messages. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
  return value === null ? 'null' : `a value of type ${typeof value}`;
}
