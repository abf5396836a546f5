/**
 * What Lock, RLock, Semaphore, BoundedSemaphore and Condition share: `acquire` with Python's
 * `blocking` and `timeout` (in ms) resolving true/false, `release`, and two ways to hold the lock
 * for a block of code: `withLock(fn)`, and `await using held = await lock.hold()`.
 */
import { TimeoutError } from '../timeouts';
import { Primitive } from './base';
import { LockAbandonedError } from './primitive-errors';
import { resolveWait, type ResolvedWait, type WaitOptions } from './wait-options';

/** How an acquire ended, as the cores report it. */
export type Outcome = 'acquired' | 'abandoned' | 'timeout' | 'cancelled';

/** A held lock, released when disposed (`await using`). */
export interface Held extends AsyncDisposable {
  /** Releases now (a second release, or the disposal after it, does nothing). */
  release(): Promise<void>;
}

const ACQUIRED = Promise.resolve(true);

/** Base of lock-like primitives: subclasses supply the raw acquire and release. */
export abstract class LockLike extends Primitive {
  /** @internal Performs the acquire where the state is; resolves how it ended. */
  protected abstract acquireRaw(wait: ResolvedWait): Promise<Outcome>;

  /**
   * @internal The synchronous fast path of `acquire()` without options: takes the primitive
   * now where its memory is here and it is free; null when it cannot (remote, or taken).
   */
  protected acquireNow(): 'acquired' | 'abandoned' | null {
    return null;
  }

  /**
   * Acquires, waiting as long as it takes (or `timeout` ms; `blocking: false` tries once).
   * Resolves true when acquired, false when the time ran out. Rejects with the signal's reason
   * when aborted (then not acquired), and with LockAbandonedError when acquired from a holder
   * that died (then acquired: release it when done).
   */
  acquire(options?: WaitOptions): Promise<boolean> {
    if (options === undefined) {
      // Free and in this process's memory: one CAS, and no async function or option parsing.
      const now = this.acquireNow();
      if (now === 'acquired') return ACQUIRED;
      if (now === 'abandoned') return Promise.reject(new LockAbandonedError(this.name));
    }
    return this.acquireWaiting(options);
  }

  private async acquireWaiting(options: WaitOptions | undefined): Promise<boolean> {
    const wait = resolveWait(options);
    const outcome = await this.acquireRaw(wait);
    switch (outcome) {
      case 'acquired':
        return true;
      case 'timeout':
        return false;
      case 'abandoned':
        throw new LockAbandonedError(this.name);
      case 'cancelled':
        throw wait.signal?.reason ?? new DOMException('The acquire was cancelled', 'AbortError');
    }
  }

  /** Releases (RangeError when not held, or for an RLock, not held by this context). */
  abstract release(): Promise<void>;

  /**
   * Acquires for `await using held = await lock.hold()`: released at the end of the block.
   * Rejects with a TimeoutError when `timeout` ms pass first.
   */
  async hold(options?: Omit<WaitOptions, 'blocking'>): Promise<Held> {
    if (!(await this.acquire(options))) {
      const timeout = options?.timeout ?? 0;
      throw new TimeoutError(
        `Could not acquire "${this.name}" within ${timeout} ms (argument "timeout")`,
        timeout,
      );
    }
    let released = false;
    const release = async (): Promise<void> => {
      if (released) return;
      released = true;
      await this.release();
    };
    return { release, [Symbol.asyncDispose]: release };
  }

  /**
   * Runs `fn` holding the lock and releases it however `fn` ends. An abandoned lock is released
   * and the LockAbandonedError rethrown (`fn` does not run on possibly inconsistent data).
   */
  async withLock<R>(fn: () => R | Promise<R>, options?: Omit<WaitOptions, 'blocking'>): Promise<R> {
    let held: Held;
    try {
      held = await this.hold(options);
    } catch (error) {
      if (error instanceof LockAbandonedError) await this.release();
      throw error;
    }
    try {
      return await fn();
    } finally {
      await held.release();
    }
  }
}
