/**
 * State of Lock and RLock (and of a Condition's lock): five int32 words of shared memory
 * (sync/words.ts). Where the shared-memory addon is available the words are in a segment every
 * process of the session maps, so any context locks with one CAS on the same memory; otherwise
 * in a SharedArrayBuffer, so threads of the owner's process do, and other processes get the same
 * semantics through the owner (`serve`).
 *
 * The words and the protocol on them (holders, abandoned locks, sleeping and waking) are in
 * lock-words.ts.
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
import { deadlineOf, type CoreWaitOptions } from './wait';
import { waitOptionsArg } from './serve-args';
import { SabWords, type Words } from './words';
import {
  ABANDONED,
  COUNT,
  FLAGS,
  FREE,
  HOLDER,
  REENTRANT,
  WORDS,
  attempt,
  attemptReaping,
  sleepUntilTaken,
  spin,
  wakeOne,
  type AcquireOutcome,
  type TryOutcome,
} from './lock-words';
import { allocateShm, attachShm, type ShmPlace } from '../shm/arena';
import { segmentWords } from '../shm/shm-words';

export type { AcquireOutcome, TryOutcome } from './lock-words';

/** Lock (`reentrant` false) or RLock (`reentrant` true) state in shared memory. */
export class LockCore implements Served {
  /** Only `acquire` waits (see Served). */
  readonly waitingOps: ReadonlySet<string> = new Set(['acquire']);
  readonly info: PrimitiveInfo;
  /** The memory when it is a SharedArrayBuffer: hand it to a thread for {@link LockCore.fromShared}. */
  readonly sab: SharedArrayBuffer | undefined;
  /** The memory when it is a segment block: any context revives it with {@link LockCore.fromShm}. */
  readonly shm: ShmPlace | undefined;
  /** RLock semantics: the holder may acquire again; only the holder may release. */
  readonly reentrant: boolean;
  private readonly w: Words;

  private constructor(info: PrimitiveInfo, words: Words, sab?: SharedArrayBuffer, shm?: ShmPlace) {
    this.info = info;
    this.w = words;
    this.sab = sab;
    this.shm = shm;
    this.reentrant = (words.load(FLAGS) & REENTRANT) !== 0;
  }

  /**
   * New free lock, in a segment where the addon is available (`memory: 'sab'`: always in this
   * process's memory). `reentrant` defaults to true for kinds `rlock` and `condition` (Python's default).
   */
  static create(
    info: PrimitiveInfo,
    reentrant = info.kind === 'rlock' || info.kind === 'condition',
    memory: 'any' | 'sab' = 'any',
  ): LockCore {
    const block = memory === 'any' ? allocateShm(WORDS * 4) : null;
    if (block !== null) {
      const words = segmentWords(block, WORDS);
      words.store(FLAGS, reentrant ? REENTRANT : 0);
      return new LockCore(info, words, undefined, block.place);
    }
    const sab = new SharedArrayBuffer(WORDS * 4);
    new Int32Array(sab)[FLAGS] = reentrant ? REENTRANT : 0;
    return new LockCore(info, new SabWords(sab, WORDS), sab);
  }

  /** The same lock, in another thread of the owner's process (from the owner's {@link LockCore.sab}). */
  static fromShared(sab: SharedArrayBuffer, info: PrimitiveInfo): LockCore {
    return new LockCore(info, new SabWords(sab, WORDS), sab);
  }

  /** The same lock in any context that can map its segment block; null when this one cannot. */
  static fromShm(place: unknown, info: PrimitiveInfo): LockCore | null {
    const block = attachShm(place);
    return block === null ? null : new LockCore(info, segmentWords(block, WORDS), undefined, block.place);
  }

  /**
   * Takes the lock now or not at all (Python's `acquire(blocking=False)`). Allocation-free and
   * sub-microsecond when tracing is off. A reentrant re-acquire by the holder is not traced.
   */
  tryAcquire(tag: number, actor: Actor = selfActor): TryOutcome {
    const t = this.w.tag(tag);
    const recursive = this.reentrant && this.w.load(HOLDER) === t;
    let outcome = attempt(this.w, t, this.reentrant);
    if (outcome === 'busy') outcome = attemptReaping(this.w, t, this.reentrant, this.reaper(actor));
    if (!recursive) traceLockAcquire(this.info, actor, outcome === 'busy' ? 'timeout' : outcome, false);
    return outcome;
  }

