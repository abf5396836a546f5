/**
 * Errors of the synchronisation cores. Misuse is a RangeError (a call the primitive's state does
 * not allow, as Python's RuntimeError/ValueError) or a TypeError (a bad argument), and names the
 * primitive; a broken barrier is its own class, as in Python.
 */
import { describeValue } from '../errors';

/** Python's `threading.BrokenBarrierError`: the barrier was aborted, reset, or a wait timed out. */
export class BrokenBarrierError extends Error {
  /** Name of the barrier (e.g. `"Barrier-3"`). */
  readonly barrier: string;

  constructor(barrier: string, why: 'broken' | 'reset' | 'timeout' | 'cancelled') {
    const detail =
      why === 'reset'
        ? 'it was reset while this wait was in progress'
        : why === 'timeout'
          ? 'this wait timed out, which breaks the barrier for every party'
          : why === 'cancelled'
            ? 'this wait was cancelled, which breaks the barrier for every party'
            : 'it was aborted, or a party timed out, was cancelled or died';
    super(`Barrier "${barrier}" is broken: ${detail}`);
    this.name = 'BrokenBarrierError';
    this.barrier = barrier;
  }
}

/** `release()` of a lock or rlock nobody holds (Python: "release unlocked lock"). */
export function releaseUnlocked(name: string): RangeError {
  return new RangeError(`Cannot release "${name}": release unlocked lock`);
}

/** `release()` of an rlock held by another context (Python: "cannot release un-acquired lock"). */
export function releaseNotOwned(name: string): RangeError {
  return new RangeError(
    `Cannot release "${name}": cannot release un-acquired lock (held by another context)`,
  );
}

/** Condition `wait`/`notify` without holding its lock (Python's RuntimeError). */
export function conditionNotOwned(name: string, op: string): RangeError {
  return new RangeError(`Cannot ${op} on "${name}": cannot ${op} on un-acquired lock`);
}

/** More contexts waiting on a condition than it has slots for. */
export function tooManyWaiters(name: string, capacity: number): RangeError {
  return new RangeError(
    `Cannot wait on "${name}": all ${capacity} waiter slots are in use (option "maxWaiters" sets the capacity)`,
  );
}

/** BoundedSemaphore released above its initial value (Python's ValueError). */
export function semaphoreOverReleased(name: string, value: number, n: number, bound: number): RangeError {
  return new RangeError(
    `Cannot release "${name}" by ${n}: it would go above its initial value ${bound} (now ${value}); ` +
      'semaphore released too many times',
  );
}

/** An op name a core does not serve. */
export function unknownOp(name: string, op: unknown): TypeError {
  return new TypeError(`"${name}" has no operation ${describeValue(op)}`);
}
