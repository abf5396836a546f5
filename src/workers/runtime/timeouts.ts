/**
 * The one rule for timeouts across the runtime: milliseconds, `undefined`/`null`/`Infinity` for
 * "as long as it takes", a number >= 0 otherwise (0: try once). Every method that takes a timeout
 * validates it here, so the errors read the same everywhere.
 */
import { invalidArgument } from './errors';

/** Validates a timeout in ms: null = no limit. TypeError/RangeError naming `name`. */
export function checkTimeout(timeout: unknown, name = 'timeout'): number | null {
  if (timeout === undefined || timeout === null || timeout === Infinity) return null;
  if (typeof timeout !== 'number') {
    throw invalidArgument(name, 'must be a number of milliseconds (or null for no limit)', timeout, 'type');
  }
  if (Number.isNaN(timeout) || timeout < 0) {
    throw invalidArgument(name, 'must be a number of milliseconds >= 0', timeout, 'range');
  }
  return timeout;
}

/** A wait that ran out of time (`AsyncResult.get`, `Lock.hold`, …). Python: `TimeoutError`. */
export class TimeoutError extends Error {
  /** The timeout that expired, in milliseconds. */
  readonly timeout: number;

  constructor(message: string, timeout: number) {
    super(message);
    this.name = 'TimeoutError';
    this.timeout = timeout;
  }
}
