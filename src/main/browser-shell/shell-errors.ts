/**
 * Error factory for the browser shell: option errors thrown by `startBrowserShell`, and the
 * `ErrorData` replies sent to a socket whose message is not a valid `WireInvoke`.
 */
import type { ErrorData } from '../../shared/errors';
import { errorData } from '../host/host-errors';

/** An option of `startBrowserShell` has the wrong type. */
export function optionTypeError(option: string, expected: string): TypeError {
  return new TypeError(`startBrowserShell: ${optionName(option)} must be ${expected}`);
}

/** An option of `startBrowserShell` has the right type but an unusable value. */
export function optionRangeError(option: string, expected: string): RangeError {
  return new RangeError(`startBrowserShell: ${optionName(option)} must be ${expected}`);
}

function optionName(option: string): string {
  return option === '' ? 'options' : `options.${option}`;
}

/** `rendererDir` has no `index.html`: the renderer has not been built. */
export function rendererNotBuilt(rendererDir: string): Error {
  return new Error(
    `startBrowserShell: the renderer is not built (no index.html in ${rendererDir}); run \`npm run build\` first`,
  );
}

/** A socket message that could not be read as a `WireInvoke`. */
export function malformedMessage(message: string): ErrorData {
  return errorData('invalid-payload', message, 'TypeError');
}

/** A socket has too many calls waiting for replies. */
export function tooManyPending(limit: number): ErrorData {
  return errorData('busy', `too many calls in flight on this socket (at most ${limit}); wait for replies`);
}

/** The reply could not be encoded as JSON (a host bug, reported rather than dropped). */
export function unencodableReply(message: string): ErrorData {
  return errorData('internal', `reply could not be encoded: ${message}`);
}
