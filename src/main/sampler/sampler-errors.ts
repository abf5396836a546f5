/** Error factory for the core sampler: each error names the offending argument or option. */
import { SAMPLER_MAX_HZ, SAMPLER_MIN_HZ } from '../../shared/samples';

/** `hz` is not a number. */
export function hzNotANumber(argument: string, value: unknown): TypeError {
  return new TypeError(`${argument} must be a number of samples per second, got ${typeof value}`);
}

/** `hz` is outside SAMPLER_MIN_HZ..SAMPLER_MAX_HZ (or not finite). */
export function hzOutOfRange(argument: string, value: number): RangeError {
  return new RangeError(
    `${argument} must be between ${SAMPLER_MIN_HZ} and ${SAMPLER_MAX_HZ} Hz, got ${value}`,
  );
}

/** An option that must be a function (e.g. `cpus`, `now`) is not one. */
export function optionNotAFunction(option: string, value: unknown): TypeError {
  return new TypeError(`${option} must be a function, got ${value === null ? 'null' : typeof value}`);
}

/** `timers` lacks setTimeout/clearTimeout. */
export function badTimers(option: string): TypeError {
  return new TypeError(`${option} must have setTimeout and clearTimeout functions`);
}

/** `listener` passed to subscribe() is not a function. */
export function listenerNotAFunction(argument: string, value: unknown): TypeError {
  return new TypeError(`${argument} must be a function, got ${value === null ? 'null' : typeof value}`);
}

/** subscribe() or setRate() was called after dispose(). */
export function samplerDisposed(method: string): Error {
  return new Error(`CoreSampler.${method}() called after dispose()`);
}

/** `deliveryMs` is not a number of milliseconds in 0..SAMPLER_MAX_DELIVERY_MS. */
export function badDeliveryMs(option: string, value: unknown, max: number): TypeError | RangeError {
  if (typeof value !== 'number') {
    return new TypeError(
      `${option} must be a number of milliseconds, got ${value === null ? 'null' : typeof value}`,
    );
  }
  return new RangeError(`${option} must be between 0 and ${max} ms, got ${value}`);
}

/** `backend` is not one of the sampler's backends. */
export function badBackend(option: string, value: unknown, allowed: readonly string[]): TypeError {
  return new TypeError(
    `${option} must be one of ${allowed.map((b) => JSON.stringify(b)).join(', ')}, got ${JSON.stringify(value) ?? typeof value}`,
  );
}