  /**
   * The synchronous fast path of a blocking acquire: takes the lock if it is free (or already
   * held by `tag`, for an RLock) and returns how; null when it is taken, and nothing happened
   * (the caller then waits with {@link LockCore.acquire}).
   */
  acquireNow(tag: number, actor: Actor = selfActor): 'acquired' | 'abandoned' | null {
    const w = this.w;
    const t = w.tag(tag);
    if (this.reentrant && w.load(HOLDER) === t) {
      w.store(COUNT, w.load(COUNT) + 1);
      return 'acquired';
    }
    const outcome = attempt(this.w, t, this.reentrant);
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
    const w = this.w;
    const t = w.tag(tag);
    if (this.reentrant && w.load(HOLDER) === t) {
      w.store(COUNT, w.load(COUNT) + 1);
      return 'acquired';
    }
    // A caller that already gave up must not end up holding the lock.
    const first = deadline.signal?.aborted === true ? 'cancelled' : attempt(this.w, t, this.reentrant);
    if (first === 'busy' && deadline.at === 0) {
      const last = attemptReaping(this.w, t, this.reentrant, this.reaper(actor));
      traceLockAcquire(this.info, actor, last === 'busy' ? 'timeout' : last, false);
      return last === 'busy' ? 'timeout' : last;
    }
    if (first !== 'busy') {
      traceLockAcquire(this.info, actor, first, false);
      return first;
    }
    traceLockRequest(this.info, actor);
    const outcome =
      spin(this.w, t, this.reentrant) ??
      (await sleepUntilTaken(this.w, t, this.reentrant, deadline, this.reaper(actor)));
    traceLockAcquire(this.info, actor, outcome, true);
    return outcome;
  }

  /**
   * Records the forced release when `actor`, acquiring, found the holder dead (segment memory;
   * elsewhere the runtime does it in {@link LockCore.callerGone}). The event's actor is the
   * one that found it: a dead holder is known here only by its thread id. The views close the
   * dead holder's hold with it, as they do for a Lock released by another context.
   */
  private reaper(actor: Actor): (at: number) => void {
    return (at) => traceLockRelease(this.info, actor, at, true);
  }

  /**
   * Releases the lock. Lock: any context may release it (as Python's); releasing a free lock
   * throws. RLock: only the holder, counting down its acquisitions; the last one frees it.
   */
  release(tag: number, actor: Actor = selfActor): void {
    this.releaseHeld(this.w.tag(tag), actor);
  }

  private releaseHeld(t: number, actor: Actor): void {
    const w = this.w;
    const at = releaseStamp();
    if (this.reentrant) {
      if (w.load(HOLDER) !== t) throw releaseNotOwned(this.info.name);
      const count = w.load(COUNT) - 1;
      if (count > 0) {
        w.store(COUNT, count);
        return;
      }
      w.store(COUNT, 0);
      w.store(HOLDER, FREE);
    } else {
      for (;;) {
        const holder = w.load(HOLDER);
        if (holder <= 0) throw releaseUnlocked(this.info.name);
        if (w.cas(HOLDER, holder, FREE) === holder) break;
      }
    }
    wakeOne(w);
    traceLockRelease(this.info, actor, at);
  }

  /**
   * The tag under which another context (the owner serving this one) acts as `tag` of this
   * context on the same memory: for a segment, `-holder`, naming the holder directly; null
   * where the memory is this process's own (tags there are already shared by its threads).
   */
  holderTag(tag: number): number | null {
    return this.shm === undefined ? null : -this.w.tag(tag);
  }

  /** True while some context holds the lock. */
  locked(): boolean {
    const holder = this.w.load(HOLDER);
    return holder > 0 && this.w.holderAlive(holder);
  }

  /** True when `tag` holds the lock. */
  heldBy(tag: number): boolean {
    return this.w.load(HOLDER) === this.w.tag(tag);
  }

  /** The holder's acquisitions (RLock recursion depth); 0 when free. */
  recursionCount(): number {
    return this.w.load(HOLDER) > 0 ? this.w.load(COUNT) : 0;
  }

  /**
   * Forced release for a holder that died: frees the lock if `tag` holds it and marks it
   * abandoned, so the next acquirer gets `'abandoned'`. `actor`: the dead holder, for the trace.
   */
  releaseIfHeldBy(tag: number, actor: Actor = selfActor): boolean {
    const w = this.w;
    const t = w.tag(tag);
    if (tag <= 0 || w.load(HOLDER) !== t) return false;
    const at = releaseStamp();
    w.store(COUNT, 0);
    if (w.cas(HOLDER, t, ABANDONED) !== t) return false;
    wakeOne(w);
    traceLockRelease(this.info, actor, at, true);
    return true;
  }

  /**
   * Condition support (Python's `_release_save`): frees the lock entirely whatever the recursion
   * depth and returns the depth, for {@link LockCore.acquireRestore}. The caller checked it holds it.
   */
  releaseSave(tag: number, actor: Actor = selfActor): number {
    const w = this.w;
    const saved = this.reentrant ? w.load(COUNT) : 1;
    // Depth 1 makes the release below the last one, whatever the depth was.
    if (this.reentrant) w.store(COUNT, 1);
    this.releaseHeld(w.tag(tag), actor);
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
    if (outcome === 'acquired' || outcome === 'abandoned') this.w.store(COUNT, saved);
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
