/**
 * Owner-side state of Lock and RLock (and of a Condition's own lock): four int32 words of a
 * SharedArrayBuffer, so threads of the owner's process lock with one CAS on the same memory and
 * other processes get the same semantics through the owner (`serve`).
 *
 * Words: [holder, recursion count, waiters, flags]. `holder` is the holder's tag (identity.ts:
 * `threadId + 1` for a thread of this process, >= 2^20 for a remote context), 0 when free, or
 * -1 when free because the runtime released it for a dead holder ("abandoned"). Keeping the
 * abandoned mark in the holder word makes the forced release and the mark one atomic step, and
 * the next acquirer's CAS both takes the lock and learns it was abandoned. `waiters` counts
 * blocked acquirers, so an uncontended release skips `Atomics.notify`. `flags` bit 0: reentrant.
 *
 * Served ops (args are plain data; the caller's tag is the holder):
 * | op        | args                                  | result                                       |
 * | --------- | ------------------------------------- | -------------------------------------------- |
 * | `acquire` | `[{ blocking?, timeoutMs? }?]`         | `'acquired'│'abandoned'│'timeout'│'cancelled'` |
 * | `release` | `[]`                                  | `null`                                       |
 * | `locked`  | `[]`                                  | `boolean`                                    |
 * | `owned`   | `[]`                                  | `boolean`: the caller holds it               |
 */
import type { Actor } from '../../../shared/trace-schema';
import { selfActor, type PrimitiveInfo } from '../context/identity';
import type { Caller, Served } from '../context/served';
import { releaseNotOwned, releaseUnlocked, unknownOp } from './sync-errors';
import { releaseStamp, traceLockAcquire, traceLockRelease, traceLockRequest } from './sync-trace';
import { deadlineOf, waitWord, type CoreWaitOptions } from './wait';
import { waitOptionsArg } from './serve-args';

const HOLDER = 0;
const COUNT = 1;
const WAITERS = 2;
const FLAGS = 3;
const WORDS = 4;

const FREE = 0;
const ABANDONED = -1;
const REENTRANT = 1;

/** How a blocking acquire ended. `abandoned`: acquired, but the previous holder died holding it. */
export type AcquireOutcome = 'acquired' | 'abandoned' | 'timeout' | 'cancelled';

/** How a non-blocking attempt ended. */
export type TryOutcome = 'acquired' | 'abandoned' | 'busy';

/** Lock (`reentrant` false) or RLock (`reentrant` true) state in shared memory. */
export class LockCore implements Served {
  /** Only `acquire` waits (see Served). */
  readonly waitingOps: ReadonlySet<string> = new Set(['acquire']);
  readonly info: PrimitiveInfo;
  /** The shared memory: hand it to a thread of this process for {@link LockCore.fromShared}. */
  readonly sab: SharedArrayBuffer;
  /** RLock semantics: the holder may acquire again; only the holder may release. */
  readonly reentrant: boolean;
  private readonly words: Int32Array;

  private constructor(info: PrimitiveInfo, sab: SharedArrayBuffer) {
    this.info = info;
    this.sab = sab;
    this.words = new Int32Array(sab, 0, WORDS);
    this.reentrant = (Atomics.load(this.words, FLAGS) & REENTRANT) !== 0;
  }

  /** New free lock. `reentrant` defaults to true for kinds `rlock` and `condition` (Python's default). */
  static create(
    info: PrimitiveInfo,
    reentrant = info.kind === 'rlock' || info.kind === 'condition',
  ): LockCore {
    const sab = new SharedArrayBuffer(WORDS * 4);
    new Int32Array(sab)[FLAGS] = reentrant ? REENTRANT : 0;
    return new LockCore(info, sab);
  }

  /** The same lock, in another thread of the owner's process (from the owner's {@link LockCore.sab}). */
  static fromShared(sab: SharedArrayBuffer, info: PrimitiveInfo): LockCore {
    return new LockCore(info, sab);
  }

