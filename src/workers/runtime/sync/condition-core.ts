/**
 * Owner-side state of Condition: a {@link LockCore} (its own reentrant one, or one given, as
 * Python's `Condition(lock)`) plus a table of waiter slots in a SharedArrayBuffer.
 *
 * Layout (int32): header [next ticket, slots in use (high-water mark), capacity, 0], then one
 * slot of 4 words per waiter: [state, ticket, tag, 0]. A waiter takes a ticket, claims a free
 * slot, releases the lock and sleeps on its slot's state word. `notify(n)` moves the n waiting
 * slots with the oldest tickets to NOTIFIED, so exactly n waiters wake, first come first served
 * (Python's waiter deque). Every slot change is a CAS, so a waiter gives up its slot (timeout,
 * cancel) without needing the lock, and a notify never counts a waiter that already left.
 *
 * `waitFor(predicate)` is left to the public class: a loop of `wait` around the predicate.
 *
 * Served ops (args are plain data; the caller's tag is the lock holder):
 * | op                                   | args                          | result                      |
 * | ------------------------------------ | ----------------------------- | --------------------------- |
 * | `acquire` `release` `locked` `owned` | as {@link LockCore}           | as {@link LockCore}         |
 * | `wait`                               | `[{ timeoutMs? }?, holder?]`  | {@link ConditionWaitResult} |
 * | `notify`                             | `[n?, holder?]` (n >= 0)      | `number` woken              |
 * | `notifyAll`                          | `[holder?]`                   | `number` woken              |
 *
 * `holder`: the lock holder the caller is, when it locks the lock's segment itself
 * (`LockCore.holderTag`); without it, the caller's tag.
 */
import type { Actor } from '../../../shared/trace-schema';
import { REMOTE_TAG_BASE, selfActor, type PrimitiveInfo } from '../context/identity';
import type { Caller, Served } from '../context/served';
import { invalidArgument } from '../errors';
import { LockCore } from './lock-core';
import { countArg, waitOptionsArg } from './serve-args';
import { conditionNotOwned, tooManyWaiters, unknownOp } from './sync-errors';
import { deadlineOf, waitWord, type CoreWaitOptions } from './wait';

const NEXT_TICKET = 0;
const HIGH = 1;
const CAPACITY = 2;
const HEADER = 4;
const SLOT = 4;
const STATE = 0;
const TICKET = 1;
const TAG = 2;

const FREE = 0;
const WAITING = 1;
const NOTIFIED = 2;
const RESERVED = 3;

/** Default number of waiter slots. */
export const DEFAULT_MAX_WAITERS = 64;

/**
 * How a wait ended. `notified` / `timeout`: the caller holds the lock again (as Python's, even
 * after a timeout); `abandoned` then says its previous holder died holding it. `cancelled`: the
 * signal aborted; the caller does NOT hold the lock.
 */
export interface ConditionWaitResult {
  outcome: 'notified' | 'timeout' | 'cancelled';
  abandoned: boolean;
}

/** A condition variable over a shared lock. */
export class ConditionCore implements Served {
  readonly info: PrimitiveInfo;
  /** The waiter table: hand it (and `lock.sab`) to a thread for {@link ConditionCore.fromShared}. */
  readonly sab: SharedArrayBuffer;
  /** The lock `wait` releases and reacquires. */
  readonly lock: LockCore;
  private readonly words: Int32Array;
  private readonly capacity: number;
  /** Slots whose wait runs in this context: `callerGone` must leave them to it. */
  private readonly activeSlots = new Set<number>();

  private constructor(info: PrimitiveInfo, sab: SharedArrayBuffer, lock: LockCore) {
    this.info = info;
    this.sab = sab;
    this.lock = lock;
    this.words = new Int32Array(sab);
    this.capacity = this.words[CAPACITY]!;
  }

