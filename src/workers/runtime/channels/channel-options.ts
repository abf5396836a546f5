/**
 * Checks of the plain-data arguments queue and pipe operations receive. They may come from
 * another process, so nothing is assumed: a bad value is a TypeError or RangeError naming it.
 */
import { invalidArgument } from '../errors';
import { checkTimeout } from '../timeouts';

/**
 * How long an operation may wait, in milliseconds: `null` waits for ever, `0` tries once.
 * `block: false` means `0` whatever the timeout (as in Python's `queue`).
 */
export type WaitMs = number | null;

/** Reads a `timeoutMs` value: null/undefined/Infinity = for ever (timeouts.ts has the rule). */
export function readTimeout(value: unknown): WaitMs {
  return checkTimeout(value);
}

/**
 * Reads `{ block?, timeoutMs? }` (or nothing) into how long to wait. `blocking` is accepted for
 * `block`, as the public options and the lock cores spell it.
 */
export function readWaitOptions(value: unknown): WaitMs {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidArgument('options', 'must be an object like { block, timeoutMs }', value, 'type');
  }
  const options = value as { block?: unknown; blocking?: unknown; timeoutMs?: unknown };
  const name = options.blocking !== undefined ? 'blocking' : 'block';
  const block = options[name];
  if (block !== undefined && block !== null && typeof block !== 'boolean') {
    throw invalidArgument(name, 'must be a boolean', block, 'type');
  }
  const timeout = readTimeout(options.timeoutMs);
  return block === false ? 0 : timeout;
}

/** Reads a pipe end: 0 or 1. */
export function readEnd(value: unknown): 0 | 1 {
  if (value === 0 || value === 1) return value;
  throw invalidArgument('end', 'must be 0 or 1', value, typeof value === 'number' ? 'range' : 'type');
}
