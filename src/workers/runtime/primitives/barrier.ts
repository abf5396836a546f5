/**
 * `Barrier`: Python's multiprocessing Barrier, one state word in shared memory
 * (sync/barrier-core.ts). `parties` contexts wait until all have arrived, then all go on; the
 * barrier is reusable. A timeout, an abort or a party that dies breaks it for everyone waiting
 * (BrokenBarrierError) instead of leaving them waiting for ever.
 */
import { threadId } from 'node:worker_threads';
import { localTag } from '../context/identity';
import { registerReviver, type Boundary, type WireForm } from '../context/wire';
import { invalidOption } from '../errors';
import { BarrierCore, MAX_PARTIES } from '../sync/barrier-core';
import { importUserModule } from '../self-resolve';
import { moduleImportUrl, validateTaskRef, type TaskRef } from '../task-ref';
import { infoFromWire, ownInfo, Primitive, serveFromHere } from './base';
import { resolveCore } from './shared-state';
import { checkTimeout, resolveWait, type WaitOptions } from './wait-options';

const TAG = localTag(threadId);

/** Options of `new Barrier(parties, ...)`. */
export interface BarrierOptions {
  /**
   * Run by the last party to arrive, before any is released (Python's `action`). A task
   * reference, because the last party may be another process. If it throws, the barrier breaks.
   */
  action?: TaskRef;
  /** Default timeout (ms) of `wait` calls that give none. */
  timeout?: number;
  name?: string;
}

async function runAction(action: TaskRef): Promise<void> {
  // The action's module is the user's: it may live anywhere and import `parascope/runtime`.
  const ns = await importUserModule(moduleImportUrl(action.module));
  const fn = ns[action.name];
  if (typeof fn !== 'function') {
    throw new TypeError(`Barrier action "${action.name}" is not a function exported by ${action.module}`);
  }
  await (fn as () => unknown)();
}

/** Python's `multiprocessing.Barrier(parties, action, timeout)`. */
export class Barrier extends Primitive {
  /** Number of contexts that must arrive. */
  readonly parties: number;
  private readonly core: BarrierCore | null;
  private readonly action: TaskRef | undefined;
  private readonly defaultTimeout: number | null;

  /** `wire` is internal (reviving a barrier from another context). */
  constructor(parties: number, options: BarrierOptions = {}, wire?: WireForm) {
    if (wire !== undefined) {
      const info = infoFromWire(wire);
      const { mode, core } = resolveCore(wire, info, BarrierCore);
      super(info, mode, wire.sab ?? core?.sab);
      this.core = core;
      const meta = wire.meta ?? {};
      this.parties = meta.parties as number;
      this.action = meta.action as TaskRef | undefined;
      this.defaultTimeout = (meta.timeout as number | null | undefined) ?? null;
      return;
    }
    if (typeof parties !== 'number') throw invalidOption('parties', 'must be a number', parties, 'type');
    if (!Number.isInteger(parties) || parties < 1 || parties > MAX_PARTIES) {
      throw invalidOption('parties', `must be an integer from 1 to ${MAX_PARTIES}`, parties, 'range');
    }
    const action = options.action === undefined ? undefined : validateTaskRef(options.action, 'action');
    const defaultTimeout = checkTimeout(options.timeout);
    const info = ownInfo('barrier', options.name);
    const core = BarrierCore.create(info, parties);
    super(info, 'owner', core.sab);
    this.core = core;
    this.parties = parties;
    this.action = action;
    this.defaultTimeout = defaultTimeout;
    serveFromHere(core);
  }

  /**
   * Arrives and waits for the others: resolves this party's arrival index (0 for the first, as
   * Python's). Rejects with BrokenBarrierError when the barrier is or becomes broken (a timeout
   * after `timeout` ms breaks it for every party, as in Python).
   */
  async wait(options?: Omit<WaitOptions, 'blocking'>): Promise<number> {
    const { timeoutMs: given, signal } = resolveWait(options);
    const timeoutMs = options?.timeout === undefined ? this.defaultTimeout : given;
    const wait = signal ? { timeoutMs, signal } : { timeoutMs };
    const op = this.action === undefined ? 'wait' : 'arrive';
    const index =
      this.core !== null
        ? await (op === 'wait' ? this.core.wait(TAG, wait) : this.core.arrive(TAG, wait))
        : ((await this.remote(op, [{ timeoutMs }], signal)) as number);
    if (this.action !== undefined && index === this.parties - 1) {
      try {
        await runAction(this.action);
      } catch (error) {
        await this.abort();
        throw error;
      }
      if (this.core !== null) this.core.pass();
      else await this.remote('pass', []);
    }
    return index;
  }

  /** Breaks the barrier: current and future waiters get BrokenBarrierError until `reset()`. */
  async abort(): Promise<void> {
    if (this.core !== null) this.core.abort();
    else await this.remote('abort', []);
  }

  /** Back to empty and unbroken; parties waiting now get BrokenBarrierError. */
  async reset(): Promise<void> {
    if (this.core !== null) this.core.reset();
    else await this.remote('reset', []);
  }

  /** Parties waiting at this moment. */
  async nWaiting(): Promise<number> {
    if (this.core !== null) return this.core.nWaiting();
    return ((await this.remote('state', [])) as { nWaiting: number }).nWaiting;
  }

  /** Whether the barrier is broken at this moment. */
  async broken(): Promise<boolean> {
    if (this.core !== null) return this.core.broken();
    return ((await this.remote('state', [])) as { broken: boolean }).broken;
  }

  protected override wireMeta(_boundary: Boundary): Record<string, unknown> {
    return { parties: this.parties, action: this.action, timeout: this.defaultTimeout };
  }
}

registerReviver('barrier', (wire) => new Barrier(1, {}, wire));