  /**
   * New condition over `lock`, or over its own reentrant lock named like the condition (so
   * lock events name the condition). `maxWaiters`: slots for contexts waiting at once.
   */
  static create(info: PrimitiveInfo, lock?: LockCore, maxWaiters = DEFAULT_MAX_WAITERS): ConditionCore {
    if (!Number.isInteger(maxWaiters) || maxWaiters < 1 || maxWaiters > 65536) {
      throw invalidArgument('maxWaiters', 'must be an integer from 1 to 65536', maxWaiters, 'range');
    }
    const sab = new SharedArrayBuffer((HEADER + maxWaiters * SLOT) * 4);
    new Int32Array(sab)[CAPACITY] = maxWaiters;
    return new ConditionCore(info, sab, lock ?? LockCore.create(info, true, 'sab'));
  }

  /** The same condition in another thread of the owner's process (`lock` revived from its SAB). */
  static fromShared(sab: SharedArrayBuffer, info: PrimitiveInfo, lock: LockCore): ConditionCore {
    return new ConditionCore(info, sab, lock);
  }

  /** Contexts waiting now (not yet notified). */
  nWaiting(): number {
    const w = this.words;
    const high = Atomics.load(w, HIGH);
    let n = 0;
    for (let i = 0; i < high; i++) if (Atomics.load(w, HEADER + i * SLOT + STATE) === WAITING) n++;
    return n;
  }

  private claimSlot(tag: number): number {
    const w = this.words;
    const ticket = Atomics.add(w, NEXT_TICKET, 1);
    for (let i = 0; i < this.capacity; i++) {
      const s = HEADER + i * SLOT;
      if (Atomics.compareExchange(w, s + STATE, FREE, RESERVED) !== FREE) continue;
      w[s + TAG] = tag;
      w[s + TICKET] = ticket;
      Atomics.store(w, s + STATE, WAITING);
      for (let high = Atomics.load(w, HIGH); high < i + 1; high = Atomics.load(w, HIGH)) {
        Atomics.compareExchange(w, HIGH, high, i + 1);
      }
      return s;
    }
    return -1;
  }

  /**
   * Python's `Condition.wait`: releases the lock entirely (an RLock's depth is restored after),
   * sleeps until notified, the timeout, or the signal, then reacquires the lock (not after a
   * cancel). The caller must hold the lock (else RangeError).
   */
  async wait(tag: number, options?: CoreWaitOptions, actor: Actor = selfActor): Promise<ConditionWaitResult> {
    const deadline = deadlineOf(options);
    if (!this.lock.heldBy(tag)) throw conditionNotOwned(this.info.name, 'wait');
    const s = this.claimSlot(tag);
    if (s < 0) throw tooManyWaiters(this.info.name, this.capacity);
    this.activeSlots.add(s);
    let outcome: ConditionWaitResult['outcome'];
    let saved: number;
    try {
      saved = this.lock.releaseSave(tag, actor);
      outcome = await this.sleep(s, deadline);
    } finally {
      this.activeSlots.delete(s);
    }
    if (outcome === 'cancelled') return { outcome, abandoned: false };
    const again = await this.lock.acquireRestore(tag, saved, { signal: deadline.signal }, actor);
    if (again === 'cancelled') return { outcome: 'cancelled', abandoned: false };
    return { outcome, abandoned: again === 'abandoned' };
  }

  /** Sleeps in slot `s` until notified or given up; always leaves the slot FREE. */
  private async sleep(
    s: number,
    deadline: ReturnType<typeof deadlineOf>,
  ): Promise<ConditionWaitResult['outcome']> {
    const w = this.words;
    for (;;) {
      if (Atomics.load(w, s + STATE) === NOTIFIED) break;
      // Notifies on a slot wake everything waiting on it, so nothing is passed on here.
      const woke = await waitWord(w, s + STATE, WAITING, deadline, false);
      if (woke !== 'timed-out' && woke !== 'cancelled') continue;
      if (Atomics.compareExchange(w, s + STATE, WAITING, FREE) === WAITING) {
        return woke === 'timed-out' ? 'timeout' : 'cancelled';
      }
      // Notified as it gave up. A timeout counts as notified (no notify is lost); a cancelled
      // caller leaves, so its notify goes to the next waiter.
      Atomics.store(w, s + STATE, FREE);
      if (woke === 'cancelled') {
        this.wakeOldest(1);
        return 'cancelled';
      }
      return 'notified';
    }
    Atomics.store(w, s + STATE, FREE);
    return 'notified';
  }

