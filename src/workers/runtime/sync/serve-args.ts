/**
 * Arguments of served operations arrive as plain data from another context; these helpers check
 * them with the same errors a direct call gets, and add the router's AbortSignal.
 */
import { invalidArgument } from '../errors';
import type { CoreWaitOptions } from './wait';

/** `{ blocking?, timeoutMs? }` (or nothing) from a remote caller, plus the router's `signal`. */
export function waitOptionsArg(arg: unknown, signal: AbortSignal): CoreWaitOptions {
  if (arg === undefined || arg === null) return { signal };
  if (typeof arg !== 'object' || Array.isArray(arg)) {
    throw invalidArgument('options', 'must be an object like { timeoutMs, blocking }', arg, 'type');
  }
  const { blocking, timeoutMs } = arg as { blocking?: boolean; timeoutMs?: number | null };
  return { blocking, timeoutMs, signal };
}

/** A count argument (`n` of `release(n)`, `notify(n)`): an integer >= `min`, `fallback` when omitted. */
export function countArg(name: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') throw invalidArgument(name, 'must be an integer', value, 'type');
  if (!Number.isInteger(value) || value < min) {
    throw invalidArgument(name, `must be an integer >= ${min}`, value, 'range');
  }
  return value;
}