  /** One attempt, untraced: the synchronous fast path (one CAS when free). */
  private attempt(tag: number): TryOutcome {
    const w = this.words;
    for (;;) {
      const prev = Atomics.compareExchange(w, HOLDER, FREE, tag);
      if (prev === FREE) {
        w[COUNT] = 1;
        return 'acquired';
      }
      if (prev === ABANDONED) {
        if (Atomics.compareExchange(w, HOLDER, ABANDONED, tag) !== ABANDONED) continue;
        w[COUNT] = 1;
        return 'abandoned';
      }
      if (prev === tag && this.reentrant) {
        w[COUNT]++;
        return 'acquired';
      }
      return 'busy';
    }
  }

  /**
   * Takes the lock now or not at all (Python's `acquire(blocking=False)`). Allocation-free and
   * sub-microsecond when tracing is off. A reentrant re-acquire by the holder is not traced.
   */
  tryAcquire(tag: number, actor: Actor = selfActor): TryOutcome {
    const recursive = this.reentrant && Atomics.load(this.words, HOLDER) === tag;
    const outcome = this.attempt(tag);
    if (!recursive) traceLockAcquire(this.info, actor, outcome === 'busy' ? 'timeout' : outcome, false);
    return outcome;
  }

  /**
   * The synchronous fast path of a blocking acquire: takes the lock if it is free (or already
   * held by `tag`, for an RLock) and returns how; null when it is taken, and nothing happened
   * (the caller then waits with {@link LockCore.acquire}).
   */
  acquireNow(tag: number, actor: Actor = selfActor): 'acquired' | 'abandoned' | null {
    const w = this.words;
    if (this.reentrant && Atomics.load(w, HOLDER) === tag) {
      w[COUNT]++;
      return 'acquired';
    }
    const outcome = this.attempt(tag);
    if (outcome === 'busy') return null;
    traceLockAcquire(this.info, actor, outcome, false);
    return outcome;
  }

  /**
   * Takes the lock for `tag`, waiting (without blocking the event loop) up to the timeout.
   * Resolves `'timeout'` when the time ran out (or `blocking: false` found it held), `'cancelled'`
   * when the signal aborted (the lock is then not taken), `'abandoned'` when taken from a holder
   * that died (the caller holds it now). Rejects only on invalid options. Traced as
   * `lock-acquire` alone when it did not wait, `lock-request` + `lock-acquire` when it did.
   */
  async acquire(tag: number, options?: CoreWaitOptions, actor: Actor = selfActor): Promise<AcquireOutcome> {
    const deadline = deadlineOf(options);
    const w = this.words;
    if (this.reentrant && Atomics.load(w, HOLDER) === tag) {
      w[COUNT]++;
      return 'acquired';
    }
    // A caller that already gave up must not end up holding the lock.
    const first = deadline.signal?.aborted === true ? 'cancelled' : this.attempt(tag);
    if (first !== 'busy' || deadline.at === 0) {
      const outcome = first === 'busy' ? 'timeout' : first;
      traceLockAcquire(this.info, actor, outcome, false);
      return outcome;
    }
    traceLockRequest(this.info, actor);
    const outcome = await this.waitFor(tag, deadline, w);
    traceLockAcquire(this.info, actor, outcome, true);
    return outcome;
  }

  /** Waits until the lock is taken for `tag` (it was found busy), the deadline, or the signal. */
  private async waitFor(
    tag: number,
    deadline: ReturnType<typeof deadlineOf>,
    w: Int32Array,
  ): Promise<AcquireOutcome> {
    Atomics.add(w, WAITERS, 1);
    try {
      for (;;) {
        const holder = Atomics.load(w, HOLDER);
        if (holder === FREE || holder === ABANDONED) {
          const outcome = this.attempt(tag);
          if (outcome !== 'busy') return outcome;
          continue;
        }
        const woke = await waitWord(w, HOLDER, holder, deadline);
        if (woke === 'cancelled') return 'cancelled';
        if (woke === 'timed-out') {
          const last = this.attempt(tag);
          return last === 'busy' ? 'timeout' : last;
        }
      }
    } finally {
      Atomics.sub(w, WAITERS, 1);
    }
  }