  /** Moves up to `n` of the oldest waiters to NOTIFIED and wakes them; returns how many. */
  private wakeOldest(n: number): number {
    const w = this.words;
    let woken = 0;
    while (woken < n) {
      const high = Atomics.load(w, HIGH);
      let best = -1;
      let bestTicket = 0;
      for (let i = 0; i < high; i++) {
        const s = HEADER + i * SLOT;
        if (Atomics.load(w, s + STATE) !== WAITING) continue;
        const ticket = w[s + TICKET]!;
        // Tickets wrap around int32: compare by difference.
        if (best < 0 || ((ticket - bestTicket) | 0) < 0) {
          best = s;
          bestTicket = ticket;
        }
      }
      if (best < 0) break;
      if (Atomics.compareExchange(w, best + STATE, WAITING, NOTIFIED) !== WAITING) continue;
      Atomics.notify(w, best + STATE);
      woken++;
    }
    return woken;
  }

  /** Wakes up to `n` (default 1) waiters, oldest first; the caller must hold the lock. */
  notify(tag: number, n = 1): number {
    countArg('n', n, 1, 0);
    if (!this.lock.heldBy(tag)) throw conditionNotOwned(this.info.name, 'notify');
    return this.wakeOldest(n);
  }

  /** Wakes every waiter; the caller must hold the lock. */
  notifyAll(tag: number): number {
    if (!this.lock.heldBy(tag)) throw conditionNotOwned(this.info.name, 'notify');
    return this.wakeOldest(this.capacity);
  }

  /** Performs an op for a (possibly remote) caller; see the op table in the module docs. */
  serve(op: string, args: readonly unknown[], caller: Caller, signal: AbortSignal): unknown {
    switch (op) {
      case 'acquire':
      case 'release':
      case 'locked':
      case 'owned':
        return this.lock.serve(op, args, caller, signal);
      case 'wait':
        return this.wait(lockTagArg(args[1], caller), waitOptionsArg(args[0], signal), caller);
      case 'notify':
        return this.notify(lockTagArg(args[1], caller), countArg('n', args[0], 1, 0));
      case 'notifyAll':
        return this.notifyAll(lockTagArg(args[0], caller));
      default:
        throw unknownOp(this.info.name, op);
    }
  }

  /**
   * A dead caller's hold on the lock is released (abandoned). A thread of this process that died
   * inside `wait` cannot free its slot: it is freed here, and a notify it had taken is passed on.
   * (Waits served for remote callers run here and clean up when their signal aborts.)
   */
  callerGone(caller: Caller): void {
    this.lock.releaseIfHeldBy(caller.tag, caller);
    if (caller.tag >= REMOTE_TAG_BASE) return;
    const w = this.words;
    const high = Atomics.load(w, HIGH);
    let lost = 0;
    for (let i = 0; i < high; i++) {
      const s = HEADER + i * SLOT;
      if (this.activeSlots.has(s) || w[s + TAG] !== caller.tag) continue;
      const state = Atomics.load(w, s + STATE);
      if (state === WAITING && Atomics.compareExchange(w, s + STATE, WAITING, FREE) === WAITING) continue;
      if (state === NOTIFIED && Atomics.compareExchange(w, s + STATE, NOTIFIED, FREE) === NOTIFIED) lost++;
    }
    if (lost > 0) this.wakeOldest(lost);
  }
}

/**
 * The tag a served wait/notify uses for the lock: the caller's, or, when the caller locks the
 * lock's segment itself (a Condition over a given Lock, from another process), the holder it
 * names (`LockCore.holderTag`: a negative integer).
 */
function lockTagArg(value: unknown, caller: Caller): number {
  if (value === undefined || value === null) return caller.tag;
  if (typeof value !== 'number' || !Number.isInteger(value) || value >= 0) {
    throw invalidArgument('holder', 'must be a negative integer (LockCore.holderTag)', value, 'type');
  }
  return value;
}
