/**
 * `Queue`, `JoinableQueue` and `SimpleQueue`: Python's multiprocessing queues. The queue's state
 * lives in the context that created it (channels/queue-state.ts documents the exact rules: order,
 * close, what happens when a producer or consumer dies); every other context, thread or process,
 * reaches it through the router. Every method returns a Promise, even the non-blocking ones,
 * because elsewhere than in the owner each is a round trip.
 */
import { QueueState, type QueueKind } from '../channels/queue-state';
import type { PrimitiveAddress } from '../../../shared/link-protocol';
import { router } from '../context/router';
import { registerReviver, type WireForm } from '../context/wire';
import { invalidOption } from '../errors';
import { infoFromWire, ownInfo, ownedState, Primitive, selfCaller, serveFromHere } from './base';
import { checkSendable, decodeItem, encodeItem } from './item-codec';
import { resolveWait, type WaitOptions } from './wait-options';

const RESOLVED = Promise.resolve();

/** The owner's copy of an item it stored. */
function decodeOwn<T>(stored: unknown): T {
  return decodeItem<T>(stored, true);
}

/** Options of `new Queue(...)`. */
export interface QueueOptions {
  /** Most items the queue holds; `put` waits while it is full. 0 (default): no limit. */
  maxsize?: number;
  /** Name in the trace and in errors (default `Queue-<n>`). */
  name?: string;
}

function readQueueOptions(options: number | QueueOptions | undefined): QueueOptions {
  if (options === undefined) return {};
  if (typeof options === 'number') options = { maxsize: options };
  if (typeof options !== 'object' || options === null) {
    throw invalidOption('options', 'must be a maxsize number or { maxsize, name }', options, 'type');
  }
  const { maxsize } = options;
  if (maxsize !== undefined) {
    if (typeof maxsize !== 'number') throw invalidOption('maxsize', 'must be a number', maxsize, 'type');
    if (!Number.isInteger(maxsize) || maxsize < 0) {
      throw invalidOption('maxsize', 'must be an integer >= 0 (0: no limit)', maxsize, 'range');
    }
  }
  return options;
}

/** `waitArgs()` of no options: shared, since nothing changes it. */
const WAIT_FOREVER: { args: { timeoutMs: number | null } } = Object.freeze({
  args: Object.freeze({ timeoutMs: null }),
});

function waitArgs(options: WaitOptions | undefined): {
  args: { timeoutMs: number | null };
  signal?: AbortSignal;
} {
  if (options === undefined) return WAIT_FOREVER;
  const { timeoutMs, signal } = resolveWait(options);
  return signal ? { args: { timeoutMs }, signal } : { args: { timeoutMs } };
}

/** State shared by the three queue classes: where operations go, how items travel. */
abstract class QueueBase<T> extends Primitive {
  /** @internal The owner's state, when this context owns the queue. */
  protected readonly state: QueueState | null;
  /** @internal No maxsize: a put never waits, so elsewhere than in the owner it is one-way. */
  protected readonly unbounded: boolean;

  protected constructor(kind: QueueKind, options: number | QueueOptions | undefined, wire?: WireForm) {
    if (wire !== undefined) {
      const state = ownedState(wire, QueueState);
      super(infoFromWire(wire), state ? 'owner' : 'remote');
      this.state = state;
      this.unbounded = state !== null ? state.maxsize === 0 : wire.meta?.maxsize === 0;
      return;
    }
    const resolved = readQueueOptions(options);
    const info = ownInfo(kind, resolved.name);
    super(info, 'owner');
    this.state = new QueueState(info, resolved.maxsize ?? 0);
    this.unbounded = this.state.maxsize === 0;
    serveFromHere(this.state);
  }

  protected override wireMeta(): Record<string, unknown> {
    return { maxsize: this.unbounded ? 0 : 1 };
  }

