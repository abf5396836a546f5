/**
 * The int32 words a lock's state lives in, behind one interface, so lock-core.ts is one
 * implementation wherever the memory is:
 * - {@link SabWords}: a SharedArrayBuffer of this process, used with `Atomics` (threads of the
 *   owner's process share it; other processes ask the owner).
 * - `MappedWords` and `ShmWords` (shm/shm-words.ts): a block of a shared memory segment that
 *   every process of the session can map: with `Atomics` on the mapping where V8 may address it
 *   (Node), through the addon's calls where it may not (Electron's memory cage).
 *
 * Besides the operations, the memory decides how a holder is named in it ({@link Words.tag}) and
 * whether a named holder can still release it ({@link Words.holderAlive}).
 */
import { waitWord, type Deadline, type WaitResult } from './wait';

/** Atomic int32 operations on a small block of shared memory, and how holders are named in it. */
export interface Words {
  /** Sequentially consistent read of word `index`. */
  load(index: number): number;
  /** Sequentially consistent write. */
  store(index: number, value: number): void;
  /** Compare-and-swap; returns the previous value. */
  cas(index: number, expected: number, value: number): number;
  /** Atomic add; returns the previous value. */
  add(index: number, delta: number): number;
  /** Wakes up to `count` waiters on word `index`. */
  notify(index: number, count: number): void;
  /**
   * Waits while word `index` equals `expected`, until woken, the deadline or the signal. May wake
   * spuriously (then `'ok'`): callers re-check.
   */
  wait(index: number, expected: number, deadline: Deadline): WaitResult | Promise<WaitResult>;
  /** Attempts a busy acquire makes before it sleeps (0: sleep at once). */
  readonly spins: number;
  /** The holder value stored for a caller's tag (identity.ts `tagOf`). */
  tag(callerTag: number): number;
  /** False when the holder stored as `holder` is known to be dead (it can never release). */
  holderAlive(holder: number): boolean;
}

/** Words of memory JS can address directly, used with `Atomics` (waiting is the subclass's). */
export abstract class AtomicsWords implements Words {
  abstract readonly spins: number;
  readonly view: Int32Array;

  protected constructor(view: Int32Array) {
    this.view = view;
  }

  load(index: number): number {
    return Atomics.load(this.view, index);
  }

  store(index: number, value: number): void {
    Atomics.store(this.view, index, value);
  }

  cas(index: number, expected: number, value: number): number {
    return Atomics.compareExchange(this.view, index, expected, value);
  }

  add(index: number, delta: number): number {
    return Atomics.add(this.view, index, delta);
  }

  abstract notify(index: number, count: number): void;
  abstract wait(index: number, expected: number, deadline: Deadline): WaitResult | Promise<WaitResult>;
  abstract tag(callerTag: number): number;
  abstract holderAlive(holder: number): boolean;
}

/** Words of a SharedArrayBuffer (this process's memory). */
export class SabWords extends AtomicsWords {
  readonly spins = 0;

  constructor(sab: SharedArrayBuffer, words: number) {
    super(new Int32Array(sab, 0, words));
  }

  notify(index: number, count: number): void {
    Atomics.notify(this.view, index, count);
  }

  wait(index: number, expected: number, deadline: Deadline): WaitResult | Promise<WaitResult> {
    return waitWord(this.view, index, expected, deadline);
  }

  /** Tags are this process's own (threads by id, other processes by assignment). */
  tag(callerTag: number): number {
    return callerTag;
  }

  /** A dead holder is released by the runtime when its context goes (Served.callerGone). */
  holderAlive(): boolean {
    return true;
  }
}
