/**
 * Callers blocked on a channel, first come first served. Each wait ends exactly once: it is
 * served (`first` + `resolve`), times out, is cancelled by its signal, or is failed. A wait that
 * ends leaves the list at once, so a timed-out or cancelled waiter can never be handed an item.
 *
 * A wait is one object and its promise: a consumer that waits for every item (its producer is
 * slower) waits once per item, so no closure, timer or listener is made that the wait does not
 * need (none without a timeout or a signal).
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

/** One wait in a {@link WaitList}. */
class Waiting<T, P> implements Waiter<T, P> {
  settle!: (value: T) => void;
  fail!: (reason: unknown) => void;
  timer: NodeJS.Timeout | undefined = undefined;
  onAbort: (() => void) | undefined = undefined;

  constructor(
    private readonly list: Set<Waiter<T, P>>,
    readonly caller: Caller,
    readonly payload: P,
    private readonly signal: AbortSignal | null,
  ) {}

  /** Leaves the list; false when the wait had already ended. */
  finish(): boolean {
    if (!this.list.delete(this)) return false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.onAbort !== undefined) this.signal!.removeEventListener('abort', this.onAbort);
    return true;
  }

  resolve(value: T): void {
    if (this.finish()) this.settle(value);
  }

  reject(reason: unknown): void {
    if (this.finish()) this.fail(reason);
  }
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
   * Blocks `caller` until it is served, `timeoutMs` passes (null: never) or `signal` aborts
   * (null: a wait nothing can cancel but a timeout or a failure). `timeoutMs` must not be 0: a
   * try-once operation never waits.
   */
  wait(
    caller: Caller,
    signal: AbortSignal | null,
    timeoutMs: WaitMs,
    payload: P,
    ends: WaitEnds<T>,
  ): Promise<T> {
    const waiter = new Waiting<T, P>(this.waiters, caller, payload, signal);
    const promise = new Promise<T>((resolve, reject) => {
      waiter.settle = resolve;
      waiter.fail = reject;
    });
    this.waiters.add(waiter);
    if (signal !== null) {
      const onAbort = (): void => {
        if (!waiter.finish()) return;
        ends.onCancel();
        waiter.fail(abortReason(signal));
      };
      if (signal.aborted) {
        onAbort();
        return promise;
      }
      waiter.onAbort = onAbort;
      signal.addEventListener('abort', onAbort, { once: true });
    }
    if (timeoutMs !== null) {
      waiter.timer = setTimeout(() => {
        if (!waiter.finish()) return;
        try {
          waiter.settle(ends.onTimeout());
        } catch (error) {
          waiter.fail(error);
        }
      }, timeoutMs);
    }
    return promise;
  }

  /** The longest-waiting caller, or undefined. It leaves the list when it is settled. */
  first(): Waiter<T, P> | undefined {
    for (const waiter of this.waiters) return waiter;
    return undefined;
  }

  /** Every waiter, oldest first, that `match` accepts (all by default); they stay in the list until settled. */
  select(match: (waiter: Waiter<T, P>) => boolean = () => true): Waiter<T, P>[] {
    return [...this.waiters].filter(match);
  }
}
