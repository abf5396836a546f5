/**
 * The owner's state of a Queue, JoinableQueue or SimpleQueue, serving every context's operations.
 *
 * Op table (`serve(op, args)`; options are `{ block?, timeoutMs? }`, `timeoutMs` null/undefined =
 * for ever, 0 or `block: false` = try once; kinds: Q = queue, JQ = joinable-queue, all = both and
 * simple-queue):
 *
 * | op          | args                | result      | kinds | fails with                                       |
 * | ----------- | ------------------- | ----------- | ----- | ------------------------------------------------ |
 * | `put`       | `[item, options?]`  | `undefined` | all   | QueueFullError, QueueClosedError, PeerGoneError  |
 * | `putNowait` | `[item]`            | `undefined` | Q, JQ | QueueFullError, QueueClosedError                 |
 * | `get`       | `[options?]`        | the item    | all   | QueueEmptyError, QueueClosedError, PeerGoneError |
 * | `getNowait` | `[]`                | the item    | Q, JQ | QueueEmptyError, QueueClosedError                |
 * | `qsize`     | `[]`                | number      | Q, JQ |                                                  |
 * | `empty`     | `[]`                | boolean     | all   |                                                  |
 * | `full`      | `[]`                | boolean     | Q, JQ |                                                  |
 * | `close`     | `[]`                | `undefined` | all   |                                                  |
 * | `taskDone`  | `[]`                | `undefined` | JQ    | RangeError when no item is unfinished            |
 * | `join`      | `[{ timeoutMs? }?]` | boolean     | JQ    | PeerGoneError; false when it timed out           |
 *
 * Order: items, blocked getters and blocked putters are all first in, first out; a put blocked on
 * a full queue enters it, in order, as soon as a get makes room.
 *
 * Close (global, unlike Python's per-process `close`): every later put fails, and so do puts
 * blocked at that moment (their items never enter); gets still drain the items left, then fail
 * with QueueClosedError instead of blocking for ever; `join` is unaffected.
 *
 * Peer death, when a context ends with a non-zero code or a signal (`callerGone`):
 * - it had put an item: getters blocked on the (then empty) queue fail with PeerGoneError naming
 *   its pid; when no getter is blocked, the death is kept and the next get that would block fails
 *   instead (once), so the death is reported whatever the timing;
 * - it had got an item (bounded queues): the same for putters blocked on a full queue;
 * - it got more items than it marked done (JoinableQueue, items unfinished): the same for `join`.
 * Whatever its exit, its own blocked operations are withdrawn without effect.
 */
import type { PrimitiveInfo } from '../context/identity';
import type { Caller, ContextExit, Served } from '../context/served';
import { invalidArgument } from '../errors';
import { Fifo } from '../fifo';
import { peerGone, queueClosed, queueEmpty, queueFull, taskDoneTooOften, unknownOp } from './channel-errors';
import { readWaitOptions, type WaitMs } from './channel-options';
import { traceGetFailed, traceGot, tracePut } from './channel-trace';
import { QueuePeers, type WaitSide } from './queue-peers';
import { abortReason, WaitList } from './wait-list';

const QUEUE_OPS = ['put', 'putNowait', 'get', 'getNowait', 'qsize', 'empty', 'full', 'close'];
const OPS = {
  queue: new Set(QUEUE_OPS),
  'joinable-queue': new Set([...QUEUE_OPS, 'taskDone', 'join']),
  'simple-queue': new Set(['put', 'get', 'empty', 'close']),
} as const;

/** The kinds of queue {@link QueueState} serves. */
export type QueueKind = keyof typeof OPS;

const WAITING_FOR: Record<WaitSide, string> = {
  get: 'get() waited for an item from a producer',
  put: 'put() waited for a consumer to make room',
  join: 'join() waited for items a consumer took and never marked done',
};

/** State of one queue, living in its owner context. */
export class QueueState implements Served {
  /** The ops that may wait (see Served). */
  readonly waitingOps: ReadonlySet<string> = new Set(['put', 'get', 'join']);
  readonly info: PrimitiveInfo;
  /** Most items the queue holds; 0 = unbounded. */
  readonly maxsize: number;
  private readonly ops: ReadonlySet<string>;
  private readonly items = new Fifo<unknown>();
  private readonly getters = new WaitList<unknown>();
  private readonly putters = new WaitList<void, unknown>();
  private readonly joiners = new WaitList<boolean>();
  private readonly peers = new QueuePeers();
  /** Items put and not yet marked done (JoinableQueue bookkeeping, counted for every kind). */
  private unfinished = 0;
  private closed = false;