  /**
   * Puts `item` at the back, waiting while the queue is full (unless `blocking: false`, or until
   * `timeout` ms). On an unbounded queue owned by another context, the put is one-way, as
   * Python's (whose feeder thread sends the item later): it resolves once the item is copied
   * and on its way (when the link to the owner is backed up, once what waited there has left,
   * so a producer's loop cannot outrun its consumer without bound), and the owner adds it
   * before anything this context does next. A failure
   * there (the queue was closed) rejects this context's next operation on the queue. Another
   * context may see the item a moment after the put resolved (Python documents the same delay).
   */
  put(item: T, options?: WaitOptions): Promise<void> {
    try {
      const { args, signal } = waitArgs(options);
      const stored = encodeItem(item, 'item', this.state !== null);
      if (this.state === null && this.unbounded) return this.putOneWay(stored, signal);
      return this.perform(this.state, 'put', [stored, args], signal) as Promise<void>;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * @internal A put that cannot wait, sent without waiting for the owner (see `put`). While the
   * link to the owner is backed up it resolves once that has drained, so a producer's loop
   * lets its items leave as it goes (context/frame-socket.ts).
   */
  protected putOneWay(stored: unknown, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    checkSendable(stored);
    try {
      router.post((this.owner ??= { owner: this.info.owner, id: this.info.id }), 'put', [stored]);
    } catch (error) {
      // An earlier put failed there, or the owner cannot be reached from here.
      return Promise.reject(error);
    }
    return router.uplinkPressure() ?? RESOLVED;
  }

  /** @internal Where the queue lives, as link messages name it. */
  private owner: PrimitiveAddress | undefined;

  /** Takes the item at the front, waiting while the queue is empty (unless `blocking: false`, or until `timeout` ms). */
  get(options?: WaitOptions): Promise<T> {
    const state = this.state;
    if (state === null) return this.remoteGet(options);
    // The owner's own get: one promise, and none but the wait's when it has to wait.
    let stored: unknown;
    try {
      const { timeoutMs, signal } = resolveWait(options);
      stored = state.ownGet(timeoutMs, selfCaller(), signal ?? null);
    } catch (error) {
      return Promise.reject(error);
    }
    if (stored instanceof Promise) return stored.then(decodeOwn<T>);
    return Promise.resolve(decodeOwn<T>(stored));
  }

  /** @internal `get` at the owner, from another context. */
  private async remoteGet(options: WaitOptions | undefined): Promise<T> {
    const { args, signal } = waitArgs(options);
    return decodeItem<T>(await this.perform(null, 'get', [args], signal), false);
  }

  /** Whether the queue holds no item at this moment (another context may change that at once). */
  async empty(): Promise<boolean> {
    return (await this.perform(this.state, 'empty', [])) as boolean;
  }

  /** No more puts: later ones fail; gets drain what is left, then fail instead of waiting. */
  async close(): Promise<void> {
    await this.perform(this.state, 'close', []);
  }
}

/** Python's `multiprocessing.Queue`: first in, first out, optionally bounded. */
export class Queue<T = unknown> extends QueueBase<T> {
  /**
   * `new Queue()`, `new Queue(10)` or `new Queue({ maxsize: 10, name: 'jobs' })`.
   * (`wire` and `kind` are internal: reviving a queue that crossed from another context.)
   */
  constructor(options?: number | QueueOptions, wire?: WireForm, kind: QueueKind = 'queue') {
    super(kind, options, wire);
  }

  /** `put` without waiting: rejects with QueueFullError when the queue is full. */
  putNowait(item: T): Promise<void> {
    try {
      const stored = encodeItem(item, 'item', this.state !== null);
      if (this.state === null && this.unbounded) return this.putOneWay(stored);
      return this.perform(this.state, 'putNowait', [stored]) as Promise<void>;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** `get` without waiting: rejects with QueueEmptyError when the queue is empty. */
  async getNowait(): Promise<T> {
    return decodeItem<T>(await this.perform(this.state, 'getNowait', []), this.state !== null);
  }

  /** Number of items at this moment. */
  async qsize(): Promise<number> {
    return (await this.perform(this.state, 'qsize', [])) as number;
  }

  /** Whether the queue is at its `maxsize` at this moment. */
  async full(): Promise<boolean> {
    return (await this.perform(this.state, 'full', [])) as boolean;
  }
}

/** Python's `multiprocessing.JoinableQueue`: a Queue whose consumers mark items done. */
export class JoinableQueue<T = unknown> extends Queue<T> {
  /** Same options as {@link Queue}. */
  constructor(options?: number | QueueOptions, wire?: WireForm) {
    super(options, wire, 'joinable-queue');
  }

  /** Marks one item taken with `get` as processed. RangeError when more are marked than were put. */
  async taskDone(): Promise<void> {
    await this.perform(this.state, 'taskDone', []);
  }

  /**
   * Waits until every item put has been marked done. Resolves true, or false when `timeout` ms
   * passed first; rejects with PeerGoneError when a consumer died holding unfinished items.
   */
  async join(options?: Omit<WaitOptions, 'blocking'>): Promise<boolean> {
    const { args, signal } = waitArgs(options);
    return (await this.perform(this.state, 'join', [args], signal)) as boolean;
  }
}

/** Python's `multiprocessing.SimpleQueue`: unbounded, with only put, get, empty and close. */
export class SimpleQueue<T = unknown> extends QueueBase<T> {
  /** `{ name }` only: a SimpleQueue has no limit. */
  constructor(options?: Omit<QueueOptions, 'maxsize'>, wire?: WireForm) {
    super('simple-queue', options, wire);
  }
}

registerReviver('queue', (wire) => new Queue(undefined, wire));
registerReviver('joinable-queue', (wire) => new JoinableQueue(undefined, wire));
registerReviver('simple-queue', (wire) => new SimpleQueue(undefined, wire));
