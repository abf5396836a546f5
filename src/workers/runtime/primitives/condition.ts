/**
 * `Condition`: Python's multiprocessing Condition, a wait/notify table in shared memory over a
 * lock (sync/condition-core.ts), its own RLock unless one is given. Waiters are woken oldest
 * first; `notify(n)` wakes exactly n (up to the table's 64 slots of contexts waiting at once).
 */
import { threadId } from 'node:worker_threads';
import { localTag, type PrimitiveInfo } from '../context/identity';
import { registerReviver, type Boundary, type WireForm } from '../context/wire';
import { invalidOption } from '../errors';
import { ConditionCore } from '../sync/condition-core';
import { LockCore } from '../sync/lock-core';
import { infoFromWire, ownInfo, ownedState, serveFromHere } from './base';
import { Lock } from './lock';
import { LockLike, type Outcome } from './lock-like';
import { LockAbandonedError } from './primitive-errors';
import { resolveWait, type ResolvedWait, type WaitOptions } from './wait-options';

const TAG = localTag(threadId);

interface ConditionWire {
  lockSab?: SharedArrayBuffer;
  /** The lock's segment block, when a given Lock lives in one. */
  lockShm?: unknown;
  lockInfo: Omit<PrimitiveInfo, 'objectId'>;
}

/** Python's `multiprocessing.Condition(lock = RLock())`. */
export class Condition extends LockLike {
  private readonly core: ConditionCore | null;
  /**
   * In another process, the lock when it is in a segment this context maps: locked here, as the
   * Lock itself is, so `lock.acquire()` and `cond.wait()` agree on who holds it.
   */
  private readonly lockHere: LockCore | null = null;

  /**
   * A condition over `lock` (a Lock or RLock created in this process), or over a new RLock.
   * `wire` is internal (reviving a condition from another context).
   */
  constructor(lock?: Lock, options: { name?: string } = {}, wire?: WireForm) {
    if (wire !== undefined) {
      const info = infoFromWire(wire);
      const owned = ownedState(wire, ConditionCore);
      const meta = wire.meta as unknown as ConditionWire | undefined;
      const threadLock = owned === null && wire.sab !== undefined ? sharedLock(meta) : null;
      if (owned !== null) {
        super(info, 'owner', owned.sab);
        this.core = owned;
      } else if (wire.sab !== undefined && threadLock !== null) {
        const core = ConditionCore.fromShared(wire.sab, info, threadLock);
        super(info, 'shared', wire.sab);
        this.core = core;
      } else {
        super(info, 'remote');
        this.core = null;
        this.lockHere = segmentLock(meta);
      }
      return;
    }
    let lockCore: LockCore | undefined;
    if (lock !== undefined) {
      const core = lock instanceof Lock ? lock.localCore : null;
      if (core === null) {
        throw invalidOption('lock', 'must be a Lock or RLock whose memory is in this process', lock, 'type');
      }
      lockCore = core;
    }
    const info = ownInfo('condition', options.name);
    const core = ConditionCore.create(info, lockCore);
    super(info, 'owner', core.sab);
    this.core = core;
    serveFromHere(core);
  }

  /** The lock when it is locked here (this process's memory, or a segment it maps). */
  private get localLock(): LockCore | null {
    return this.core?.lock ?? this.lockHere;
  }

  /** What a served wait/notify needs to act as this context's hold on a segment lock. */
  private get holderArg(): number | null {
    return this.lockHere?.holderTag(TAG) ?? null;
  }

  protected override acquireNow(): 'acquired' | 'abandoned' | null {
    return this.localLock?.acquireNow(TAG) ?? null;
  }

  protected acquireRaw({ timeoutMs, signal }: ResolvedWait): Promise<Outcome> {
    const lock = this.localLock;
    if (lock !== null) return lock.acquire(TAG, signal ? { timeoutMs, signal } : { timeoutMs });
    return this.remote('acquire', [{ timeoutMs }], signal) as Promise<Outcome>;
  }

