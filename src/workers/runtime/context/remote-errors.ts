/**
 * Errors on their way between contexts: the owner turns what `serve` threw into data, the caller
 * turns the data back into an error of the same class (when the class is registered) with the
 * owner's stack appended, so `instanceof QueueEmptyError` works in every context.
 */
import type { ErrorData } from '../../../shared/errors';
import { serializeThrown } from '../errors';
import { TimeoutError } from '../timeouts';

type ErrorFactory = (message: string) => Error;

const factories = new Map<string, ErrorFactory>([
  ['TypeError', (message) => new TypeError(message)],
  ['RangeError', (message) => new RangeError(message)],
  ['Error', (message) => new Error(message)],
  ['AbortError', (message) => new DOMException(message, 'AbortError')],
  ['TimeoutError', (message) => new TimeoutError(message, NaN)],
]);

/**
 * Makes errors named `name` come back as instances of the class `make` builds. Each module that
 * defines an error a primitive can throw registers it once.
 */
export function registerRemoteError(name: string, make: ErrorFactory): void {
  factories.set(name, make);
}

/** What `serve` threw, as data for the reply. */
export function errorToData(thrown: unknown): ErrorData {
  return serializeThrown(thrown, 'workload-error');
}

/** The caller's copy of an owner's error: same class where known, owner's stack kept. */
export function errorFromData(data: ErrorData, where: string): Error {
  const make = factories.get(data.name);
  const error = make ? make(data.message) : Object.assign(new Error(data.message), { name: data.name });
  if (data.stack) {
    try {
      error.stack = `${error.stack ?? `${data.name}: ${data.message}`}\n\nRemote stack (${where}):\n${data.stack}`;
    } catch {
      // A DOMException's stack may be read-only; the message is what matters.
    }
  }
  return error;
}