  /** `info.kind` must be a queue kind; `maxsize` an integer >= 0 (0 = unbounded; SimpleQueue: 0). */
  constructor(info: PrimitiveInfo, maxsize = 0) {
    if (!Object.hasOwn(OPS, info.kind))
      throw invalidArgument('info.kind', 'must be a queue kind', info.kind, 'range');
    if (typeof maxsize !== 'number') throw invalidArgument('maxsize', 'must be an integer', maxsize, 'type');
    if (!Number.isSafeInteger(maxsize) || maxsize < 0 || (info.kind === 'simple-queue' && maxsize !== 0)) {
      const detail = info.kind === 'simple-queue' ? 'must be 0 for a SimpleQueue' : 'must be an integer >= 0';
      throw invalidArgument('maxsize', detail, maxsize, 'range');
    }
    this.info = info;
    this.maxsize = maxsize;
    this.ops = OPS[info.kind as QueueKind];
  }

  /** Performs `op` for `caller` (see the op table in the module docs). */
  serve(op: string, args: readonly unknown[], caller: Caller, signal: AbortSignal): unknown {
    if (!this.ops.has(op)) throw unknownOp(this.info, op);
    // A caller that already gave up gets nothing done: no trace of it in the queue.
    if (signal.aborted) throw abortReason(signal);
    switch (op) {
      case 'put':
        return this.put(args[0], readWaitOptions(args[1]), caller, signal);
      case 'putNowait':
        return this.put(args[0], 0, caller, signal);
      case 'get':
        return this.get(readWaitOptions(args[0]), caller, signal);
      case 'getNowait':
        return this.get(0, caller, signal);
      case 'qsize':
        return this.items.length;
      case 'empty':
        return this.items.length === 0;
      case 'full':
        return this.maxsize > 0 && this.items.length >= this.maxsize;
      case 'close':
        return this.close();
      case 'taskDone':
        return this.taskDone(caller);
      default:
        return this.join(readWaitOptions(args[0]), caller, signal);
    }
  }

  /**
   * `get` for the owner's own context (primitives/queue.ts), without an op lookup and without
   * a signal when none was given: the item, or a promise of it (the item is never a promise:
   * items are plain data). Throws as `serve` does.
   */
  ownGet(timeoutMs: WaitMs, caller: Caller, signal: AbortSignal | null): unknown {
    if (signal?.aborted === true) throw abortReason(signal);
    return this.get(timeoutMs, caller, signal);
  }

  /** A context ended: withdraw its waits; if it died, fail the waits it made hopeless. */
  callerGone(caller: Caller, exit: ContextExit): void {
    const mine = (w: { caller: Caller }): boolean => w.caller.address === caller.address;
    const gone = new Error(`${this.info.name}: the calling context ${caller.address} ended`);
    for (const list of [this.getters, this.putters, this.joiners] as WaitList<unknown, unknown>[]) {
      for (const waiter of list.select(mine)) waiter.reject(gone);
    }
    const usage = this.peers.forget(caller.address);
    if (usage === undefined || (exit.code === 0 && exit.signal === null)) return;
    if (usage.put > 0) this.reportDeath('get', usage.pid);
    if (usage.got > 0 && this.maxsize > 0) this.reportDeath('put', usage.pid);
    if (usage.got > usage.done && this.unfinished > 0 && this.info.kind === 'joinable-queue') {
      this.reportDeath('join', usage.pid);
    }
  }

  private hasRoom(): boolean {
    return this.putters.size === 0 && (this.maxsize === 0 || this.items.length < this.maxsize);
  }

  private put(item: unknown, timeoutMs: WaitMs, caller: Caller, signal: AbortSignal): unknown {
    if (this.closed) {
      tracePut(this.info, caller, false, this.items.length, item);
      throw queueClosed(this.info, 'put');
    }
    if (this.getters.size > 0 && this.items.length === 0) {
      // Someone waits for exactly this item: straight to them, as insert + pump would do.
      this.unfinished++;
      this.peers.count(caller, 'put');
      tracePut(this.info, caller, true, 1, item);
      const getter = this.getters.first()!;
      this.peers.count(getter.caller, 'got');
      traceGot(this.info, getter.caller, 0, item);
      getter.resolve(item);
      return undefined;
    }
    if (this.hasRoom()) {
      this.insert(item, caller);
      this.pump();
      return undefined;
    }
    const fail = (error: Error): never => {
      tracePut(this.info, caller, false, this.items.length, item);
      throw error;
    };
    if (timeoutMs === 0) return fail(queueFull(this.info, null));
    this.failIfDeathKept('put', () => tracePut(this.info, caller, false, this.items.length, item));
    return this.putters.wait(caller, signal, timeoutMs, item, {
      onTimeout: () => fail(queueFull(this.info, timeoutMs)),
      onCancel: () => tracePut(this.info, caller, false, this.items.length, item),
    });
  }