  /**
   * Releases the lock. Lock: any context may release it (as Python's); releasing a free lock
   * throws. RLock: only the holder, counting down its acquisitions; the last one frees it.
   */
  release(tag: number, actor: Actor = selfActor): void {
    const w = this.words;
    const at = releaseStamp();
    if (this.reentrant) {
      if (Atomics.load(w, HOLDER) !== tag) throw releaseNotOwned(this.info.name);
      const count = w[COUNT]! - 1;
      if (count > 0) {
        w[COUNT] = count;
        return;
      }
      w[COUNT] = 0;
      Atomics.store(w, HOLDER, FREE);
    } else {
      for (;;) {
        const holder = Atomics.load(w, HOLDER);
        if (holder <= 0) throw releaseUnlocked(this.info.name);
        if (Atomics.compareExchange(w, HOLDER, holder, FREE) === holder) break;
      }
    }
    if (Atomics.load(w, WAITERS) > 0) Atomics.notify(w, HOLDER, 1);
    traceLockRelease(this.info, actor, at);
  }

  /** True while some context holds the lock. */
  locked(): boolean {
    return Atomics.load(this.words, HOLDER) > 0;
  }

  /** True when `tag` holds the lock. */
  heldBy(tag: number): boolean {
    return Atomics.load(this.words, HOLDER) === tag;
  }

  /** The holder's acquisitions (RLock recursion depth); 0 when free. */
  recursionCount(): number {
    return Atomics.load(this.words, HOLDER) > 0 ? this.words[COUNT]! : 0;
  }

  /**
   * Forced release for a holder that died: frees the lock if `tag` holds it and marks it
   * abandoned, so the next acquirer gets `'abandoned'`. `actor`: the dead holder, for the trace.
   */
  releaseIfHeldBy(tag: number, actor: Actor = selfActor): boolean {
    const w = this.words;
    if (tag <= 0 || Atomics.load(w, HOLDER) !== tag) return false;
    w[COUNT] = 0;
    const at = releaseStamp();
    if (Atomics.compareExchange(w, HOLDER, tag, ABANDONED) !== tag) return false;
    if (Atomics.load(w, WAITERS) > 0) Atomics.notify(w, HOLDER, 1);
    traceLockRelease(this.info, actor, at, true);
    return true;
  }

  /**
   * Condition support (Python's `_release_save`): frees the lock entirely whatever the recursion
   * depth and returns the depth, for {@link LockCore.acquireRestore}. The caller checked it holds it.
   */
  releaseSave(tag: number, actor: Actor = selfActor): number {
    const w = this.words;
    const saved = this.reentrant ? w[COUNT]! : 1;
    // Depth 1 makes the release below the last one, whatever the depth was.
    if (this.reentrant) w[COUNT] = 1;
    this.release(tag, actor);
    return saved;
  }

  /** Condition support (Python's `_acquire_restore`): acquires and restores the recursion depth. */
  async acquireRestore(
    tag: number,
    saved: number,
    options?: CoreWaitOptions,
    actor: Actor = selfActor,
  ): Promise<AcquireOutcome> {
    const outcome = await this.acquire(tag, options, actor);
    if (outcome === 'acquired' || outcome === 'abandoned') this.words[COUNT] = saved;
    return outcome;
  }

  /** Performs an op for a (possibly remote) caller; see the op table in the module docs. */
  serve(op: string, args: readonly unknown[], caller: Caller, signal: AbortSignal): unknown {
    switch (op) {
      case 'acquire':
        return this.acquire(caller.tag, waitOptionsArg(args[0], signal), caller);
      case 'release':
        this.release(caller.tag, caller);
        return null;
      case 'locked':
        return this.locked();
      case 'owned':
        return this.heldBy(caller.tag);
      default:
        throw unknownOp(this.info.name, op);
    }
  }

  /** A dead holder's lock is released and marked abandoned. */
  callerGone(caller: Caller): void {
    this.releaseIfHeldBy(caller.tag, caller);
  }
}
