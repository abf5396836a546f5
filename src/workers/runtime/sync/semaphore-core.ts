/**
 * Owner-side state of Semaphore and BoundedSemaphore: int32 words [value, waiters, bound, 0] of
 * a SharedArrayBuffer. `bound` is the initial value for a bounded semaphore and -1 otherwise.
 * A semaphore has no holder (any context may release it, as in Python), so a dead context
 * releases nothing: there is no `callerGone`.
 *
 * Served ops (args are plain data):
 * | op         | args                          | result                                |
 * | ---------- | ----------------------------- | ------------------------------------- |
 * | `acquire`  | `[{ blocking?, timeoutMs? }?]` | `'acquired'│'timeout'│'cancelled'`    |
 * | `release`  | `[n?]` (integer >= 1)         | `null`                                |
 * | `getValue` | `[]`                          | `number`                              |
 */
import type { Actor } from '../../../shared/trace-schema';
import { selfActor, type PrimitiveInfo } from '../context/identity';
import type { Caller, Served } from '../context/served';
import { invalidArgument } from '../errors';
import { countArg, waitOptionsArg } from './serve-args';
import { semaphoreOverReleased, unknownOp } from './sync-errors';
import { releaseStamp, traceLockAcquire, traceLockRelease, traceLockRequest } from './sync-trace';
import { deadlineOf, waitWord, type CoreWaitOptions } from './wait';

const VALUE = 0;
const WAITERS = 1;
const BOUND = 2;
const WORDS = 4;
const MAX_VALUE = 0x7fffffff;

/** How an acquire ended: a semaphore has no holder, so it cannot be abandoned. */
export type SemaphoreOutcome = 'acquired' | 'timeout' | 'cancelled';

/** A counter that acquire decrements (waiting at 0) and release increments. */
export class SemaphoreCore implements Served {
  /** Only `acquire` waits (see Served). */
  readonly waitingOps: ReadonlySet<string> = new Set(['acquire']);
  readonly info: PrimitiveInfo;
  /** The shared memory: hand it to a thread of this process for {@link SemaphoreCore.fromShared}. */
  readonly sab: SharedArrayBuffer;
  private readonly words: Int32Array;

  private constructor(info: PrimitiveInfo, sab: SharedArrayBuffer) {
    this.info = info;
    this.sab = sab;
    this.words = new Int32Array(sab, 0, WORDS);
  }

  /**
   * New semaphore with `value` permits (Python's default 1). `bounded` (default: kind is
   * `bounded-semaphore`) makes a release above the initial value a RangeError.
   */
  static create(info: PrimitiveInfo, value = 1, bounded = info.kind === 'bounded-semaphore'): SemaphoreCore {
    if (typeof value !== 'number') throw invalidArgument('value', 'must be an integer', value, 'type');
    if (!Number.isInteger(value) || value < 0 || value > MAX_VALUE) {
      throw invalidArgument('value', `must be an integer from 0 to ${MAX_VALUE}`, value, 'range');
    }
    const sab = new SharedArrayBuffer(WORDS * 4);
    const words = new Int32Array(sab);
    words[VALUE] = value;
    words[BOUND] = bounded ? value : -1;
    return new SemaphoreCore(info, sab);
  }

  /** The same semaphore, in another thread of the owner's process. */
  static fromShared(sab: SharedArrayBuffer, info: PrimitiveInfo): SemaphoreCore {
    return new SemaphoreCore(info, sab);
  }

  /** True for a BoundedSemaphore. */
  get bounded(): boolean {
    return this.words[BOUND]! >= 0;
  }

  /** The initial value of a bounded semaphore (its ceiling); null when unbounded. */
  get bound(): number | null {
    const bound = this.words[BOUND]!;
    return bound >= 0 ? bound : null;
  }

  /** Permits available now. */
  getValue(): number {
    return Atomics.load(this.words, VALUE);
  }

  private attempt(): boolean {
    const w = this.words;
    for (;;) {
      const value = Atomics.load(w, VALUE);
      if (value <= 0) return false;
      if (Atomics.compareExchange(w, VALUE, value, value - 1) === value) return true;
    }
  }

  /** Takes a permit now or not at all. */
  tryAcquire(actor: Actor = selfActor): boolean {
    const ok = this.attempt();
    traceLockAcquire(this.info, actor, ok ? 'acquired' : 'timeout', false);
    return ok;
  }

  /** Takes one permit (as Python's), waiting up to the timeout; never takes one once cancelled. */
  async acquire(options?: CoreWaitOptions, actor: Actor = selfActor): Promise<SemaphoreOutcome> {
    const deadline = deadlineOf(options);
    // Traced as lock-core's: `lock-request` only when it waits (see LockRequestEvent).
    const first = deadline.signal?.aborted === true ? 'cancelled' : this.attempt() ? 'acquired' : null;
    if (first !== null || deadline.at === 0) {
      const outcome = first ?? 'timeout';
      traceLockAcquire(this.info, actor, outcome, false);
      return outcome;
    }
    traceLockRequest(this.info, actor);
    const outcome = await this.waitForPermit(deadline);
    traceLockAcquire(this.info, actor, outcome, true);
    return outcome;
  }

  /** Takes the synchronous fast path: a permit now, or null (nothing traced, nothing taken). */
  acquireNow(actor: Actor = selfActor): 'acquired' | null {
    if (!this.attempt()) return null;
    traceLockAcquire(this.info, actor, 'acquired', false);
    return 'acquired';
  }

  /** Waits for a permit (none was free), the deadline, or the signal. */
  private async waitForPermit(deadline: ReturnType<typeof deadlineOf>): Promise<SemaphoreOutcome> {
    const w = this.words;
    Atomics.add(w, WAITERS, 1);
    try {
      for (;;) {
        const value = Atomics.load(w, VALUE);
        if (value > 0) {
          if (this.attempt()) return 'acquired';
          continue;
        }
        const woke = await waitWord(w, VALUE, value, deadline);
        if (woke === 'cancelled') return 'cancelled';
        if (woke === 'timed-out') return this.attempt() ? 'acquired' : 'timeout';
      }
    } finally {
      Atomics.sub(w, WAITERS, 1);
    }
  }

  /**
   * Adds `n` permits (Python 3.9's `release(n)`) and wakes up to `n` waiters. A bounded
   * semaphore refuses to go above its initial value: RangeError, value unchanged.
   */
  release(n = 1, actor: Actor = selfActor): void {
    countArg('n', n, 1, 1);
    const w = this.words;
    const bound = w[BOUND]!;
    const at = releaseStamp();
    for (;;) {
      const value = Atomics.load(w, VALUE);
      if (bound >= 0 && value + n > bound) throw semaphoreOverReleased(this.info.name, value, n, bound);
      if (value + n > MAX_VALUE)
        throw invalidArgument('n', `would raise the value above ${MAX_VALUE}`, n, 'range');
      if (Atomics.compareExchange(w, VALUE, value, value + n) === value) break;
    }
    if (Atomics.load(w, WAITERS) > 0) Atomics.notify(w, VALUE, n);
    traceLockRelease(this.info, actor, at);
  }

  /** Performs an op for a (possibly remote) caller; see the op table in the module docs. */
  serve(op: string, args: readonly unknown[], caller: Caller, signal: AbortSignal): unknown {
    switch (op) {
      case 'acquire':
        return this.acquire(waitOptionsArg(args[0], signal), caller);
      case 'release':
        this.release(countArg('n', args[0], 1, 1), caller);
        return null;
      case 'getValue':
        return this.getValue();
      default:
        throw unknownOp(this.info.name, op);
    }
  }
}