  /** Releases the underlying lock. */
  release(): Promise<void> {
    const lock = this.localLock;
    if (lock === null) return this.remote('release', []).then(() => undefined);
    try {
      lock.release(TAG);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Releases the lock (which the caller must hold), waits for a notify, and takes the lock back:
   * true when notified, false when `timeout` ms passed first (the lock is held again either way,
   * as in Python). Rejects with the signal's reason on abort (then the lock is NOT held), and
   * with LockAbandonedError when the lock came back from a holder that died (held).
   */
  async wait(options?: Omit<WaitOptions, 'blocking'>): Promise<boolean> {
    const { timeoutMs, signal } = resolveWait(options);
    const result =
      this.core !== null
        ? await this.core.wait(TAG, signal ? { timeoutMs, signal } : { timeoutMs })
        : ((await this.remote('wait', [{ timeoutMs }, this.holderArg], signal)) as {
            outcome: string;
            abandoned: boolean;
          });
    if (result.outcome === 'cancelled') {
      throw signal?.reason ?? new DOMException('The wait was cancelled', 'AbortError');
    }
    if (result.abandoned) throw new LockAbandonedError(this.name);
    return result.outcome === 'notified';
  }

  /**
   * Waits until `predicate()` is truthy (checking it first), for at most `timeout` ms in all;
   * resolves the predicate's last value. The lock must be held.
   */
  async waitFor<T>(predicate: () => T | Promise<T>, options?: Omit<WaitOptions, 'blocking'>): Promise<T> {
    const { timeoutMs, signal } = resolveWait(options);
    const end = timeoutMs === null ? Infinity : performance.now() + timeoutMs;
    let result = await predicate();
    while (!result) {
      const left = end - performance.now();
      if (left <= 0) break;
      await this.wait(left === Infinity ? { signal } : { timeout: left, signal });
      result = await predicate();
    }
    return result;
  }

  /** Wakes up to `n` waiters (default 1), oldest first. The lock must be held. */
  async notify(n = 1): Promise<void> {
    if (this.core !== null) this.core.notify(TAG, n);
    else await this.remote('notify', [n, this.holderArg]);
  }

  /** Wakes every waiter. The lock must be held. */
  async notifyAll(): Promise<void> {
    if (this.core !== null) this.core.notifyAll(TAG);
    else await this.remote('notifyAll', [this.holderArg]);
  }

  protected override wireMeta(boundary: Boundary): Record<string, unknown> | undefined {
    const lock = this.localLock;
    if (lock === null) return undefined;
    const { id, owner, kind, name } = lock.info;
    const meta: ConditionWire = { lockInfo: { id, owner, kind, name } };
    // A segment lock goes everywhere (any process may map it); a SAB only to threads.
    if (lock.shm !== undefined) meta.lockShm = lock.shm;
    else if (boundary === 'thread') meta.lockSab = lock.sab;
    return meta as unknown as Record<string, unknown>;
  }
}

function lockInfoOf(meta: ConditionWire): PrimitiveInfo {
  return { ...meta.lockInfo, objectId: `${meta.lockInfo.owner}/${meta.lockInfo.id}` };
}

/** The condition's lock as a thread of the owner's process revives it; null when it cannot. */
function sharedLock(meta: ConditionWire | undefined): LockCore | null {
  if (meta === undefined) return null;
  if (meta.lockSab !== undefined) return LockCore.fromShared(meta.lockSab, lockInfoOf(meta));
  return segmentLock(meta);
}

/** The condition's lock from its segment, where this context maps it; else null. */
function segmentLock(meta: ConditionWire | undefined): LockCore | null {
  if (meta?.lockShm === undefined) return null;
  return LockCore.fromShm(meta.lockShm, lockInfoOf(meta));
}

registerReviver('condition', (wire) => new Condition(undefined, {}, wire));
