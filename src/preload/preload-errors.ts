/**
 * Error factory for the preload bridge. Calls the bridge refuses come back as data (a failed
 * {@link Result}) so the renderer handles them like any host error; misuse of `on` is a
 * programming error in the renderer and throws a TypeError naming the argument.
 */
import { describeValue, type ErrorData } from '../shared/errors';

/** `invoke` was called with a channel that is not in the contract. */
export function unknownInvokeChannel(channel: unknown): ErrorData {
  return {
    code: 'unknown-channel',
    name: 'TypeError',
    message: `parascope.invoke: unknown channel ${describeValue(channel)}`,
  };
}

/** The IPC call itself failed (no handler in main, or main threw instead of answering). */
export function ipcFailed(channel: string, error: unknown): ErrorData {
  const reason = error instanceof Error ? error.message : describeValue(error);
  return { code: 'internal', name: 'Error', message: `parascope.invoke(${channel}) failed: ${reason}` };
}

/** `on` was called with a channel that is not a push channel. */
export function unknownPushChannel(channel: unknown): TypeError {
  return new TypeError(`parascope.on: channel must be a push channel, got ${describeValue(channel)}`);
}

/** `on` was called without a listener function. */
export function listenerNotFunction(): TypeError {
  return new TypeError('parascope.on: listener must be a function');
}
