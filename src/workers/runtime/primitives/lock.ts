/**
 * `Lock` and `RLock`: Python's multiprocessing locks. The state is five words of shared memory
 * (sync/lock-core.ts): in a segment every process maps where the addon is available (any
 * context locks with one compare-and-swap on it), else in the creating process (its threads
 * lock on it, other processes ask the owner). A holder that dies releases its lock, and the next
 * acquirer is told (LockAbandonedError) instead of waiting for ever, as POSIX robust mutexes do.
 */
import { threadId } from 'node:worker_threads';
import { localTag } from '../context/identity';
import { registerReviver, type WireForm } from '../context/wire';
import { LockCore } from '../sync/lock-core';
import { infoFromWire, ownInfo, serveFromHere } from './base';
import { LockLike, type Outcome } from './lock-like';
import { resolveCore } from './shared-state';
import type { ResolvedWait } from './wait-options';

/** Options of `new Lock(...)` and `new RLock(...)`. */
export interface LockOptions {
  /** Name in the trace and in errors (default `Lock-<n>`). */
  name?: string;
}

/** This thread's holder tag. */
const TAG = localTag(threadId);

/** Python's `multiprocessing.Lock`: not reentrant; any context may release it. */
export class Lock extends LockLike {
  /** @internal The state, when it is in this process's memory. */
  protected readonly core: LockCore | null;

  /** `wire` and `kind` are internal (reviving a lock from another context; RLock). */
  constructor(options: LockOptions = {}, wire?: WireForm, kind: 'lock' | 'rlock' = 'lock') {
    if (wire !== undefined) {
      const info = infoFromWire(wire);
      const { mode, core } = resolveCore(wire, info, LockCore);
      super(info, mode, wire.sab ?? core?.sab, core?.shm ?? wire.shm);
      this.core = core;
      return;
    }
    const info = ownInfo(kind, options.name);
    const core = LockCore.create(info, kind === 'rlock');
    super(info, 'owner', core.sab, core.shm);
    this.core = core;
    serveFromHere(core);
  }

  /** @internal The lock's memory when it is in this process (a Condition builds on it). */
  get localCore(): LockCore | null {
    return this.core;
  }

  protected override acquireNow(): 'acquired' | 'abandoned' | null {
    return this.core === null ? null : this.core.acquireNow(TAG);
  }

  protected acquireRaw({ timeoutMs, signal }: ResolvedWait): Promise<Outcome> {
    if (this.core !== null) return this.core.acquire(TAG, signal ? { timeoutMs, signal } : { timeoutMs });
    return this.remote('acquire', [{ timeoutMs }], signal) as Promise<Outcome>;
  }

  /**
   * Releases. RangeError when it is not held (for an RLock: not held by this context). In
   * another process the release is one-way (it resolves at once; the owner performs it before
   * anything this context does next), so there the RangeError rejects this context's next
   * operation on the lock instead.
   */
  release(): Promise<void> {
    if (this.core === null) return this.remoteOneWay('release', []);
    try {
      this.core.release(TAG);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Whether some context holds it at this moment. */
  locked(): Promise<boolean> {
    if (this.core !== null) return Promise.resolve(this.core.locked());
    return this.remote('locked', []) as Promise<boolean>;
  }
}

/**
 * Python's `multiprocessing.RLock`: the holder may acquire it again (each acquire needs its own
 * release), and only the holder may release it. The holder is a context (a process's main thread
 * or a worker thread), as Python's is a thread: two async functions of one context share it.
 */
export class RLock extends Lock {
  constructor(options: LockOptions = {}, wire?: WireForm) {
    super(options, wire, 'rlock');
  }
}

registerReviver('lock', (wire) => new Lock({}, wire));
registerReviver('rlock', (wire) => new RLock({}, wire));
