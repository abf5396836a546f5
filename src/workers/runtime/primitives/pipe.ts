/**
 * `Pipe(duplex)`: Python's `multiprocessing.Pipe`, two connected ends. The pipe's state lives in
 * the context that created it (channels/pipe-state.ts documents end of file, closing and what a
 * dead peer means); each `Connection` names one end and can be passed to a task or a process.
 */
import { PipeState } from '../channels/pipe-state';
import { registerReviver, type WireForm } from '../context/wire';
import { invalidArgument } from '../errors';
import { infoFromWire, ownInfo, ownedState, Primitive, serveFromHere } from './base';
import { decodeItem, encodeItem } from './item-codec';
import { checkTimeout, resolveWait, type WaitOptions } from './wait-options';

/** One end of a {@link Pipe}. */
export class Connection<T = unknown> extends Primitive {
  /** 0 or 1: which end of the pair this is. */
  readonly end: 0 | 1;
  private readonly state: PipeState | null;

  /** @internal Made by {@link Pipe} or revived from a wire form; not constructed by users. */
  constructor(end: 0 | 1, stateOrWire: PipeState | WireForm) {
    if (stateOrWire instanceof PipeState) {
      super(stateOrWire.info, 'owner');
      this.state = stateOrWire;
    } else {
      const state = ownedState(stateOrWire, PipeState);
      super(infoFromWire(stateOrWire), state ? 'owner' : 'remote');
      this.state = state;
    }
    this.end = end;
    // A copy of an end that reached another context makes that context its user (as a child
    // holds a copy of a pipe's descriptor): if it ends without a word, the peer reads end of
    // file instead of waiting for ever. A failure here would surface on the first real op.
    if (this.state === null) this.remote('attach', [end]).catch(() => undefined);
  }

  /** Sends a copy of `message` to the other end (never waits). */
  send(message: T): Promise<void> {
    try {
      const stored = encodeItem(message, 'message', this.state !== null);
      return this.perform(this.state, 'send', [this.end, stored]) as Promise<void>;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * The next message sent from the other end, waiting for one. Rejects with PipeClosedError at
   * end of file (the other end closed or its last user ended), PipeTimeoutError after `timeout` ms.
   */
  async recv(options?: Omit<WaitOptions, 'blocking'>): Promise<T> {
    const { timeoutMs, signal } = resolveWait(options);
    const stored = await this.perform(this.state, 'recv', [this.end, { timeoutMs }], signal);
    return decodeItem<T>(stored, this.state !== null);
  }

  /**
   * Whether `recv` would return without waiting, waiting up to `timeout` ms for that (default 0,
   * as Python's; `null` waits as long as it takes).
   */
  async poll(timeout: number | null = 0): Promise<boolean> {
    const timeoutMs = checkTimeout(timeout);
    return (await this.perform(this.state, 'poll', [this.end, timeoutMs])) as boolean;
  }

  /** Closes this end: the other end reads what is left, then end of file. */
  async close(): Promise<void> {
    await this.perform(this.state, 'close', [this.end]);
  }

  protected override wireMeta(): Record<string, unknown> {
    return { end: this.end };
  }
}

/**
 * A new pipe: two connections. Duplex (default): both ends send and receive. With
 * `duplex = false`, as Python's, the first end only receives and the second only sends.
 */
export function Pipe<T = unknown>(
  duplex = true,
  options: { name?: string } = {},
): [Connection<T>, Connection<T>] {
  if (typeof duplex !== 'boolean') throw invalidArgument('duplex', 'must be a boolean', duplex, 'type');
  const state = new PipeState(ownInfo('pipe', options.name), duplex);
  const a = new Connection<T>(0, state);
  const b = new Connection<T>(1, state);
  // Registered once for both ends (the router serves the pipe, each op names its end).
  serveFromHere(state);
  return [a, b];
}

registerReviver('pipe', (wire) => {
  const end = wire.meta?.end;
  if (end !== 0 && end !== 1)
    throw new TypeError(`A pipe connection's wire form has no valid end (got ${String(end)})`);
  return new Connection(end, wire);
});