  private get(timeoutMs: WaitMs, caller: Caller, signal: AbortSignal | null): unknown {
    if (this.items.length > 0) {
      const item = this.take(caller);
      this.pump();
      return item;
    }
    const fail = (why: 'empty' | 'closed' | 'timeout', error: Error): never => {
      traceGetFailed(this.info, caller, this.items.length, why);
      throw error;
    };
    if (this.closed) return fail('closed', queueClosed(this.info, 'get'));
    if (timeoutMs === 0) return fail('empty', queueEmpty(this.info, null));
    this.failIfDeathKept('get', () => traceGetFailed(this.info, caller, 0, 'peer-gone'));
    return this.getters.wait(caller, signal, timeoutMs, undefined, {
      onTimeout: () => fail('timeout', queueEmpty(this.info, timeoutMs)),
      onCancel: () => traceGetFailed(this.info, caller, this.items.length, 'cancelled'),
    });
  }

  private join(timeoutMs: WaitMs, caller: Caller, signal: AbortSignal | null): boolean | Promise<boolean> {
    if (this.unfinished === 0) return true;
    if (timeoutMs === 0) return false;
    this.failIfDeathKept('join', () => undefined);
    return this.joiners.wait(caller, signal, timeoutMs, undefined, {
      onTimeout: () => false,
      onCancel: () => undefined,
    });
  }

  private taskDone(caller: Caller): undefined {
    if (this.unfinished === 0) throw taskDoneTooOften(this.info);
    this.unfinished--;
    this.peers.count(caller, 'done');
    if (this.unfinished === 0) for (const joiner of this.joiners.select()) joiner.resolve(true);
    return undefined;
  }

  private close(): undefined {
    if (this.closed) return undefined;
    this.closed = true;
    for (const putter of this.putters.select()) {
      tracePut(this.info, putter.caller, false, this.items.length, putter.payload);
      putter.reject(queueClosed(this.info, 'put'));
    }
    // Getters wait only on an empty queue, and nothing can arrive any more.
    for (const getter of this.getters.select()) {
      traceGetFailed(this.info, getter.caller, 0, 'closed');
      getter.reject(queueClosed(this.info, 'get'));
    }
    return undefined;
  }

  private insert(item: unknown, caller: Caller): void {
    this.items.push(item);
    this.unfinished++;
    this.peers.count(caller, 'put');
    tracePut(this.info, caller, true, this.items.length, item);
  }

  private take(caller: Caller): unknown {
    const item = this.items.shift();
    this.peers.count(caller, 'got');
    traceGot(this.info, caller, this.items.length, item);
    return item;
  }

  /** Hands items to blocked getters and lets blocked puts in, in order, while either can move. */
  private pump(): void {
    // Sizes first: this runs after every put and get, and most of the time nobody waits.
    for (;;) {
      if (this.getters.size > 0 && this.items.length > 0) {
        const getter = this.getters.first()!;
        getter.resolve(this.take(getter.caller));
      } else if (this.putters.size > 0 && (this.maxsize === 0 || this.items.length < this.maxsize)) {
        const putter = this.putters.first()!;
        this.insert(putter.payload, putter.caller);
        putter.resolve(undefined);
      } else return;
    }
  }

  /** A wait of `side` is about to block: if a death was kept for it, fail now instead. */
  private failIfDeathKept(side: WaitSide, trace: () => void): void {
    const pids = this.peers.take(side);
    if (pids.length === 0) return;
    trace();
    throw peerGone(this.info, pids, WAITING_FOR[side]);
  }

  /** `pid` died: fail the waits of `side` it made hopeless, or keep the news for the next one. */
  private reportDeath(side: WaitSide, pid: number): void {
    const list: WaitList<unknown, unknown> =
      side === 'get' ? this.getters : side === 'put' ? this.putters : this.joiners;
    const waiters = list.select();
    if (waiters.length === 0) {
      this.peers.defer(side, pid);
      return;
    }
    for (const waiter of waiters) {
      if (side === 'get') traceGetFailed(this.info, waiter.caller, this.items.length, 'peer-gone');
      if (side === 'put') tracePut(this.info, waiter.caller, false, this.items.length, waiter.payload);
      waiter.reject(peerGone(this.info, [pid], WAITING_FOR[side]));
    }
  }
}
