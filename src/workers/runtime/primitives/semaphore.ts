/**
 * `Semaphore` and `BoundedSemaphore`: Python's multiprocessing semaphores, a counter in shared
 * memory (sync/semaphore-core.ts). `acquire` takes one unit, waiting while there is none; a
 * BoundedSemaphore refuses a release above its initial value (RangeError, Python's ValueError).
 */
import { registerReviver, type WireForm } from '../context/wire';
import { invalidOption } from '../errors';
import { SemaphoreCore } from '../sync/semaphore-core';
import { infoFromWire, ownInfo, serveFromHere } from './base';
import { LockLike, type Outcome } from './lock-like';
import { resolveCore } from './shared-state';
import type { ResolvedWait } from './wait-options';

/** Options of `new Semaphore(...)`. */
export interface SemaphoreOptions {
  name?: string;
}

/** Python's `multiprocessing.Semaphore(value = 1)`. */
export class Semaphore extends LockLike {
  /** @internal */
  protected readonly core: SemaphoreCore | null;

  /** `wire` and `kind` are internal (reviving; BoundedSemaphore). */
  constructor(
    value = 1,
    options: SemaphoreOptions = {},
    wire?: WireForm,
    kind: 'semaphore' | 'bounded-semaphore' = 'semaphore',
  ) {
    if (wire !== undefined) {
      const info = infoFromWire(wire);
      const { mode, core } = resolveCore(wire, info, SemaphoreCore);
      super(info, mode, wire.sab ?? core?.sab);
      this.core = core;
      return;
    }
    if (typeof value !== 'number') throw invalidOption('value', 'must be a number', value, 'type');
    if (!Number.isInteger(value) || value < 0) {
      throw invalidOption('value', 'must be an integer >= 0', value, 'range');
    }
    const info = ownInfo(kind, options.name);
    const core = SemaphoreCore.create(info, value, kind === 'bounded-semaphore');
    super(info, 'owner', core.sab);
    this.core = core;
    serveFromHere(core);
  }

  protected override acquireNow(): 'acquired' | null {
    return this.core === null ? null : this.core.acquireNow();
  }

  protected acquireRaw({ timeoutMs, signal }: ResolvedWait): Promise<Outcome> {
    if (this.core !== null) return this.core.acquire(signal ? { timeoutMs, signal } : { timeoutMs });
    return this.remote('acquire', [{ timeoutMs }], signal) as Promise<Outcome>;
  }

  /** Adds `n` units (default 1), waking as many waiters. */
  release(n = 1): Promise<void> {
    if (this.core === null) return this.remote('release', [n]).then(() => undefined);
    try {
      this.core.release(n);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The counter at this moment (Python's `get_value()`). */
  getValue(): Promise<number> {
    if (this.core !== null) return Promise.resolve(this.core.getValue());
    return this.remote('getValue', []) as Promise<number>;
  }
}

/** Python's `multiprocessing.BoundedSemaphore(value = 1)`. */
export class BoundedSemaphore extends Semaphore {
  constructor(value = 1, options: SemaphoreOptions = {}, wire?: WireForm) {
    super(value, options, wire, 'bounded-semaphore');
  }
}

registerReviver('semaphore', (wire) => new Semaphore(1, {}, wire));
registerReviver('bounded-semaphore', (wire) => new BoundedSemaphore(1, {}, wire));
