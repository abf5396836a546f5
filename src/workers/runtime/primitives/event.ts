/**
 * `Event`: Python's multiprocessing Event, a flag in shared memory (sync/event-core.ts) that
 * contexts wait on until some context sets it.
 */
import { registerReviver, type WireForm } from '../context/wire';
import { EventCore } from '../sync/event-core';
import { infoFromWire, ownInfo, Primitive, serveFromHere } from './base';
import { resolveCore } from './shared-state';
import { resolveWait, type WaitOptions } from './wait-options';

/** Python's `multiprocessing.Event`. */
export class Event extends Primitive {
  private readonly core: EventCore | null;

  /** `wire` is internal (reviving an event from another context). */
  constructor(options: { name?: string } = {}, wire?: WireForm) {
    if (wire !== undefined) {
      const info = infoFromWire(wire);
      const { mode, core } = resolveCore(wire, info, EventCore);
      super(info, mode, wire.sab ?? core?.sab);
      this.core = core;
      return;
    }
    const info = ownInfo('event', options.name);
    const core = EventCore.create(info);
    super(info, 'owner', core.sab);
    this.core = core;
    serveFromHere(core);
  }

  /** Sets the flag and wakes every waiter. */
  async set(): Promise<void> {
    if (this.core !== null) this.core.set();
    else await this.remote('set', []);
  }

  /** Clears the flag. */
  async clear(): Promise<void> {
    if (this.core !== null) this.core.clear();
    else await this.remote('clear', []);
  }

  /** Whether the flag is set at this moment. */
  async isSet(): Promise<boolean> {
    if (this.core !== null) return this.core.isSet();
    return (await this.remote('isSet', [])) as boolean;
  }

  /** Waits until the flag is set: true, or false when `timeout` ms passed first; rejects with the signal's reason on abort. */
  async wait(options?: Omit<WaitOptions, 'blocking'>): Promise<boolean> {
    const { timeoutMs, signal } = resolveWait(options);
    const set =
      this.core !== null
        ? await this.core.wait(signal ? { timeoutMs, signal } : { timeoutMs })
        : ((await this.remote('wait', [{ timeoutMs }], signal)) as boolean);
    if (!set && signal?.aborted) throw signal.reason;
    return set;
  }
}

registerReviver('event', (wire) => new Event({}, wire));
