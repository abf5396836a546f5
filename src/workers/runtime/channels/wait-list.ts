/**
 * Callers blocked on a channel, first come first served. Each wait ends exactly once: it is
 * served (`first` + `resolve`), times out, is cancelled by its signal, or is failed. A wait that
 * ends leaves the list at once, so a timed-out or cancelled waiter can never be handed an item.
 */
import type { Caller } from '../context/served';
import type { WaitMs } from './channel-options';

/** One blocked caller. */
export interface Waiter<T, P> {
  readonly caller: Caller;
  /** What the waiter brings (e.g. the item of a blocked put). */
  readonly payload: P;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

/** How a wait ends when nobody serves it. */
export interface WaitEnds<T> {
  /** Called when the timeout fires: what it returns resolves the wait, what it throws rejects it. */
  onTimeout(): T;
  /** Called when the signal aborts, before the wait rejects with the signal's reason. */
  onCancel(): void;
}

/** The reason a signal aborted with, as something to throw. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

/** A FIFO of blocked callers. */
export class WaitList<T, P = undefined> {
  // A Set keeps insertion order and removes from the middle in O(1) (timeouts, cancellations).
  private readonly waiters = new Set<Waiter<T, P>>();

  /** Number of callers waiting. */
  get size(): number {
    return this.waiters.size;
  }

  /**
   * Blocks `caller` until it is served, `timeoutMs` passes (null: never) or `signal` aborts.
   * `timeoutMs` must not be 0: a try-once operation never waits.
   */
  wait(caller: Caller, signal: AbortSignal, timeoutMs: WaitMs, payload: P, ends: WaitEnds<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (): boolean => {
        if (!this.waiters.delete(waiter)) return false;
        if (timer !== undefined) clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        return true;
      };
      const waiter: Waiter<T, P> = {
        caller,
        payload,
        resolve: (value) => {
          if (finish()) resolve(value);
        },
        reject: (reason) => {
          if (finish()) reject(reason);
        },
      };
      const onAbort = (): void => {
        if (!finish()) return;
        ends.onCancel();
        reject(abortReason(signal));
      };
      this.waiters.add(waiter);
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs !== null) {
        timer = setTimeout(() => {
          if (!finish()) return;
          try {
            resolve(ends.onTimeout());
          } catch (error) {
            reject(error);
          }
        }, timeoutMs);
      }
    });
  }

  /** The longest-waiting caller, or undefined. It leaves the list when it is settled. */
  first(): Waiter<T, P> | undefined {
    const first = this.waiters.values().next();
    return first.done ? undefined : first.value;
  }

  /** Every waiter, oldest first, that `match` accepts (all by default); they stay in the list until settled. */
  select(match: (waiter: Waiter<T, P>) => boolean = () => true): Waiter<T, P>[] {
    return [...this.waiters].filter(match);
  }
}
