/**
 * Waiting on a word of shared memory without blocking the event loop: `Atomics.waitAsync`
 * (never `Atomics.wait`, which would freeze a main thread), with a deadline and an AbortSignal.
 *
 * Two things `Atomics.waitAsync` does not do, done here:
 * - A pending waitAsync does not keep Node's event loop alive, so a thread whose only work is
 *   `await lock.acquire()` would simply exit. While any wait is live, one ref'd timer holds the
 *   loop open (Python's blocked thread keeps its process alive too).
 * - A waitAsync cannot be withdrawn. When its caller gives up (abort), the wait stays registered;
 *   if a `notify(…, 1)` later lands on it, that wake-up was meant for a live waiter, so it is
 *   passed on with another `notify(…, 1)`.
 */
import { invalidArgument } from '../errors';
import { checkTimeout } from '../timeouts';

/** How a wait ended: woken, value already different, deadline passed, or the caller gave up. */
export type WaitResult = 'ok' | 'not-equal' | 'timed-out' | 'cancelled';

type WaitAsync = (
  view: Int32Array,
  index: number,
  value: number,
  timeout?: number,
) => { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };

// ES2024 API; the project's lib setting is ES2023, so it is typed here.
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

let liveWaits = 0;
let keepAlive: NodeJS.Timeout | null = null;

function noop(): void {}

function holdLoop(): void {
  if (liveWaits++ === 0) keepAlive = setInterval(noop, 0x7fffffff);
}

function releaseLoop(): void {
  if (--liveWaits === 0 && keepAlive !== null) {
    clearInterval(keepAlive);
    keepAlive = null;
  }
}

/** Options of every core operation that can wait. */
export interface CoreWaitOptions {
  /** `false`: never wait (same as `timeoutMs: 0`). Default true. */
  blocking?: boolean;
  /** Longest wait in milliseconds; `undefined`/`null`/`Infinity`: no limit. */
  timeoutMs?: number | null;
  /** Aborting it ends the wait with `'cancelled'` and leaves no trace in the primitive's state. */
  signal?: AbortSignal;
}

/** Validated {@link CoreWaitOptions}: an absolute deadline on `performance.now()`'s clock. */
export interface Deadline {
  /** `performance.now()` value after which the wait gives up; `Infinity` for never. */
  at: number;
  signal: AbortSignal | undefined;
}

const FOREVER: Deadline = Object.freeze({ at: Infinity, signal: undefined });

/**
 * Validates wait options (from a direct caller or, as plain data, from a remote one) and turns
 * the timeout into a deadline. The error names `timeout`, the option's public name.
 */
export function deadlineOf(options: CoreWaitOptions | undefined): Deadline {
  if (options === undefined) return FOREVER;
  if (typeof options !== 'object' || options === null) {
    throw invalidArgument(
      'options',
      'must be an object like { timeoutMs, blocking, signal }',
      options,
      'type',
    );
  }
  const { blocking, timeoutMs, signal } = options;
  if (blocking !== undefined && typeof blocking !== 'boolean') {
    throw invalidArgument('blocking', 'must be a boolean', blocking, 'type');
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw invalidArgument('signal', 'must be an AbortSignal', signal, 'type');
  }
  let at = Infinity;
  if (blocking === false) at = 0;
  else {
    const ms = checkTimeout(timeoutMs);
    if (ms !== null) at = performance.now() + ms;
  }
  return signal === undefined && at === Infinity ? FOREVER : { at, signal };
}

/** Milliseconds left before `deadline` (0 when passed). */
export function remainingMs(deadline: Deadline): number {
  return deadline.at === Infinity ? Infinity : Math.max(0, deadline.at - performance.now());
}

/**
 * Waits while `view[index] === expected`, until woken by `Atomics.notify`, the deadline, or the
 * signal. Like every futex wait it may wake spuriously: callers re-check their condition.
 * `forward`: pass a wake-up on when it lands on a wait its caller abandoned (see module docs);
 * false for words where every notify wakes everyone anyway.
 */
export function waitWord(
  view: Int32Array,
  index: number,
  expected: number,
  deadline: Deadline,
  forward = true,
): WaitResult | Promise<WaitResult> {
  const signal = deadline.signal;
  if (signal?.aborted === true) return 'cancelled';
  const ms = remainingMs(deadline);
  if (ms <= 0) return 'timed-out';
  const result = waitAsync(view, index, expected, ms === Infinity ? undefined : ms);
  if (!result.async) return result.value;
  holdLoop();
  if (signal === undefined) {
    return result.value.then((value) => {
      releaseLoop();
      return value;
    });
  }
  return new Promise<WaitResult>((resolve) => {
    let settled = false;
    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      releaseLoop();
      resolve('cancelled');
    };
    signal.addEventListener('abort', onAbort, { once: true });
    void result.value.then((value) => {
      if (settled) {
        // This wait was abandoned but still took a wake-up: hand it to a live waiter.
        if (value === 'ok' && forward) Atomics.notify(view, index, 1);
        return;
      }
      settled = true;
      signal.removeEventListener('abort', onAbort);
      releaseLoop();
      resolve(value);
    });
  });
}

/** Number of waits currently holding the event loop open (for tests). */
export function liveWaitCount(): number {
  return liveWaits;
}
